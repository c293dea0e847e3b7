namespace WebProxy.ConnectLoad;

/// <summary>
/// Runs the workers for warm-up plus duration and merges what they counted. Every time comes from the injected
/// <see cref="TimeProvider"/>'s timestamps (monotonic), never from the wall clock.
/// </summary>
internal sealed class LoadRunner
{
    // Workers stop at the deadline; a stuck dispose must not keep the run (and the load script) alive.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly LoadTarget _target;
    private readonly TimeProvider _timeProvider;

    public LoadRunner(LoadTarget target, TimeProvider timeProvider)
    {
        _target = target;
        _timeProvider = timeProvider;
    }

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var options = _target.Options;
        var started = _timeProvider.GetTimestamp();
        var window = new MeasurementWindow(
            started + ToTicks(options.Warmup),
            started + ToTicks(options.Warmup + options.Duration));
        var failureLog = new FailureLog();
        var workers = Enumerable.Range(0, options.Connections)
            .Select(_ => new Worker(_target, _timeProvider, window, failureLog))
            .ToArray();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Warmup + options.Duration);
        var running = Task.WhenAll(workers.Select(worker => Task.Run(() => worker.RunAsync(stop.Token), CancellationToken.None)));
        var stoppedCleanly = true;
        try
        {
            await running.WaitAsync(options.Warmup + options.Duration + options.StepTimeout + StopGrace, _timeProvider, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            stoppedCleanly = false;
        }

        var measured = _timeProvider.GetElapsedTime(window.From, Math.Min(_timeProvider.GetTimestamp(), window.Until));
        return LoadResult.Merge(_target, workers.Select(w => w.Stats).ToList(), measured, _timeProvider.TimestampFrequency, failureLog, stoppedCleanly);
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);
}
