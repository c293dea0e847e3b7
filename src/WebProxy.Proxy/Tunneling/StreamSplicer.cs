using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Tunneling;

/// <summary>
/// Copies bytes both ways between two streams (an upgraded client connection and an upgraded origin
/// connection, as after a WebSocket handshake) until one side ends or the exchange idles out.
/// </summary>
internal sealed class StreamSplicer
{
    private const int BufferSize = 16 * 1024;

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private readonly ProxyMetrics _metrics;

    public StreamSplicer(TimeProvider timeProvider, TimeSpan idleTimeout, ProxyMetrics metrics)
    {
        _timeProvider = timeProvider;
        _idleTimeout = idleTimeout;
        _metrics = metrics;
    }

    /// <param name="tally">Where the bytes of each way are added for the statistics, or null.</param>
    public async Task SpliceAsync(Stream client, Stream origin, TransferTally? tally, CancellationToken cancellationToken)
    {
        using var watchdog = new IdleWatchdog(_timeProvider, _idleTimeout, cancellationToken);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(watchdog.Token);
        var toOrigin = CopyAsync(client, origin, toClient: false, watchdog, tally, done.Token);
        var toClient = CopyAsync(origin, client, toClient: true, watchdog, tally, done.Token);

        // A WebSocket ends for both sides once either side's stream ends (the close frames have passed by then).
        await Task.WhenAny(toOrigin, toClient).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(toOrigin, toClient).ConfigureAwait(false);
    }

    private async Task CopyAsync(Stream from, Stream to, bool toClient, IdleWatchdog watchdog, TransferTally? tally, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await to.FlushAsync(cancellationToken).ConfigureAwait(false);
                watchdog.Touch();
                if (toClient)
                {
                    _metrics.AddBytesToClient(read, ProxyMetrics.TrafficHttp);
                    tally?.AddToClient(read);
                }
                else
                {
                    _metrics.AddBytesToOrigin(read, ProxyMetrics.TrafficHttp);
                    tally?.AddToOrigin(read);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Http.HttpRequestException)
        {
            // One side went away or the exchange idled out; the other copy is cancelled by the caller.
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
