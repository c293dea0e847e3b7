using System.Net.Sockets;

namespace WebProxy.ConnectLoad;

/// <summary>
/// One simulated client: a loop that runs until the stop token fires, either reusing one connection for
/// requests back to back (keep-alive) or opening a new connection for every request.
/// </summary>
internal sealed class Worker
{
    // After a failure, a short pause so a dead proxy is not hammered in a tight loop.
    private static readonly TimeSpan FailurePause = TimeSpan.FromMilliseconds(10);

    private readonly LoadTarget _target;
    private readonly TimeProvider _timeProvider;
    private readonly MeasurementWindow _window;
    private readonly FailureLog _failureLog;

    public Worker(LoadTarget target, TimeProvider timeProvider, MeasurementWindow window, FailureLog failureLog)
    {
        _target = target;
        _timeProvider = timeProvider;
        _window = window;
        _failureLog = failureLog;
    }

    public WorkerStats Stats { get; } = new();

    public async Task RunAsync(CancellationToken stop)
    {
        TlsConnection? connection = null;
        var step = CancellationTokenSource.CreateLinkedTokenSource(stop);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var begin = _timeProvider.GetTimestamp();
                try
                {
                    // --timeout bounds each step: the handshake (with its first request) or one request.
                    step.CancelAfter(_target.Options.StepTimeout);
                    if (connection is null)
                    {
                        connection = await TlsConnection.OpenAsync(_target, step.Token).ConfigureAwait(false);
                        if (_target.Options.Mode == LoadMode.KeepAlive)
                        {
                            // Keep-alive latency is per request; the handshake is paid once per connection.
                            begin = _timeProvider.GetTimestamp();
                        }
                    }

                    var bodyBytes = await connection.ExchangeAsync(_target.Request, step.Token).ConfigureAwait(false);
                    Completed(begin, bodyBytes);
                    if (connection.Closed || _target.Options.Mode == LoadMode.NewConnection)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    // The run is over: whatever was in flight is neither a success nor a failure.
                    break;
                }
                catch (Exception ex)
                {
                    Failed(ex);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }

                    if (step.IsCancellationRequested)
                    {
                        step.Dispose();
                        step = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    }

                    try
                    {
                        await Task.Delay(FailurePause, _timeProvider, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            step.Dispose();
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Completed(long begin, long bodyBytes)
    {
        var end = _timeProvider.GetTimestamp();
        if (_window.Contains(end))
        {
            Stats.Latencies.Add(end - begin);
            Stats.BodyBytes += bodyBytes;
        }
    }

    private void Failed(Exception ex)
    {
        var (kind, message) = ex switch
        {
            LoadFailure failure => (failure.Kind, failure.Message),
            OperationCanceledException => (FailureKind.Timeout, $"a step took longer than {_target.Options.StepTimeout.TotalSeconds:0.#} s"),
            IOException or SocketException => (FailureKind.Closed, $"{ex.GetType().Name}: {ex.Message}"),
            _ => (FailureKind.Protocol, $"{ex.GetType().Name}: {ex.Message}"),
        };

        _failureLog.Add($"{kind}: {message}");
        if (_window.Contains(_timeProvider.GetTimestamp()))
        {
            Stats.Failures[(int)kind]++;
        }
        else
        {
            Stats.WarmupFailures++;
        }
    }
}
