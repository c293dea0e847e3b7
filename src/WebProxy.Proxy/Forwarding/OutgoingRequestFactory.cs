using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Forwarding;

/// <summary>Turns the client's request into the request sent to the origin.</summary>
internal static class OutgoingRequestFactory
{
    // RFC 9110 §7.6.3: a pseudonym instead of the proxy's host name, which would say nothing useful to origins.
    private const string ViaPseudonym = "webproxy";

    public static HttpRequestMessage Create(
        HttpContext context,
        Uri destination,
        UpgradeKind upgrade,
        bool enableHttp2,
        ProxyMetrics metrics,
        CancellationTokenSource headersTimeout,
        TimeSpan headersTimeoutAfterBody,
        long? maxUploadBytes)
    {
        var incoming = context.Request;
        var method = upgrade == UpgradeKind.ExtendedConnect ? HttpMethod.Get : HttpMethod.Parse(incoming.Method);
        var request = new HttpRequestMessage(method, destination);

        // Upgrades exist only in HTTP/1.1; plain http:// has no ALPN, so HTTP/2 is only tried over TLS where
        // the origin can offer it (RFC 9113 §3.2) and falls back to HTTP/1.1 when it does not.
        if (upgrade != UpgradeKind.None || destination.Scheme == Uri.UriSchemeHttp || !enableHttp2)
        {
            request.Version = HttpVersion.Version11;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        else
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        var canHaveBody = upgrade == UpgradeKind.None && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
        if (canHaveBody)
        {
            request.Content = new StreamingRequestContent(incoming, metrics, context.RequestAborted,
                () => ArmTimeout(headersTimeout, headersTimeoutAfterBody), maxUploadBytes);
        }
        else
        {
            ArmTimeout(headersTimeout, headersTimeoutAfterBody);
        }

        CopyHeaders(incoming, request, upgrade);
        request.Headers.TryAddWithoutValidation("Via", ViaEntry(incoming.Protocol));
        if (request.Content is not null && incoming.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 9110 §10.1.1: pass the expectation on, so the body is read from the client (and Kestrel sends
            // the client its 100 Continue) only once the origin has said it wants it.
            request.Headers.ExpectContinue = true;
        }

        return request;
    }

    private static void CopyHeaders(HttpRequest incoming, HttpRequestMessage request, UpgradeKind upgrade)
    {
        var namedInConnection = HopByHopHeaders.NamedInConnection(incoming.Headers.Connection);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHopHeaders.IsHopByHop(name, namedInConnection))
            {
                continue;
            }

            if (string.Equals(name, "Max-Forwards", StringComparison.OrdinalIgnoreCase))
            {
                CopyMaxForwards(incoming.Method, values.ToString(), request);
                continue;
            }

            // The single-value overload avoids boxing StringValues into an enumerable: most fields have one value.
            var added = values.Count == 1
                ? request.Headers.TryAddWithoutValidation(name, values.ToString())
                : request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            if (!added && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        switch (upgrade)
        {
            case UpgradeKind.Http11Upgrade:
                // The upgrade is the one hop-by-hop exchange a proxy must pass on (RFC 9110 §7.8).
                request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
                request.Headers.TryAddWithoutValidation("Upgrade", (IEnumerable<string?>)incoming.Headers.Upgrade);
                break;
            case UpgradeKind.ExtendedConnect:
                // RFC 8441 §5: the HTTP/2 side has no key and no accept; the HTTP/1.1 side needs a fresh key.
                request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
                request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
                request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
                break;
        }
    }

    /// <summary>RFC 9110 §7.6.2: Max-Forwards counts down on TRACE and OPTIONS; other methods pass it unchanged.</summary>
    private static void CopyMaxForwards(string method, string value, HttpRequestMessage request)
    {
        if ((HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var remaining) && remaining > 0)
        {
            request.Headers.TryAddWithoutValidation("Max-Forwards", (remaining - 1).ToString(CultureInfo.InvariantCulture));
            return;
        }

        request.Headers.TryAddWithoutValidation("Max-Forwards", value);
    }

    private static void ArmTimeout(CancellationTokenSource timeout, TimeSpan after)
    {
        try
        {
            timeout.CancelAfter(after);
        }
        catch (ObjectDisposedException)
        {
            // The exchange already finished (an origin may answer before the whole body is sent).
        }
    }

    /// <summary>
    /// This proxy's Via entry for a message received with <paramref name="protocol"/>: the version without the
    /// "HTTP/" name, then the pseudonym (RFC 9110 §7.6.3). Constant strings: this runs for every message.
    /// </summary>
    internal static string ViaEntry(string protocol) => protocol switch
    {
        "HTTP/1.0" => "1.0 " + ViaPseudonym,
        "HTTP/2" or "HTTP/2.0" => "2 " + ViaPseudonym,
        "HTTP/3" or "HTTP/3.0" => "3 " + ViaPseudonym,
        _ => "1.1 " + ViaPseudonym,
    };

    /// <summary>This proxy's Via entry for a response received from an origin with <paramref name="version"/>.</summary>
    internal static string ViaEntry(Version version) => version.Major switch
    {
        2 => "2 " + ViaPseudonym,
        3 => "3 " + ViaPseudonym,
        _ => version.Minor == 0 ? "1.0 " + ViaPseudonym : "1.1 " + ViaPseudonym,
    };
}
