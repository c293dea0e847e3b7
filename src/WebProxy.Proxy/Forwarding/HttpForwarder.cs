using System.IO.Pipelines;
using System.Net;
using System.Net.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using WebProxy.Proxy.Telemetry;
using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// Forwards requests with a shared <see cref="HttpMessageInvoker"/>: pooled connections, HTTP/2 where the origin
/// offers it, bodies streamed both ways. The numbered steps follow the message through the proxy.
/// </summary>
internal sealed class HttpForwarder : IHttpForwarder
{
    // Large reads move bulk downloads at socket speed; the pipe takes the data without an extra copy. The buffer
    // is taken only once the origin has data (zero-byte read first), so a long-polling response holds none.
    private const int ResponseReadSize = 128 * 1024;

    private readonly HttpMessageInvoker _invoker;
    private readonly UpstreamCertificateValidator _validator;
    private readonly ProxyMetrics _metrics;
    private readonly ProxyOptions _options;
    private readonly UpgradeForwarder _upgrades;
    private readonly ILogger _logger;

    public HttpForwarder(HttpMessageInvoker invoker, UpstreamCertificateValidator validator, ProxyMetrics metrics, ProxyOptions options, UpgradeForwarder upgrades, ILogger logger)
    {
        _invoker = invoker;
        _validator = validator;
        _metrics = metrics;
        _options = options;
        _upgrades = upgrades;
        _logger = logger;
    }

    public async ValueTask<ForwarderError> SendAsync(HttpContext context, Uri destination, TransferLimits limits, CancellationToken cancellationToken)
    {
        var upgrade = UpgradeForwarder.Detect(context);

        // 0. A declared body over the upload limit is refused before the origin is contacted.
        if (context.Request.ContentLength > limits.MaxUploadBytes)
        {
            return Fail(context, new ForwarderErrorFeature(ForwarderError.RequestBodyTooLarge, null), null);
        }

        // 1. Build the outgoing request: hop-by-hop fields dropped (RFC 9110 §7.6.1), Via added (§7.6.3),
        //    the body streamed from the client as it arrives.
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var request = OutgoingRequestFactory.Create(
            context, destination, upgrade, _options.EnableHttp2, _metrics, headersTimeout, _options.Limits.UpstreamResponseHeadersTimeout, limits.MaxUploadBytes);
        var content = request.Content as StreamingRequestContent;

        // 2. Send and wait for the response head only. The head timeout starts once the request body is sent,
        //    so a long upload is not mistaken for a silent origin.
        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(request, headersTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            request.Dispose();
            return Fail(context, ClassifySendFailure(ex, context, content, destination), ex);
        }

        headersTimeout.CancelAfter(Timeout.InfiniteTimeSpan);
        using (request)
        using (response)
        {
            // 3. A protocol switch (WebSocket) turns the exchange into a tunnel of its own.
            if (upgrade != UpgradeKind.None)
            {
                var upgraded = await _upgrades.TryCompleteAsync(context, upgrade, response, cancellationToken).ConfigureAwait(false);
                if (upgraded is not null)
                {
                    return upgraded.Value == ForwarderError.None ? ForwarderError.None : Fail(context, new ForwarderErrorFeature(upgraded.Value, null), null);
                }
            }

            // 4. A declared body over the download limit is refused before any byte reaches the client.
            if (response.Content.Headers.ContentLength > limits.MaxDownloadBytes)
            {
                return Fail(context, new ForwarderErrorFeature(ForwarderError.ResponseBodyTooLarge, null), null);
            }

            // 5. Copy the response head, then 6. the body, then 7. the trailers.
            ResponseHeadCopier.Copy(response, context);
            var error = await CopyBodyAsync(response, context, limits.MaxDownloadBytes, cancellationToken).ConfigureAwait(false);
            if (error != ForwarderError.None)
            {
                return Fail(context, new ForwarderErrorFeature(error, null), null);
            }

            ResponseHeadCopier.CopyTrailers(response, context);
            return ForwarderError.None;
        }
    }

    private async Task<ForwarderError> CopyBodyAsync(HttpResponseMessage response, HttpContext context, long? maxBytes, CancellationToken cancellationToken)
    {
        Stream source;
        try
        {
            source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            return ForwarderError.UpstreamResponseBodyFailed;
        }

        var writer = context.Response.BodyWriter;
        var tally = context.Features.Get<TransferTally>();
        long copied = 0;

        // A small body fits one pooled block of Kestrel's; only bodies that may be large ask for big buffers.
        var readSize = response.Content.Headers.ContentLength is { } length and < ResponseReadSize ? (int)Math.Max(1, length) : ResponseReadSize;
        await using (source.ConfigureAwait(false))
        {
            while (true)
            {
                int read;
                try
                {
                    await source.ReadAsync(Memory<byte>.Empty, context.RequestAborted).ConfigureAwait(false);
                    read = await source.ReadAsync(writer.GetMemory(readSize), context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
                {
                    return context.RequestAborted.IsCancellationRequested ? ForwarderError.ClientAborted : ForwarderError.UpstreamResponseBodyFailed;
                }

                if (read == 0)
                {
                    break;
                }

                copied += read;
                if (copied > maxBytes)
                {
                    // Without a declared length the limit shows only now: the bytes over it are not passed on, and the
                    // caller cuts the connection (HTTP/1.1) or resets the stream (HTTP/2) so the file is visibly incomplete.
                    return ForwarderError.ResponseBodyTooLarge;
                }

                writer.Advance(read);
                _metrics.AddBytesToClient(read, ProxyMetrics.TrafficHttp);
                tally?.AddToClient(read);
                FlushResult flush;
                try
                {
                    flush = await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
                {
                    return ForwarderError.ClientAborted;
                }

                if (flush.IsCompleted || flush.IsCanceled)
                {
                    return ForwarderError.ClientAborted;
                }
            }
        }

        return ForwarderError.None;
    }

    private ForwarderErrorFeature ClassifySendFailure(Exception ex, HttpContext context, StreamingRequestContent? content, Uri destination)
    {
        if (content?.TooLarge == true)
        {
            return new ForwarderErrorFeature(ForwarderError.RequestBodyTooLarge, ex);
        }

        if (context.RequestAborted.IsCancellationRequested || content?.ClientFailed == true)
        {
            return new ForwarderErrorFeature(ForwarderError.ClientAborted, ex);
        }

        if (ex is OperationCanceledException)
        {
            _metrics.UpstreamError(UpstreamErrorKind.Timeout);
            return new ForwarderErrorFeature(ForwarderError.UpstreamTimeout, ex) { UpstreamKind = UpstreamErrorKind.Timeout };
        }

        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is UpstreamConnectException connect)
            {
                _metrics.UpstreamError(connect.Kind);
                var error = connect.Kind == UpstreamErrorKind.Timeout ? ForwarderError.UpstreamTimeout : ForwarderError.UpstreamUnavailable;
                return new ForwarderErrorFeature(error, ex) { UpstreamKind = connect.Kind };
            }
        }

        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
        {
            _metrics.UpstreamError(UpstreamErrorKind.TlsInvalid);
            _metrics.TlsHandshakeFailed("upstream");
            return new ForwarderErrorFeature(ForwarderError.UpstreamTlsInvalid, ex)
            {
                UpstreamKind = UpstreamErrorKind.TlsInvalid,
                TlsFailure = _validator.LastFailure(destination.IdnHost) ?? UpstreamTlsFailure.HandshakeFailed,
            };
        }

        _metrics.UpstreamError(UpstreamErrorKind.ProtocolError);
        return new ForwarderErrorFeature(ForwarderError.UpstreamRequestFailed, ex) { UpstreamKind = UpstreamErrorKind.ProtocolError };
    }

    private ForwarderError Fail(HttpContext context, ForwarderErrorFeature feature, Exception? exception)
    {
        ProxyLog.ForwardingFailed(_logger, feature.Error.ToString(), exception);
        context.Features.Set(feature);
        if (context.Response.HasStarted && feature.Error != ForwarderError.ClientAborted)
        {
            // The head is already out: the only honest signal left is to cut the connection (HTTP/1.1) or reset
            // the stream (HTTP/2), so the client does not take a truncated body for a complete one.
            context.Abort();
        }

        return feature.Error;
    }
}
