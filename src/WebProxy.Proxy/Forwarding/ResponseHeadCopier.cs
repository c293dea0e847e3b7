using System.Net.Http;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace WebProxy.Proxy.Forwarding;

/// <summary>Copies an origin's response status, fields and trailers to the client, minus hop-by-hop fields.</summary>
internal static class ResponseHeadCopier
{
    public static void Copy(HttpResponseMessage response, HttpContext context, bool keepUpgrade = false)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.ReasonPhrase is { } reason && context.Request.Protocol is "HTTP/1.1" or "HTTP/1.0")
        {
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = reason;
        }

        var namedInConnection = response.Headers.NonValidated.TryGetValues("Connection", out var connection)
            ? HopByHopHeaders.NamedInConnection(new StringValues([.. connection]))
            : null;
        var headers = context.Response.Headers;
        CopyFields(response.Headers.NonValidated, headers, namedInConnection, keepUpgrade);
        CopyFields(response.Content.Headers.NonValidated, headers, namedInConnection, keepUpgrade);
        headers.Append("Via", OutgoingRequestFactory.ViaEntry(response.Version));
    }

    /// <summary>Trailers travel where the client's protocol can carry them (HTTP/2); RFC 9110 §6.5.1 lets a proxy drop them otherwise.</summary>
    public static void CopyTrailers(HttpResponseMessage response, HttpContext context)
    {
        if (!context.Response.SupportsTrailers())
        {
            return;
        }

        foreach (var (name, values) in response.TrailingHeaders.NonValidated)
        {
            if (!HopByHopHeaders.IsFixedHopByHop(name))
            {
                context.Response.AppendTrailer(name, new StringValues([.. values]));
            }
        }
    }

    private static void CopyFields(HttpHeadersNonValidated source, IHeaderDictionary target, HashSet<string>? namedInConnection, bool keepUpgrade)
    {
        foreach (var (name, values) in source)
        {
            if (HopByHopHeaders.IsHopByHop(name, namedInConnection) && !(keepUpgrade && string.Equals(name, "Upgrade", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            target[name] = values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);
        }
    }
}
