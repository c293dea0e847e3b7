using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Tunneling;

/// <summary>
/// Copies bytes both ways between the client's connection and an origin socket until both sides are done,
/// one side fails, or the tunnel has been idle for too long. It never looks at the bytes.
/// </summary>
internal sealed class TunnelSplicer
{
    // Each chunk costs a fixed hand-over to Kestrel's send loop, so bulk transfers want large chunks. The buffer
    // is only taken once data is waiting (zero-byte receive first), so an idle tunnel holds none.
    private const int ReceiveSize = 128 * 1024;

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private readonly ProxyMetrics _metrics;

    public TunnelSplicer(TimeProvider timeProvider, TimeSpan idleTimeout, ProxyMetrics metrics)
    {
        _timeProvider = timeProvider;
        _idleTimeout = idleTimeout;
        _metrics = metrics;
    }

    /// <summary>Splices until the tunnel ends.</summary>
    /// <param name="client">The client connection's pipes.</param>
    /// <param name="clientSocket">
    /// The client's socket, when the transport exposes it and nothing is pending in the output pipe: origin bytes
    /// then go straight to it, saving the hand-over to Kestrel's send loop for every chunk.
    /// </param>
    /// <param name="origin">The connected origin socket; disposed when the tunnel ends.</param>
    /// <param name="cancellationToken">Cancelled when the client connection closes.</param>
    /// <returns>The bytes that went each way, for the per-site statistics.</returns>
    public async Task<(long ToClient, long ToOrigin)> SpliceAsync(IDuplexPipe client, Socket? clientSocket, Socket origin, CancellationToken cancellationToken)
    {
        using var watchdog = new IdleWatchdog(_timeProvider, _idleTimeout, cancellationToken);
        var toOrigin = ClientToOriginAsync(client.Input, origin, watchdog);
        var toClient = clientSocket is null
            ? OriginToClientAsync(origin, client.Output, watchdog)
            : OriginToClientSocketAsync(origin, clientSocket, watchdog);

        // When the origin is done the tunnel is over for the client too; when the client is done sending,
        // the origin may still answer (half-close), so only the origin's end stops both directions.
        var sentToClient = await toClient.ConfigureAwait(false);
        client.Input.CancelPendingRead();
        var sentToOrigin = await toOrigin.ConfigureAwait(false);
        return (sentToClient, sentToOrigin);
    }

    private async Task<long> ClientToOriginAsync(PipeReader input, Socket origin, IdleWatchdog watchdog)
    {
        long total = 0;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(watchdog.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                await SendAsync(origin, buffer, watchdog.Token).ConfigureAwait(false);

                _metrics.AddBytesToOrigin(buffer.Length, ProxyMetrics.TrafficTunnel);
                total += buffer.Length;
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

        return total;
    }

    private async Task<long> OriginToClientAsync(Socket origin, PipeWriter output, IdleWatchdog watchdog)
    {
        long total = 0;
        try
        {
            while (true)
            {
                await origin.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, watchdog.Token).ConfigureAwait(false);
                var memory = output.GetMemory(ReceiveSize);
                var read = await origin.ReceiveAsync(memory, SocketFlags.None, watchdog.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                output.Advance(read);
                _metrics.AddBytesToClient(read, ProxyMetrics.TrafficTunnel);
                total += read;
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

        return total;
    }

    private async Task<long> OriginToClientSocketAsync(Socket origin, Socket client, IdleWatchdog watchdog)
    {
        long total = 0;
        try
        {
            var drained = true;
            while (true)
            {
                if (drained)
                {
                    await origin.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, watchdog.Token).ConfigureAwait(false);
                }

                var buffer = ArrayPool<byte>.Shared.Rent(ReceiveSize);
                try
                {
                    var read = await origin.ReceiveAsync(buffer, SocketFlags.None, watchdog.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, watchdog.Token).ConfigureAwait(false);
                    _metrics.AddBytesToClient(read, ProxyMetrics.TrafficTunnel);
                    total += read;
                    watchdog.Touch();

                    // A full buffer means more is probably waiting: skip the zero-byte wait while the data flows.
                    drained = read < buffer.Length;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            // Reset, idle timeout or shutdown: close the tunnel below.
        }
        finally
        {
            origin.Dispose();
        }

        return total;
    }

    /// <summary>
    /// Kestrel hands client bytes over in 4 KiB blocks; one send per block would be one system call each, so a
    /// multi-block buffer goes out as one gathered send.
    /// </summary>
    private static async ValueTask SendAsync(Socket origin, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsSingleSegment)
        {
            await origin.SendAsync(buffer.First, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            return;
        }

        var segments = new List<ArraySegment<byte>>();
        foreach (var memory in buffer)
        {
            segments.Add(MemoryMarshal.TryGetArray(memory, out var array) ? array : new ArraySegment<byte>(memory.ToArray()));
        }

        // The list overload has no cancellation token: the watchdog cancels by disposing the socket instead.
        await origin.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
    }

    private static bool IsConnectionEnd(Exception ex) =>
        ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException
            or InvalidOperationException;
}
