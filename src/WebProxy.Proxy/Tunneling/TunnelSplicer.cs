using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Tunneling;

/// <summary>
/// Copies bytes both ways between the client's connection and an origin socket until both sides are done,
/// one side fails, or the tunnel has been idle for too long. It never looks at the bytes.
/// </summary>
internal sealed class TunnelSplicer
{
    // 64 KiB per read matches the socket buffers on Linux; smaller reads cost throughput on bulk transfers.
    private const int ReceiveSize = 64 * 1024;

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private readonly ProxyMetrics _metrics;

    public TunnelSplicer(TimeProvider timeProvider, TimeSpan idleTimeout, ProxyMetrics metrics)
    {
        _timeProvider = timeProvider;
        _idleTimeout = idleTimeout;
        _metrics = metrics;
    }

    public async Task SpliceAsync(IDuplexPipe client, Socket origin, CancellationToken cancellationToken)
    {
        using var watchdog = new IdleWatchdog(_timeProvider, _idleTimeout, cancellationToken);
        var toOrigin = ClientToOriginAsync(client.Input, origin, watchdog);
        var toClient = OriginToClientAsync(origin, client.Output, watchdog);

        // When the origin is done the tunnel is over for the client too; when the client is done sending,
        // the origin may still answer (half-close), so only the origin's end stops both directions.
        await toClient.ConfigureAwait(false);
        client.Input.CancelPendingRead();
        await toOrigin.ConfigureAwait(false);
    }

    private async Task ClientToOriginAsync(PipeReader input, Socket origin, IdleWatchdog watchdog)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(watchdog.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    await origin.SendAsync(segment, SocketFlags.None, watchdog.Token).ConfigureAwait(false);
                }

                _metrics.AddBytesToOrigin(buffer.Length, ProxyMetrics.TrafficTunnel);
                watchdog.Touch();
                input.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            // Half-close: the client has finished sending; tell the origin without cutting its answer.
            origin.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            // The client went away or the tunnel idled out: drop the origin too, which ends OriginToClient.
            origin.Dispose();
        }
    }

    private async Task OriginToClientAsync(Socket origin, PipeWriter output, IdleWatchdog watchdog)
    {
        try
        {
            while (true)
            {
                var memory = output.GetMemory(ReceiveSize);
                var read = await origin.ReceiveAsync(memory, SocketFlags.None, watchdog.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                output.Advance(read);
                _metrics.AddBytesToClient(read, ProxyMetrics.TrafficTunnel);
                watchdog.Touch();
                var flush = await output.FlushAsync(watchdog.Token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            // Reset, idle timeout or shutdown: close the tunnel below.
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
            origin.Dispose();
        }
    }

    private static bool IsConnectionEnd(Exception ex) =>
        ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException
            or InvalidOperationException;
}
