using Microsoft.Extensions.Time.Testing;
using WebProxy.Admin.ManagerPages;
using WebProxy.Admin.Tests.Rights;
using WebProxy.Governance;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// The admin port's pages (<see cref="ManagerPageEndpoints.MapManagerPages"/>, the investigation pages among them) as
/// <see cref="RightsServer"/> hosts them, in the admin time zone Europe/Amsterdam so the forms' local times are
/// converted, with the steps the investigation page tests share. People sign in through the login form
/// (<see cref="SignInAsync"/>, a <see cref="PageSession"/>).
/// </summary>
internal sealed class InvestigationPagesServer : IAsyncDisposable
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly RightsServer _server;

    private InvestigationPagesServer(RightsServer server) => _server = server;

    /// <summary>A Monday morning, 10:00 in Amsterdam; the fake clock starts here.</summary>
    public static DateTimeOffset Start => RightsServer.Start;

    public FakeTimeProvider Clock => _server.Clock;

    public GovernanceServices Governance => _server.Governance;

    public Uri Address => _server.Client.BaseAddress!;

    public static async Task<InvestigationPagesServer> StartAsync() => new(await RightsServer.StartAsync(Amsterdam));

    /// <summary>Signs <paramref name="person"/> in through <c>POST /login</c>; the session keeps the cookie.</summary>
    public Task<PageSession> SignInAsync(string person) => PageSession.SignInAsync(Address, person);

    /// <summary>Every record in the governance log.</summary>
    public IReadOnlyList<GovernanceRecord> Records() => _server.Records();

    /// <summary>An investigation of <paramref name="subject"/> requested through the service (a day from now unless told).</summary>
    public Guid Request(string requester, string subject, string[] readers, string scope = "traffic", string purpose = "Suspected leaking of tender documents")
    {
        var now = Clock.GetUtcNow();
        var outcome = Governance.Investigations.Request(Actor.Api(requester),
            new InvestigationRequest(subject, purpose, "Article 6.2 Privacyreglement", scope, now, now.AddDays(1), readers));
        Assert.True(outcome.Succeeded, outcome.Problem?.Reason);
        return outcome.Value.Id;
    }

    public void Approve(Guid id, string approver = TestOrganisation.Secretary) =>
        Assert.True(Governance.Investigations.Approve(Actor.Api(approver), id, new InvestigationApprovalRequest()).Succeeded);

    public Policy.Investigations.Investigation Find(Guid id) => Governance.State.Investigations.Find(id)!;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
