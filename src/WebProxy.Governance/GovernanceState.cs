using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// The directory, the exemptions and the investigations as they are now, for the proxy (whose exemptions apply to whom) and the admin
/// services. All are immutable snapshots swapped with one reference write, so a request reads them without a lock.
/// <see cref="Refresh"/> reloads them when the governance log's head or the directory source has moved: every
/// change of an exemption, an investigation and the directory appends a record, so the head tells a change made by another process
/// (the command line) as well as one made here. The host calls it on a short timer; services call it after writing.
/// </summary>
public sealed class GovernanceState
{
    private readonly GovernanceLog _log;
    private readonly ExemptionStore _exemptions;
    private readonly InvestigationStore _investigations;
    private readonly IDirectorySource _directorySource;
    private readonly Lock _refreshLock = new();
    private volatile Snapshot _snapshot;
    private object? _rejectedDirectoryVersion;
    private volatile PersonDirectoryException? _directoryProblem;

    public GovernanceState(GovernanceLog log, ExemptionStore exemptions, InvestigationStore investigations, IDirectorySource directorySource)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(exemptions);
        ArgumentNullException.ThrowIfNull(investigations);
        ArgumentNullException.ThrowIfNull(directorySource);
        _log = log;
        _exemptions = exemptions;
        _investigations = investigations;
        _directorySource = directorySource;
        _snapshot = new Snapshot(log.Head(), directorySource.Version(), directorySource.Load(), exemptions.Load(), investigations.Load());
    }

    /// <summary>Raised after <see cref="Refresh"/> swapped in a new directory, new exemptions or new investigations.</summary>
    public event EventHandler? Changed;

    /// <summary>The directory of people now.</summary>
    public PersonDirectory Directory => _snapshot.Directory;

    /// <summary>All exemptions now, ended and revoked ones included.</summary>
    public ExemptionSet Exemptions => _snapshot.Exemptions;

    /// <summary>All investigations now, whatever their state.</summary>
    public InvestigationSet Investigations => _snapshot.Investigations;

    /// <summary>
    /// Why the directory source's current version was rejected (the previous directory is in force), or null while
    /// it is valid.
    /// </summary>
    public PersonDirectoryException? DirectoryProblem => _directoryProblem;

    /// <summary>The directory's source.</summary>
    public IDirectorySource DirectorySource => _directorySource;

    /// <summary>The governance log.</summary>
    public GovernanceLog Log => _log;

    /// <summary>The exemption table.</summary>
    public ExemptionStore ExemptionStore => _exemptions;

    /// <summary>The investigation table.</summary>
    public InvestigationStore InvestigationStore => _investigations;

    /// <summary>
    /// Reloads what changed since the last look. A directory source that became invalid (a hand edit gone wrong)
    /// keeps the last valid directory in force and reports the problem; the exemptions still refresh.
    /// </summary>
    /// <returns>Null, or the directory problem that kept the old directory in force.</returns>
    public PersonDirectoryException? Refresh()
    {
        lock (_refreshLock)
        {
            var current = _snapshot;
            var head = _log.Head();
            var version = _directorySource.Version();
            var headMoved = head != current.Head;
            if (Equals(version, current.DirectoryVersion))
            {
                _directoryProblem = null;
            }

            var directoryMoved = !Equals(version, current.DirectoryVersion) && !Equals(version, _rejectedDirectoryVersion);
            if (!headMoved && !directoryMoved)
            {
                return null;
            }

            PersonDirectoryException? problem = null;
            var directory = current.Directory;
            if (directoryMoved)
            {
                try
                {
                    directory = _directorySource.Load();
                    _directoryProblem = null;
                }
                catch (PersonDirectoryException ex)
                {
                    // Reported once per broken version, not on every poll.
                    problem = ex;
                    _directoryProblem = ex;
                    _rejectedDirectoryVersion = version;
                }
            }

            if (!headMoved && problem is not null)
            {
                return problem;
            }

            var exemptions = headMoved ? _exemptions.Load() : current.Exemptions;
            var investigations = headMoved ? _investigations.Load() : current.Investigations;
            _snapshot = new Snapshot(head, problem is null ? version : current.DirectoryVersion, directory, exemptions, investigations);
            Changed?.Invoke(this, EventArgs.Empty);
            return problem;
        }
    }

    private sealed record Snapshot(
        GovernanceHead? Head, object DirectoryVersion, PersonDirectory Directory, ExemptionSet Exemptions, InvestigationSet Investigations);
}
