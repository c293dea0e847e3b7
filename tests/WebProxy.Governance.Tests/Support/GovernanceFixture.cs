using Microsoft.Extensions.Time.Testing;
using WebProxy.Policy.Exemptions;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Governance.Tests.Support;

/// <summary>
/// <see cref="TestOrganisation"/> on real files: <c>directory.json</c> and <c>governance.db</c> in a temporary
/// folder, a fake clock, and one process's <see cref="GovernanceServices"/> over them, wired as the host wires them.
/// Everyone has the password <see cref="TestOrganisation.Password"/>.
/// </summary>
internal sealed class GovernanceFixture : IDisposable
{
    /// <summary>A Monday morning; the fake clock starts here.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _data = new();

    public GovernanceFixture()
        : this(TestOrganisation.Directory)
    {
    }

    /// <summary>The same on another directory, e.g. <see cref="TestOrganisation.WithAlderman"/>.</summary>
    public GovernanceFixture(Policy.Identity.PersonDirectory directory)
    {
        DirectoryPath = TestOrganisation.WriteTo(_data.Path, directory);
        Instance = Open();
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string DataPath => _data.Path;

    public string DirectoryPath { get; }

    public GovernanceServices Instance { get; }

    public GovernanceState State => Instance.State;

    public GovernanceLog Log => Instance.Log;

    public ExemptionService Exemptions => Instance.Exemptions;

    public InvestigationService Investigations => Instance.Investigations;

    public DirectoryService Directory => Instance.Directory;

    public SignInService SignIn => Instance.SignIn;

    public GovernanceLogService LogService => Instance.LogService;

    /// <summary>Another process (the command line, a restarted service) over the same files.</summary>
    public GovernanceServices OpenAnotherInstance() => Open();

    /// <summary>A gambling research exemption from now for <paramref name="days"/> days, granted by the subject's manager.</summary>
    public Exemption GrantResearch(string subject = TestOrganisation.Researcher, string grantor = TestOrganisation.Manager, int days = 30)
    {
        var now = Clock.GetUtcNow();
        var granted = Exemptions.GrantResearch(Actor.Api(grantor), new ResearchGrantRequest(subject, ["gambling"], now, now.AddDays(days), "Gambling permit inspections"));
        Assert.True(granted.Succeeded, granted.Problem?.ToString());
        return granted.Value;
    }

    /// <summary>Every record in the log, optionally of one action only.</summary>
    public IReadOnlyList<GovernanceRecord> Records(GovernanceAction? action = null) =>
        [.. Log.Read(DateTimeOffset.UnixEpoch, Start.AddYears(10)).Where(r => action is null || r.Action == action)];

    public void Dispose()
    {
        Instance.Dispose();
        _data.Dispose();
    }

    private GovernanceServices Open() => GovernanceServices.Open(_data.Path, new DirectoryFile(DirectoryPath), ExemptionSettings.Default, Clock);
}
