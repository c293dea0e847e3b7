using System.Net;
using Microsoft.AspNetCore.Http;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// Request content that streams the client's body to the origin as it arrives, never buffering it whole.
/// The body can be read once: a retry of a request with a body is impossible by construction.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    // Large enough for bulk uploads to move at socket speed, small enough that 10k parallel uploads stay cheap.
    private const int BufferSize = 64 * 1024;

    private readonly HttpRequest _request;
    private readonly ProxyMetrics _metrics;
    private readonly CancellationToken _clientAborted;
    private readonly Action _bodySent;
    private readonly long? _maxBytes;
    private readonly TransferTally? _tally;

    public StreamingRequestContent(HttpRequest request, ProxyMetrics metrics, CancellationToken clientAborted, Action bodySent, long? maxBytes)
    {
        _request = request;
        _metrics = metrics;
        _clientAborted = clientAborted;
        _bodySent = bodySent;
        _maxBytes = maxBytes;
        _tally = request.HttpContext.Features.Get<TransferTally>();
    }

    /// <summary>Set when reading the client's body failed, so the forwarder can blame the client, not the origin.</summary>
    public bool ClientFailed { get; private set; }

    /// <summary>Set when the body grew past the upload limit; the upload was stopped before the excess was sent.</summary>
    public bool TooLarge { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        long sent = 0;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await _request.Body.ReadAsync(buffer, _clientAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
                {
                    ClientFailed = true;
                    throw;
                }

                if (read == 0)
                {
                    _bodySent();
                    return;
                }

                sent += read;
                if (sent > _maxBytes)
                {
                    TooLarge = true;
                    throw new IOException("The request body is larger than the upload limit.");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                _metrics.AddBytesToOrigin(read, ProxyMetrics.TrafficHttp);
                _tally?.AddToOrigin(read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _request.ContentLength ?? -1;
        return length >= 0;
    }
}
