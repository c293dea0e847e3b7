using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using WebProxy.Host.Configuration;
using WebProxy.Statistics.Counting;
using WebProxy.Statistics.Sites;
using WebProxy.Storage.Statistics;

namespace WebProxy.Host.Statistics;

/// <summary>
/// The statistics of issue 5 in the server: the recorder the proxy counts into, the flush into
/// <c>statistics.db</c> every <see cref="StatisticsSection.FlushInterval"/> (one transaction each, so a crash loses at
/// most one interval), and the retention job, which runs at start and then daily.
/// </summary>
internal sealed class StatisticsRuntime : IDisposable
{
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromDays(1);

    private readonly StatisticsSection _settings;
    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo _timeZone;
    private readonly ILogger _logger;
    private readonly StatisticsMetrics _metrics;
    private readonly Lock _flushLock = new();
    private ITimer? _flushTimer;
    private ITimer? _retentionTimer;
    private long _lastFlushTimestamp;
    private bool _disposed;

    private StatisticsRuntime(StatisticsSection settings, StatisticsStore store, StatisticsRecorder recorder, TimeProvider timeProvider, TimeZoneInfo timeZone,
        IMeterFactory meterFactory, ILogger logger)
    {
        _settings = settings;
        Store = store;
        Recorder = recorder;
        _timeProvider = timeProvider;
        _timeZone = timeZone;
        _logger = logger;
        _lastFlushTimestamp = timeProvider.GetTimestamp();
        _metrics = new StatisticsMetrics(meterFactory, () => _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastFlushTimestamp)).TotalSeconds);
    }

    public StatisticsStore Store { get; }

    public StatisticsRecorder Recorder { get; }

    /// <summary>The suffix list file the settings name: configured, else <c>psl/public_suffix_list.dat</c> in the data folder.</summary>
    public static string SuffixListPath(WebProxySettings settings) =>
        settings.Statistics.PublicSuffixListFile ?? Path.Combine(Path.GetFullPath(settings.DataDirectory), "psl", "public_suffix_list.dat");

    /// <summary>Opens the database and the suffix list and starts the timers.</summary>
    /// <exception cref="ConfigurationException">The suffix list file exists but is not a valid list.</exception>
    public static StatisticsRuntime Start(WebProxySettings settings, TimeProvider timeProvider, IMeterFactory meterFactory, ILogger logger)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.Admin.TimeZone);
        var suffixes = LoadSuffixes(SuffixListPath(settings), logger);
        var store = new StatisticsStore(Path.GetFullPath(settings.DataDirectory));
        var runtime = new StatisticsRuntime(settings.Statistics, store, new StatisticsRecorder(suffixes, timeProvider, timeZone), timeProvider, timeZone, meterFactory, logger);
        runtime.ApplyRetention();
        runtime._flushTimer = timeProvider.CreateTimer(_ => runtime.Flush(), null, settings.Statistics.FlushInterval, settings.Statistics.FlushInterval);
        runtime._retentionTimer = timeProvider.CreateTimer(_ => runtime.ApplyRetention(), null, RetentionInterval, RetentionInterval);
        return runtime;
    }

    /// <summary>
    /// Re-reads the suffix list (after <c>webproxy categories update</c> refreshed it, or on SIGHUP); a broken file
    /// keeps the current list.
    /// </summary>
    public string ReloadSuffixes(WebProxySettings settings)
    {
        try
        {
            Recorder.Suffixes = LoadSuffixes(SuffixListPath(settings), _logger);
            return $"Public Suffix List: {Recorder.Suffixes.RuleCount} rules.";
        }
        catch (ConfigurationException ex)
        {
            return $"Public Suffix List not reloaded: {ex.Message}";
        }
    }

    /// <summary>Writes what is counted so far; called by the timer, before a report and at shutdown.</summary>
    public void Flush()
    {
        lock (_flushLock)
        {
            var started = _timeProvider.GetTimestamp();
            var batch = Recorder.TakeBatch();
            if (batch.IsEmpty)
            {
                Interlocked.Exchange(ref _lastFlushTimestamp, started);
                return;
            }

            try
            {
                Store.Write(batch);
                Interlocked.Exchange(ref _lastFlushTimestamp, started);
                _metrics.Flushed(succeeded: true, _timeProvider.GetElapsedTime(started));
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidDataException)
            {
                // The batch is lost (at most one interval, as documented); the next one is tried afresh.
                _metrics.Flushed(succeeded: false, _timeProvider.GetElapsedTime(started));
                StatisticsLog.FlushFailed(_logger, ex.Message);
            }
        }
    }

    public void Dispose()
    {
        lock (_flushLock)
        {
            if (_disposed)
            {
                return;
            }

            _flushTimer?.Dispose();
            _retentionTimer?.Dispose();
        }

        // The last counts go to disk on an orderly stop.
        Flush();
        lock (_flushLock)
        {
            _disposed = true;
            Recorder.Dispose();
            Store.Dispose();
        }
    }

    private void ApplyRetention()
    {
        try
        {
            var cutoff = _timeProvider.GetUtcNow() - TimeSpan.FromDays(_settings.RetentionDays);
            var deleted = Store.DeleteBefore(cutoff, _timeZone);
            if (deleted.Total > 0)
            {
                _metrics.Deleted(deleted.Total);
                StatisticsLog.RetentionApplied(_logger, deleted.Total, _settings.RetentionDays);
            }
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            StatisticsLog.RetentionFailed(_logger, ex.Message);
        }
    }

    private static PublicSuffixList LoadSuffixes(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            StatisticsLog.NoSuffixList(logger, path);
            return PublicSuffixList.Fallback;
        }

        try
        {
            using var reader = new StreamReader(path);
            return PublicSuffixList.Parse(reader, path);
        }
        catch (PublicSuffixListException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }
}
