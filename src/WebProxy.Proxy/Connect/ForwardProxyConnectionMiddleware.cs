using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using WebProxy.Policy.Connect;
using WebProxy.Proxy.Identity;
using WebProxy.Proxy.Interception;
using WebProxy.Proxy.Telemetry;
using WebProxy.Proxy.Tunneling;
using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Connect;

/// <summary>
/// Kestrel connection middleware in front of the HTTP parser. It peeks at the first request of every
/// connection without consuming it: anything but CONNECT goes to Kestrel untouched; a CONNECT is answered
/// here (Kestrel has no tunnel support) by refusing, tunnelling or intercepting, as the policy decides.
/// </summary>
internal sealed class ForwardProxyConnectionMiddleware
{
    private readonly ConnectionDelegate _next;
    private readonly ProxyOptions _options;
    private readonly IConnectPolicy _policy;
    private readonly UpstreamConnector _connector;
    private readonly TunnelSplicer _splicer;
    private readonly TlsInterceptor _interceptor;
    private readonly ProxyMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly IProxyAuthenticator _authenticator;
    private readonly ITrafficRecorder _recorder;
    private readonly IInvestigationCapture _capture;
    private readonly ILogger _logger;

    public ForwardProxyConnectionMiddleware(ConnectionDelegate next, ForwardProxyServices services)
    {
        _next = next;
        _options = services.Options;
        _policy = services.ConnectPolicy;
        _connector = services.Connector;
        _splicer = services.Splicer;
        _interceptor = services.Interceptor;
        _metrics = services.Metrics;
        _timeProvider = services.TimeProvider;
        _authenticator = services.Authenticator;
        _recorder = services.Recorder;
        _capture = services.Capture;
        _logger = services.Logger;
    }

    public async Task OnConnectionAsync(ConnectionContext context)
    {
        _metrics.ConnectionOpened();
        if (_recorder.IsEnabled)
        {
            // The requests on this connection find it through Kestrel's connection features.
            context.Features.Set(new ClientSlot((context.RemoteEndPoint as IPEndPoint)?.Address));
        }

        try
        {
            await PeekFirstRequestAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _metrics.ConnectionClosed();
        }
    }

    private async Task PeekFirstRequestAsync(ConnectionContext context)
    {
        var input = context.Transport.Input;
        using var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
        headTimeout.CancelAfter(_options.Limits.RequestHeadersTimeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(headTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var buffer = result.Buffer;
            var head = ConnectHeadReader.Read(buffer, _options.Limits.MaxConnectHeadBytes);
            switch (head.Status)
            {
                case ConnectHeadStatus.NotConnect:
                    // Consume nothing: Kestrel's parser reads the same bytes again.
                    input.AdvanceTo(buffer.Start);
                    await _next(context).ConfigureAwait(false);
                    return;
                case ConnectHeadStatus.Incomplete when result.IsCompleted:
                    input.AdvanceTo(buffer.End);
                    return;
                case ConnectHeadStatus.Incomplete:
                    // Examined everything, consumed nothing: wake up only when more bytes arrive.
                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                case ConnectHeadStatus.TooLarge:
                    input.AdvanceTo(buffer.End);
                    await RejectAsync(context, 431, "Request Header Fields Too Large", "The CONNECT request head is too large.").ConfigureAwait(false);
                    return;
                case ConnectHeadStatus.Malformed:
                    input.AdvanceTo(buffer.End);
                    ProxyLog.MalformedConnect(_logger, head.Error!);
                    await RejectAsync(context, 400, "Bad Request", $"Malformed CONNECT request: {head.Error}.").ConfigureAwait(false);
                    return;
                default:
                    input.AdvanceTo(buffer.GetPosition(head.Length));
                    await HandleConnectAsync(context, head.Target!, head.ProxyAuthorization).ConfigureAwait(false);
                    return;
            }
        }
    }

    private async Task HandleConnectAsync(ConnectionContext context, string authority, string? proxyAuthorization)
    {
        var started = _timeProvider.GetTimestamp();
        string? personId = null;
        if (_authenticator.Mode != ProxyAuthenticationMode.Off)
        {
            // The identity is kept for this connection only, in memory, for the requests inside the tunnel.
            personId = _authenticator.Authenticate(proxyAuthorization);
            if (personId is not null)
            {
                context.Features.Set(new ProxyIdentityFeature(personId));
            }
            else if (_authenticator.Mode == ProxyAuthenticationMode.Required)
            {
                Completed(started, RequestOutcome.Refused);
                await ConnectResponses.WriteAuthenticationRequiredAsync(context.Transport.Output, context.ConnectionClosed).ConfigureAwait(false);
                return;
            }
        }

        if (!ConnectAuthorityParser.TryParse(authority, out var target, out var error))
        {
            ProxyLog.MalformedConnect(_logger, error!);
            await RejectAsync(context, 400, "Bad Request", $"Malformed CONNECT target: {error}.").ConfigureAwait(false);
            return;
        }

        var verdict = _policy.Judge(target!, personId);
        switch (verdict.Action)
        {
            case ConnectAction.Authenticate:
                Completed(started, RequestOutcome.Refused);
                await ConnectResponses.WriteAuthenticationRequiredAsync(context.Transport.Output, context.ConnectionClosed).ConfigureAwait(false);
                return;
            case ConnectAction.Refuse:
                ProxyLog.ConnectRefused(_logger, target!.Authority);
                Completed(started, RequestOutcome.Refused);
                if (verdict.Rule is not null)
                {
                    Record(context, new TrafficEvent(target.Host, 0, 0, TrafficDecision.Blocked, verdict.Rule), personId);
                }

                await WriteErrorAsync(context, 403, "Forbidden", $"CONNECT to {target!.Authority} is not allowed by this proxy.").ConfigureAwait(false);
                return;
            case ConnectAction.Tunnel:
                await TunnelAsync(context, target!, started, verdict, personId).ConfigureAwait(false);
                return;
            default:
                await InterceptAsync(context, target!, started).ConfigureAwait(false);
                return;
        }
    }

    private async Task TunnelAsync(ConnectionContext context, ConnectTarget target, long started, ConnectVerdict verdict, string? personId)
    {
        // Connect before answering, so a dead origin gets an honest 502/504 instead of a 200 and a reset.
        Socket origin;
        try
        {
            origin = await _connector.ConnectAsync(target.Host, target.Port, context.ConnectionClosed).ConfigureAwait(false);
        }
        catch (UpstreamConnectException ex)
        {
            _metrics.UpstreamError(ex.Kind);
            ProxyLog.UpstreamFailed(_logger, target.Authority, UpstreamErrorKindNames.Of(ex.Kind));
            Completed(started, RequestOutcome.UpstreamError);
            var (status, reason) = ex.Kind == UpstreamErrorKind.Timeout ? (504, "Gateway Timeout") : (502, "Bad Gateway");
            await WriteErrorAsync(context, status, reason, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // With the client's socket at hand, the 200 and every origin byte after it go straight to the socket, in
        // that order; Kestrel's output pipe stays empty, so nothing it holds can overtake them.
        var clientSocket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            if (clientSocket is null)
            {
                await ConnectResponses.WriteEstablishedAsync(context.Transport.Output, context.ConnectionClosed).ConfigureAwait(false);
            }
            else
            {
                await clientSocket.SendAsync(ConnectResponses.Established, SocketFlags.None, context.ConnectionClosed).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            origin.Dispose();
            return;
        }

        Completed(started, RequestOutcome.Tunneled);
        var (toClient, toOrigin) = await SpliceAsync(context, clientSocket, origin, "tunnel").ConfigureAwait(false);

        // A blind tunnel counts as one request to its host, with every byte it carried (issue 5).
        var decision = verdict.Exempted ? TrafficDecision.Exempted : TrafficDecision.Allowed;
        Record(context, new TrafficEvent(target.Host, toClient, toOrigin, decision, verdict.Rule), personId);
    }

    private void Record(ConnectionContext context, in TrafficEvent traffic, string? personId)
    {
        if (context.Features.Get<ClientSlot>() is { } client)
        {
            _recorder.Record(traffic, client, personId);
        }

        // A blind tunnel shows its host only: that is what a traffic-scope investigation records of it.
        if (personId is not null)
        {
            _capture.Capture(traffic, personId, url: null);
        }
    }

    private async Task InterceptAsync(ConnectionContext context, ConnectTarget target, long started)
    {
        await ConnectResponses.WriteEstablishedAsync(context.Transport.Output, context.ConnectionClosed).ConfigureAwait(false);
        Completed(started, RequestOutcome.Intercepted);
        if (!await ClientStartsTlsAsync(context).ConfigureAwait(false))
        {
            await FallBackToTunnelAsync(context, target).ConfigureAwait(false);
            return;
        }

        _metrics.TunnelOpened("intercept");
        try
        {
            await _interceptor.InterceptAsync(context, target, _next).ConfigureAwait(false);
        }
        finally
        {
            _metrics.TunnelClosed("intercept");
        }
    }

    /// <summary>
    /// Waits for the client's first bytes after the 200 and checks, without consuming them, that they open a
    /// TLS ClientHello. Some clients CONNECT to port 443 and speak something else (plain HTTP, SSH over 443).
    /// </summary>
    private async Task<bool> ClientStartsTlsAsync(ConnectionContext context)
    {
        var input = context.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
        timeout.CancelAfter(_options.Limits.RequestHeadersTimeout);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var verdict = ClientHelloSniffer.Inspect(result.Buffer);
                if (verdict == ClientHelloVerdict.NeedMoreData && !result.IsCompleted)
                {
                    input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                    continue;
                }

                input.AdvanceTo(result.Buffer.Start);
                return verdict == ClientHelloVerdict.ClientHello;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task FallBackToTunnelAsync(ConnectionContext context, ConnectTarget target)
    {
        ProxyLog.InterceptFallbackToTunnel(_logger);
        Socket origin;
        try
        {
            origin = await _connector.ConnectAsync(target.Host, target.Port, context.ConnectionClosed).ConfigureAwait(false);
        }
        catch (UpstreamConnectException ex)
        {
            // The 200 is already sent; all that is left is to close the connection.
            _metrics.UpstreamError(ex.Kind);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // The 200 went through Kestrel's output pipe and may still be there: keep using the pipe so nothing overtakes it.
        await SpliceAsync(context, clientSocket: null, origin, "tunnel").ConfigureAwait(false);
    }

    private async Task<(long ToClient, long ToOrigin)> SpliceAsync(ConnectionContext context, Socket? clientSocket, Socket origin, string mode)
    {
        _metrics.TunnelOpened(mode);
        try
        {
            return await _splicer.SpliceAsync(context.Transport, clientSocket, origin, context.ConnectionClosed).ConfigureAwait(false);
        }
        finally
        {
            _metrics.TunnelClosed(mode);
        }
    }

    private async Task RejectAsync(ConnectionContext context, int status, string reason, string body)
    {
        _metrics.RequestCompleted(MethodClass.Connect, RequestOutcome.Rejected, TimeSpan.Zero);
        await WriteErrorAsync(context, status, reason, body).ConfigureAwait(false);
    }

    private async Task WriteErrorAsync(ConnectionContext context, int status, string reason, string body)
    {
        try
        {
            await ConnectResponses.WriteErrorAsync(context.Transport.Output, status, reason, body, context.ConnectionClosed).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client is gone; there is no one left to tell.
        }
    }

    private void Completed(long started, RequestOutcome outcome) =>
        _metrics.RequestCompleted(MethodClass.Connect, outcome, _timeProvider.GetElapsedTime(started));
}
