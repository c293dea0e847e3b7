using WebProxy.Governance.Rights;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// The governance objects one process opens over a data folder, wired once: the governance log (which it owns and
/// closes on <see cref="Dispose"/>), the exemption and investigation tables in it, the captured requests of
/// investigations (<c>investigations.db</c>, also owned), the directory source, the <see cref="GovernanceState"/> on
/// them, and the services behind the admin API, the manager pages and the command line.
/// </summary>
public sealed class GovernanceServices : IDisposable
{
    private GovernanceServices(
        GovernanceLog log,
        CaptureStore captures,
        IDirectorySource directorySource,
        ExemptionSettings settings,
        InvestigationSettings investigationSettings,
        TimeProvider clock)
    {
        Log = log;
        Store = new ExemptionStore(log);
        InvestigationStore = new InvestigationStore(log);
        Captures = captures;
        DirectorySource = directorySource;
        State = new GovernanceState(log, Store, InvestigationStore, directorySource);
        Exemptions = new ExemptionService(State, new ExemptionRules(settings), clock);
        Investigations = new InvestigationService(State, new InvestigationRules(investigationSettings), captures, clock);
        Directory = new DirectoryService(State, clock);
        SignIn = new SignInService(State, new SignInThrottle(clock), clock);
        LogService = new GovernanceLogService(State);
        RightsRequestStore = new RightsRequestStore(log);
        RightsRequests = new RightsRequestService(State, RightsRequestStore, captures, clock);
        SubjectAccess = new SubjectAccessService(State, captures, RightsRequestStore, clock);
    }

    public GovernanceLog Log { get; }

    public ExemptionStore Store { get; }

    public InvestigationStore InvestigationStore { get; }

    /// <summary>The requests recorded about investigations' subjects (<c>investigations.db</c>).</summary>
    public CaptureStore Captures { get; }

    public IDirectorySource DirectorySource { get; }

    public GovernanceState State { get; }

    public ExemptionService Exemptions { get; }

    public InvestigationService Investigations { get; }

    public DirectoryService Directory { get; }

    public SignInService SignIn { get; }

    public GovernanceLogService LogService { get; }

    /// <summary>The employees' rights requests (article 8), in the governance database.</summary>
    public RightsRequestStore RightsRequestStore { get; }

    /// <summary>Filing and answering rights requests (article 8).</summary>
    public RightsRequestService RightsRequests { get; }

    /// <summary>A person's overview of everything held about them (article 8).</summary>
    public SubjectAccessService SubjectAccess { get; }

    /// <summary>Opens the governance log in <paramref name="dataDirectory"/> and the services on it and <paramref name="directorySource"/>.</summary>
    /// <exception cref="Policy.Identity.PersonDirectoryException">The directory source is not valid; nothing stays open.</exception>
    public static GovernanceServices Open(string dataDirectory, IDirectorySource directorySource, ExemptionSettings settings, TimeProvider clock) =>
        Open(dataDirectory, directorySource, settings, InvestigationSettings.Default, clock);

    /// <summary>
    /// Opens the governance log and the captured requests in <paramref name="dataDirectory"/> and the services on
    /// them and <paramref name="directorySource"/>.
    /// </summary>
    /// <exception cref="Policy.Identity.PersonDirectoryException">The directory source is not valid; nothing stays open.</exception>
    public static GovernanceServices Open(
        string dataDirectory,
        IDirectorySource directorySource,
        ExemptionSettings settings,
        InvestigationSettings investigationSettings,
        TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(directorySource);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(investigationSettings);
        ArgumentNullException.ThrowIfNull(clock);
        var log = new GovernanceLog(dataDirectory, clock);
        CaptureStore? captures = null;
        try
        {
            captures = new CaptureStore(dataDirectory);
            return new GovernanceServices(log, captures, directorySource, settings, investigationSettings, clock);
        }
        catch
        {
            captures?.Dispose();
            log.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Captures.Dispose();
        }
        finally
        {
            Log.Dispose();
        }
    }
}
