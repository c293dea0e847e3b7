using System.Net;
using System.Net.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WebProxy.Proxy.Telemetry;
using WebProxy.Proxy.Tunneling;

namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// Completes protocol switches (WebSockets): once the origin answers 101, both connections stop being HTTP
/// and the proxy splices them. Inside HTTP/2 the client uses extended CONNECT (RFC 8441) and is answered 200.
/// </summary>
internal sealed class UpgradeForwarder
{
    private readonly StreamSplicer _splicer;

    public UpgradeForwarder(StreamSplicer splicer)
    {
        _splicer = splicer;
    }

    public static UpgradeKind Detect(HttpContext context)
    {
        var extendedConnect = context.Features.Get<IHttpExtendedConnectFeature>();
        if (extendedConnect?.IsExtendedConnect == true)
        {
            return string.Equals(extendedConnect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase) ? UpgradeKind.ExtendedConnect : UpgradeKind.None;
        }

        return context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true ? UpgradeKind.Http11Upgrade : UpgradeKind.None;
    }

    /// <summary>
    /// Finishes the switch when the origin agreed (101). Returns null when it did not, so the response is relayed
    /// as an ordinary one (for example a 403 to a refused WebSocket).
    /// </summary>
    public async Task<ForwarderError?> TryCompleteAsync(HttpContext context, UpgradeKind kind, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
        {
            return null;
        }

        Stream client;
        if (kind == UpgradeKind.Http11Upgrade)
        {
            ResponseHeadCopier.Copy(response, context, keepUpgrade: true);
            client = await context.Features.GetRequiredFeature<IHttpUpgradeFeature>().UpgradeAsync().ConfigureAwait(false);
        }
        else
        {
            // RFC 8441 §5: success on the HTTP/2 side is a 2xx; the HTTP/1.1 handshake fields stay on that side.
            ResponseHeadCopier.Copy(response, context);
            context.Response.Headers.Remove("Sec-WebSocket-Accept");
            context.Response.StatusCode = StatusCodes.Status200OK;
            client = await context.Features.GetRequiredFeature<IHttpExtendedConnectFeature>().AcceptAsync().ConfigureAwait(false);
        }

        Stream origin;
        try
        {
            origin = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return ForwarderError.UpgradeFailed;
        }

        await using (origin.ConfigureAwait(false))
        {
            await _splicer.SpliceAsync(client, origin, context.Features.Get<TransferTally>(), context.RequestAborted).ConfigureAwait(false);
        }

        return ForwarderError.None;
    }
}
