namespace WebProxy.Proxy.Tunneling;

/// <summary>
/// Cancels a token once no activity has been reported for the idle timeout. Activity is a timestamp write,
/// so the per-chunk cost on the data path is one <see cref="TimeProvider.GetTimestamp"/> call.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationTokenSource _idle;
    private readonly ITimer _timer;
    private long _lastActivity;

    public IdleWatchdog(TimeProvider timeProvider, TimeSpan idleTimeout, CancellationToken linkedToken)
    {
        _timeProvider = timeProvider;
        _idleTimeout = idleTimeout;
        _idle = CancellationTokenSource.CreateLinkedTokenSource(linkedToken);
        _lastActivity = timeProvider.GetTimestamp();

        // Checking four times per timeout keeps the overshoot under a quarter of the timeout.
        var period = idleTimeout / 4;
        _timer = timeProvider.CreateTimer(static state => ((IdleWatchdog)state!).Check(), this, period, period);
    }

    /// <summary>Cancelled when the connection has been idle too long, or when the linked token is.</summary>
    public CancellationToken Token => _idle.Token;

    public bool TimedOut { get; private set; }

    public void Touch() => Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());

    private void Check()
    {
        if (_timeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity)) >= _idleTimeout)
        {
            TimedOut = true;
            _idle.Cancel();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _idle.Dispose();
    }
}
