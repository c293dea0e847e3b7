using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WebProxy.Policy.Hosts;
using WebProxy.Proxy.Interception;

namespace WebProxy.Proxy.Requests;

/// <summary>Where a request received on the proxy port should go, worked out from its request target.</summary>
internal readonly record struct RequestTarget(RequestTargetKind Kind, Uri? Destination = null, string? Error = null)
{
    public static RequestTarget Resolve(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var tunnel = context.Features.Get<InterceptedTunnelFeature>();
        if (tunnel is not null)
        {
            return ResolveInsideTunnel(context, rawTarget, tunnel);
        }

        if (HttpMethods.IsConnect(context.Request.Method) && context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect != true)
        {
            return new(RequestTargetKind.ConnectNotFirst);
        }

        if (rawTarget == "*")
        {
            return new(RequestTargetKind.ServerOptions);
        }

        if (rawTarget.StartsWith('/'))
        {
            return new(RequestTargetKind.ProxyItself);
        }

        var target = ResolveAbsoluteForm(rawTarget);
        return target.Kind == RequestTargetKind.Forward && NamesThisProxy(target.Destination!, context) ? new(RequestTargetKind.ProxyItself) : target;
    }

    /// <summary>
    /// A URL naming the proxy's own listening socket would be forwarded to the proxy again, forever: answer it as
    /// a request to the proxy itself (its own page) instead.
    /// </summary>
    private static bool NamesThisProxy(Uri destination, HttpContext context)
    {
        if (destination.Port != context.Connection.LocalPort)
        {
            return false;
        }

        var host = destination.IdnHost.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var address)
                && (System.Net.IPAddress.IsLoopback(address) || address.Equals(context.Connection.LocalIpAddress)));
    }

    /// <summary>
    /// RFC 9112 §3.2.2: a proxy receives the absolute-form. Only http and https can be fetched; the authority of
    /// the URI wins over any Host header, and user information in it is refused (RFC 9110 §4.2.4).
    /// </summary>
    private static RequestTarget ResolveAbsoluteForm(string rawTarget)
    {
        if (!Uri.TryCreate(rawTarget, UriKind.Absolute, out var uri))
        {
            return new(RequestTargetKind.Bad, Error: "the request target is not a valid URL");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return new(RequestTargetKind.Bad, Error: $"only http and https URLs can be fetched, not {uri.Scheme}");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return new(RequestTargetKind.Bad, Error: "URLs with a user name or password in them are not forwarded");
        }

        if (!HostNames.TryNormalise(uri.IdnHost.Trim('[', ']'), out _, out var error))
        {
            return new(RequestTargetKind.Bad, Error: error);
        }

        return new(RequestTargetKind.Forward, uri);
    }

    private static RequestTarget ResolveInsideTunnel(HttpContext context, string rawTarget, InterceptedTunnelFeature tunnel)
    {
        if (rawTarget == "*")
        {
            return new(RequestTargetKind.ServerOptions);
        }

        // Domain fronting: the CONNECT (and so the policy decision) named one host, the request inside another.
        var host = context.Request.Host;
        if (host.HasValue)
        {
            var port = host.Port ?? 443;
            if (!HostNames.TryNormalise(host.Host.Trim('[', ']'), out var requested, out _)
                || !string.Equals(requested, tunnel.Target.Host, StringComparison.Ordinal)
                || port != tunnel.Target.Port)
            {
                return new(RequestTargetKind.DomainFronting);
            }
        }

        if (!rawTarget.StartsWith('/'))
        {
            return new(RequestTargetKind.Bad, Error: "inside a secure connection the request target must be a path");
        }

        return Uri.TryCreate($"https://{tunnel.Target.Authority}{rawTarget}", UriKind.Absolute, out var destination)
            ? new(RequestTargetKind.Forward, destination)
            : new(RequestTargetKind.Bad, Error: "the request target is not a valid path");
    }
}
