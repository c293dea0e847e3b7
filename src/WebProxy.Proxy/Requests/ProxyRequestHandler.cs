using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebProxy.Policy.Rules;
using WebProxy.Proxy.Forwarding;
using WebProxy.Proxy.Identity;
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

    /// <summary>Where the proxy publishes the regulation's rules (article 11), linked from every block page.</summary>
    public const string RegulationPath = "/regulation";

    private readonly IHttpForwarder _forwarder;
    private readonly IRequestPolicy _policy;
    private readonly IProxyAuthenticator _authenticator;
    private readonly ProxyOptions _options;
    private readonly ProxyMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ITrafficRecorder _recorder;
    private readonly IInvestigationCapture _capture;
    private readonly ILogger _logger;

    public ProxyRequestHandler(
        IHttpForwarder forwarder, IRequestPolicy policy, IProxyAuthenticator authenticator, ProxyOptions options, ProxyMetrics metrics, TimeProvider timeProvider,
        ITrafficRecorder recorder, IInvestigationCapture capture, ILogger<ProxyRequestHandler> logger)
    {
        _recorder = recorder;
        _capture = capture;
        _forwarder = forwarder;
        _policy = policy;
        _authenticator = authenticator;
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
        if (!Authenticate(context))
        {
            // RFC 9110 §15.5.8: 407 with a challenge; the identity never leaves this connection's memory.
            context.Response.StatusCode = StatusCodes.Status407ProxyAuthenticationRequired;
            context.Response.Headers.ProxyAuthenticate = Connect.ConnectResponses.ProxyChallenge;
            await context.Response.WriteAsync("Proxy authentication required: sign in with your municipal account.\n", context.RequestAborted).ConfigureAwait(false);
            return RequestOutcome.Refused;
        }

        var verdict = _policy.Decide(context, destination);
        if (verdict.Block is { } reason)
        {
            if (verdict.SignInMayHelp)
            {
                // RFC 9110 §15.5.8: the challenge makes a browser ask for credentials; someone without an exemption
                // cancels and sees the block page, which is the body.
                context.Response.Headers.ProxyAuthenticate = Connect.ConnectResponses.ProxyChallenge;
            }

            await WriteBlockPageAsync(context, reason, status: verdict.SignInMayHelp ? StatusCodes.Status407ProxyAuthenticationRequired : null).ConfigureAwait(false);
            Record(context, destination, null, TrafficDecision.Blocked, reason.Name);
            return RequestOutcome.Refused;
        }

        TransferTally? tally = null;
        if (_recorder.IsEnabled || context.Features.Get<ProxyIdentityFeature>() is { } person && _capture.IsCapturing(person.PersonId))
        {
            tally = new TransferTally();
            context.Features.Set(tally);
        }

        var error = await _forwarder.SendAsync(context, destination, verdict.Limits, context.RequestAborted).ConfigureAwait(false);
        var (decision, rule) = error switch
        {
            ForwarderError.RequestBodyTooLarge => (TrafficDecision.Blocked, BlockReason.UploadTooLarge.Name),
            ForwarderError.ResponseBodyTooLarge => (TrafficDecision.Blocked, BlockReason.DownloadTooLarge.Name),
            _ when verdict.Lifted is { } lifted => (TrafficDecision.Exempted, lifted.Name),
            _ => (TrafficDecision.Allowed, (string?)null),
        };
        Record(context, destination, tally, decision, rule);
        switch (error)
        {
            case ForwarderError.None:
                return RequestOutcome.Forwarded;
            case ForwarderError.ClientAborted:
                return RequestOutcome.ClientAborted;
            case ForwarderError.RequestBodyTooLarge:
                // Articles 5.3 and 5.6: no oversized files sent, webmail included. The body was not read whole, so the
                // connection closes after the answer.
                _metrics.Blocked(BlockReason.UploadTooLarge.Name);
                if (!context.Response.HasStarted)
                {
                    var page = BlockPage.Create(BlockReason.UploadTooLarge, Language(context), RegulationUrl) with { Status = 413 };
                    await page.WriteAsync(context, closeConnection: true).ConfigureAwait(false);
                }

                return RequestOutcome.Refused;
            case ForwarderError.ResponseBodyTooLarge:
                // Article 5.4: no oversized downloads without prior consultation with the Technical Architect.
                _metrics.Blocked(BlockReason.DownloadTooLarge.Name);
                if (!context.Response.HasStarted)
                {
                    await WriteBlockPageAsync(context, BlockReason.DownloadTooLarge, count: false).ConfigureAwait(false);
                }

                return RequestOutcome.Refused;
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
        var readable = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        var page = (readable, context.Request.Path.Value) switch
        {
            (true, "/") => WelcomePage.Create(_options),
            (true, RegulationPath) => RegulationPage.Create(Language(context)),
            _ => ErrorPages.NotFound(),
        };
        await page.WriteAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds who is asking: the person authenticated on the CONNECT of this tunnel, or the credentials of this
    /// request. False only when authentication is required and there is none.
    /// </summary>
    private bool Authenticate(HttpContext context)
    {
        if (_authenticator.Mode == ProxyAuthenticationMode.Off || context.Features.Get<ProxyIdentityFeature>() is not null)
        {
            return true;
        }

        if (_authenticator.Authenticate(context.Request.Headers.ProxyAuthorization) is { } personId)
        {
            context.Features.Set(new ProxyIdentityFeature(personId));
            return true;
        }

        return _authenticator.Mode != ProxyAuthenticationMode.Required;
    }

    /// <summary>
    /// Counts the request for the per-site statistics (nothing about who, beyond the keyed sketch; issue 5), and
    /// records it when an approved investigation of the signed-in person runs (issue 6).
    /// </summary>
    private void Record(HttpContext context, Uri destination, TransferTally? tally, TrafficDecision decision, string? rule)
    {
        var personId = context.Features.Get<ProxyIdentityFeature>()?.PersonId;
        if (!_recorder.IsEnabled && personId is null)
        {
            return;
        }

        var traffic = new TrafficEvent(destination.IdnHost, tally?.ToClient ?? 0, tally?.ToOrigin ?? 0, decision, rule);
        if (_recorder.IsEnabled && context.Features.Get<ClientSlot>() is { } client)
        {
            _recorder.Record(traffic, client, personId);
        }

        if (personId is not null)
        {
            _capture.Capture(traffic, personId, destination.AbsoluteUri);
        }
    }

    private async Task WriteBlockPageAsync(HttpContext context, BlockReason reason, bool count = true, int? status = null)
    {
        // Counted per category, never per person or site: nothing is logged about who was blocked (article 6.4).
        if (count)
        {
            _metrics.Blocked(reason.Name);
        }

        var page = BlockPage.Create(reason, Language(context), RegulationUrl);
        await (status is { } code ? page with { Status = code } : page).WriteAsync(context).ConfigureAwait(false);
    }

    private string RegulationUrl => (_options.ProxyUrlForClients ?? $"http://127.0.0.1:{_options.Port}").TrimEnd('/') + RegulationPath;

    private static string Language(HttpContext context) => PreferredLanguage.Choose(context.Request.Headers.AcceptLanguage);
}
