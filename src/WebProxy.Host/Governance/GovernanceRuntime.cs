using Microsoft.Extensions.Logging;
using WebProxy.Governance;
using WebProxy.Host.Configuration;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;
using WebProxy.Proxy.Rules;
using WebProxy.Storage;

namespace WebProxy.Host.Governance;

/// <summary>
/// The governance database, the directory and the services on them (<see cref="GovernanceServices"/> with the
/// configured directory file and longest exemption period), opened once per process: by the server (which also keeps
/// them current and records expiries, see <see cref="StartTimers"/>) and by the command line (which calls the same
/// services and exits). A broken directory file stops the start with file, line and field.
/// </summary>
internal sealed class GovernanceRuntime : IExemptionSource, IDisposable
{
    /// <summary>How often the server looks for changes made by another process (the command line).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often personal data past its retention is deleted (and at every start).</summary>
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);

    /// <summary>The longest single wait for the next exemption change; a later one is reached in several waits.</summary>
    private static readonly TimeSpan LongestExpiryWait = TimeSpan.FromDays(1);

    /// <summary>How soon an ended exemption whose expiry could not be recorded yet is tried again.</summary>
    private static readonly TimeSpan ExpiryRetry = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _timeProvider;
    private readonly GovernanceServices _services;
    private readonly CaptureRetention _retention;
    private readonly ExemptionRetention _exemptionRetention;
    private readonly Lock _timerLock = new();
    private ILogger? _logger;
    private RetentionMetrics? _retentionMetrics;
    private int _reappliedAtOpen;
    private ITimer? _pollTimer;
    private ITimer? _expiryTimer;
    private ITimer? _retentionTimer;
    private bool _disposed;

    private GovernanceRuntime(GovernanceServices services, TimeProvider timeProvider, CaptureRetention retention, ExemptionRetention exemptionRetention)
    {
        _services = services;
        _timeProvider = timeProvider;
        _retention = retention;
        _exemptionRetention = exemptionRetention;
    }

    public GovernanceState State => _services.State;

    public ExemptionService Exemptions => _services.Exemptions;

    public DirectoryService Directory => _services.Directory;

    public SignInService SignIn => _services.SignIn;

    public GovernanceLogService Log => _services.LogService;

    public InvestigationService Investigations => _services.Investigations;

    public WebProxy.Governance.Rights.RightsRequestService RightsRequests => _services.RightsRequests;

    public WebProxy.Governance.Rights.SubjectAccessService SubjectAccess => _services.SubjectAccess;

    /// <summary>The requests captured under investigations (<c>investigations.db</c>).</summary>
    public CaptureStore Captures => _services.Captures;

    /// <summary>The exemptions in force, for the proxy.</summary>
    public ExemptionSet Current => State.Exemptions;

    /// <summary>The directory file the settings name: <c>Identity.DirectoryFile</c>, else <c>directory.json</c> in the data folder.</summary>
    public static string DirectoryPath(WebProxySettings settings) =>
        settings.Identity.DirectoryFile ?? Path.Combine(Path.GetFullPath(settings.DataDirectory), "directory.json");

    /// <exception cref="ConfigurationException">The directory file is not valid.</exception>
    public static GovernanceRuntime Open(WebProxySettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var directory = new DirectoryFile(DirectoryPath(settings));
        var exemptions = ExemptionSettings.Default with { MaxPeriod = TimeSpan.FromDays(settings.Identity.MaxExemptionDays) };
        var investigations = InvestigationSettings.Default with { MaxPeriod = TimeSpan.FromDays(settings.Investigations.MaxPeriodDays) };
        try
        {
            var services = GovernanceServices.Open(Path.GetFullPath(settings.DataDirectory), directory, exemptions, investigations, timeProvider);
            var runtime = new GovernanceRuntime(services, timeProvider,
                new CaptureRetention(services.State, services.Captures, timeProvider, TimeSpan.FromDays(settings.Investigations.RetentionDays),
                    TimeSpan.FromDays(settings.Investigations.ClosedGraceDays)),
                new ExemptionRetention(services.State, services.Store, timeProvider, TimeSpan.FromDays(settings.Identity.ExemptionRetentionDays)));

            // Before anything is served: deletions recorded since a backup was taken are applied again (article 7.2),
            // and answers a stop interrupted are carried out; one pass over the log for both.
            var onRecord = services.Log.Read(DateTimeOffset.UnixEpoch, timeProvider.GetUtcNow().AddDays(1))
                .Where(r => r.Action is GovernanceAction.RecordsDeleted or GovernanceAction.RightsRequestAnswered)
                .ToArray();
            runtime._reappliedAtOpen = runtime._retention.Reapply(onRecord);
            services.RightsRequests.CompleteInterruptedBlocks(onRecord);
            return runtime;
        }
        catch (PersonDirectoryException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Server only: looks for changes from other processes every <see cref="PollInterval"/>, records each
    /// exemption's expiry when it ends (a timer set to the next start or end, not a poll), including those that ended
    /// while the server was down, and deletes personal data past its retention at start and every
    /// <see cref="RetentionInterval"/>, counting the deletions in <paramref name="retentionMetrics"/>.
    /// </summary>
    public void StartTimers(ILogger logger, RetentionMetrics? retentionMetrics = null)
    {
        _logger = logger;
        _retentionMetrics = retentionMetrics;
        _retentionMetrics?.CountReapplied(_reappliedAtOpen);
        State.Changed += (_, _) => ScheduleExpiry();
        ApplyRetention();
        _pollTimer = _timeProvider.CreateTimer(_ => Poll(), null, PollInterval, PollInterval);
        _retentionTimer = _timeProvider.CreateTimer(_ => ApplyRetention(), null, RetentionInterval, RetentionInterval);
    }

    private void ApplyRetention()
    {
        try
        {
            // Expiries first: an exemption's end is on record before the exemption itself can go.
            RecordExpiries();
            ApplyRetention(_retention.Apply);
            ApplyRetention(_exemptionRetention.Apply);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            GovernanceLogMessages.RefreshFailed(_logger!, ex.Message);
        }
    }

    /// <summary>One class's run, counted and logged as soon as it is done, so a later class's failure loses no count.</summary>
    private void ApplyRetention(Func<RetentionDeletions> apply)
    {
        var deleted = apply();
        _retentionMetrics?.Count(deleted);
        if (deleted.Total > 0)
        {
            GovernanceLogMessages.PersonalDataDeleted(_logger!, deleted.CapturedRequests, deleted.ClosedInvestigationRequests, deleted.Exemptions);
        }
    }

    public void Dispose()
    {
        lock (_timerLock)
        {
            _disposed = true;
            _pollTimer?.Dispose();
            _expiryTimer?.Dispose();
            _retentionTimer?.Dispose();
        }

        _services.Dispose();
    }

    private void Poll()
    {
        try
        {
            if (State.Refresh() is { } problem)
            {
                GovernanceLogMessages.DirectoryRejected(_logger!, problem.Message);
            }

            // Captured requests reach the disk within a poll interval, not only when a batch is full.
            if (_services.Captures.Pending > 0)
            {
                _services.Captures.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            GovernanceLogMessages.RefreshFailed(_logger!, ex.Message);
        }
    }

    private void RecordExpiries()
    {
        try
        {
            var recorded = Exemptions.RecordExpiries();
            if (recorded > 0)
            {
                GovernanceLogMessages.ExemptionsExpired(_logger!, recorded);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            GovernanceLogMessages.RefreshFailed(_logger!, ex.Message);
        }

        ScheduleExpiry();
    }

    private void ScheduleExpiry()
    {
        lock (_timerLock)
        {
            if (_disposed || _logger is null)
            {
                return;
            }

            _expiryTimer?.Dispose();
            _expiryTimer = null;
            // A timer may fire a little before its moment, finding nothing ended yet; an end that has passed
            // unrecorded by now is retried shortly rather than waiting for the next change.
            var now = _timeProvider.GetUtcNow();
            var due = State.Exemptions.Expired(now).Count > 0 ? ExpiryRetry
                : State.Exemptions.NextChange(now) is { } next ? next - now
                : (TimeSpan?)null;
            if (due is { } delay)
            {
                // Timers take at most 2^32-2 ms (~49.7 days) and an exemption may run 90 days or more: a far end is
                // reached in steps, each firing rescheduling for what is then next.
                _expiryTimer = _timeProvider.CreateTimer(_ => RecordExpiries(), null, delay < LongestExpiryWait ? delay : LongestExpiryWait, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
