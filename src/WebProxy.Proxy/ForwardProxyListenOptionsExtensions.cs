using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Proxy.Connect;
using WebProxy.Proxy.Requests;

namespace WebProxy.Proxy;

public static class ForwardProxyListenOptionsExtensions
{
    /// <summary>
    /// Puts the forward proxy's connection middleware in front of Kestrel's HTTP parser on this endpoint, the way
    /// <c>UseHttps</c> puts TLS there. Requires <see cref="ForwardProxyServiceCollectionExtensions.AddForwardProxy"/>.
    /// </summary>
    public static ListenOptions UseForwardProxy(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var services = listenOptions.ApplicationServices.GetRequiredService<ForwardProxyServices>();

        // Kestrel's default (HTTP/1.1 and HTTP/2) serves plain connections as HTTP/1.1 and lets TLS interception
        // pick HTTP/2 by ALPN. Setting it explicitly would log a misleading "HTTP/2 is not enabled" warning.
        if (!services.Options.EnableHttp2)
        {
            listenOptions.Protocols = HttpProtocols.Http1;
        }

        listenOptions.Use(next => new ForwardProxyConnectionMiddleware(next, services).OnConnectionAsync);
        return listenOptions;
    }

    /// <summary>Answers every request on the proxy port by forwarding it (or with the proxy's own pages).</summary>
    public static IApplicationBuilder RunForwardProxy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var handler = app.ApplicationServices.GetRequiredService<ProxyRequestHandler>();
        app.Run(handler.InvokeAsync);
        return app;
    }
}
