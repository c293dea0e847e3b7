using WebProxy.Policy.Exemptions;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// The governance objects one process opens over a data folder, wired once: the governance log (which it owns and
/// closes on <see cref="Dispose"/>), the exemption table in it, the directory source, the <see cref="GovernanceState"/>
/// on them, and the services behind the admin API, the manager pages and the command line.
/// </summary>
public sealed class GovernanceServices : IDisposable
{
    private GovernanceServices(GovernanceLog log, IDirectorySource directorySource, ExemptionSettings settings, TimeProvider clock)
    {
        Log = log;
        Store = new ExemptionStore(log);
        DirectorySource = directorySource;
        State = new GovernanceState(log, Store, directorySource);
        Exemptions = new ExemptionService(State, new ExemptionRules(settings), clock);
        Directory = new DirectoryService(State, clock);
        SignIn = new SignInService(State, new SignInThrottle(clock), clock);
        LogService = new GovernanceLogService(State);
    }

    public GovernanceLog Log { get; }

    public ExemptionStore Store { get; }

    public IDirectorySource DirectorySource { get; }

    public GovernanceState State { get; }

    public ExemptionService Exemptions { get; }

    public DirectoryService Directory { get; }

    public SignInService SignIn { get; }

    public GovernanceLogService LogService { get; }

    /// <summary>Opens the governance log in <paramref name="dataDirectory"/> and the services on it and <paramref name="directorySource"/>.</summary>
    /// <exception cref="Policy.Identity.PersonDirectoryException">The directory source is not valid; nothing stays open.</exception>
    public static GovernanceServices Open(string dataDirectory, IDirectorySource directorySource, ExemptionSettings settings, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(directorySource);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        var log = new GovernanceLog(dataDirectory, clock);
        try
        {
            return new GovernanceServices(log, directorySource, settings, clock);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    public void Dispose() => Log.Dispose();
}
