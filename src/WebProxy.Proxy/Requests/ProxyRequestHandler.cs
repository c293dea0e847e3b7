using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebProxy.Proxy.Forwarding;
using WebProxy.Proxy.Interception;
using WebProxy.Proxy.Pages;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Requests;

/// <summary>
/// The request pipeline of the proxy port: every request Kestrel parsed (plain absolute-form, or decrypted
/// inside an intercepted tunnel) is resolved to a destination and forwarded, or answered here.
/// </summary>
internal sealed class ProxyRequestHandler
{
    private const string AllowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE, CONNECT";

    private readonly IHttpForwarder _forwarder;
    private readonly ProxyOptions _options;
    private readonly ProxyMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ProxyRequestHandler(IHttpForwarder forwarder, ProxyOptions options, ProxyMetrics metrics, TimeProvider timeProvider, ILogger<ProxyRequestHandler> logger)
    {
        _forwarder = forwarder;
        _options = options;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = _timeProvider.GetTimestamp();
        var outcome = await HandleAsync(context).ConfigureAwait(false);
        _metrics.RequestCompleted(MethodClassNames.Classify(context.Request.Method), outcome, _timeProvider.GetElapsedTime(started));
    }

    private async Task<RequestOutcome> HandleAsync(HttpContext context)
    {
        var target = RequestTarget.Resolve(context);
        switch (target.Kind)
        {
            case RequestTargetKind.ProxyItself:
                await AnswerProxyItselfAsync(context).ConfigureAwait(false);
                return RequestOutcome.Local;
            case RequestTargetKind.ServerOptions:
                AnswerOptions(context);
                return RequestOutcome.Local;
            case RequestTargetKind.ConnectNotFirst:
                await ErrorPages.ConnectNotFirst().WriteAsync(context, closeConnection: true).ConfigureAwait(false);
                return RequestOutcome.Rejected;
            case RequestTargetKind.DomainFronting:
                ProxyLog.DomainFrontingRefused(_logger);
                await ErrorPages.DomainFronting(context.Features.Get<InterceptedTunnelFeature>()!.Target.Host).WriteAsync(context).ConfigureAwait(false);
                return RequestOutcome.Refused;
            case RequestTargetKind.Bad:
                await ErrorPages.BadRequest(target.Error!).WriteAsync(context).ConfigureAwait(false);
                return RequestOutcome.Rejected;
        }

        if (await TryAnswerAsFinalRecipientAsync(context).ConfigureAwait(false))
        {
            return RequestOutcome.Local;
        }

        return await ForwardAsync(context, target.Destination!).ConfigureAwait(false);
    }

    private async Task<RequestOutcome> ForwardAsync(HttpContext context, Uri destination)
    {
        var error = await _forwarder.SendAsync(context, destination, context.RequestAborted).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return RequestOutcome.Forwarded;
        }

        if (error == ForwarderError.ClientAborted)
        {
            return RequestOutcome.ClientAborted;
        }

        if (!context.Response.HasStarted)
        {
            var feature = context.Features.Get<ForwarderErrorFeature>()!;
            await ErrorPages.ForForwarderError(feature, destination.IdnHost).WriteAsync(context).ConfigureAwait(false);
        }

        return RequestOutcome.UpstreamError;
    }

    /// <summary>
    /// RFC 9110 §7.6.2: an OPTIONS or TRACE whose Max-Forwards is 0 is answered by this proxy, not forwarded.
    /// TRACE is answered with 405 rather than echoed: an echo would reflect cookies and credentials.
    /// </summary>
    private static async Task<bool> TryAnswerAsFinalRecipientAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsOptions(method) && !HttpMethods.IsTrace(method))
        {
            return false;
        }

        var maxForwards = context.Request.Headers["Max-Forwards"].ToString();
        if (!int.TryParse(maxForwards, NumberStyles.None, CultureInfo.InvariantCulture, out var remaining) || remaining > 0)
        {
            return false;
        }

        if (HttpMethods.IsOptions(method))
        {
            AnswerOptions(context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = AllowedMethods;
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }

        return true;
    }

    private static void AnswerOptions(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Allow = AllowedMethods;
        context.Response.ContentLength = 0;
    }

    private async Task AnswerProxyItselfAsync(HttpContext context)
    {
        var page = context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            ? WelcomePage.Create(_options)
            : ErrorPages.NotFound();
        await page.WriteAsync(context).ConfigureAwait(false);
    }
}
