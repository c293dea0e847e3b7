using Microsoft.AspNetCore.Http;
using WebProxy.Policy.Categories;
using WebProxy.Policy.Rules;
using WebProxy.Proxy.Forwarding;
using WebProxy.Proxy.Identity;
using WebProxy.Proxy.Interception;
using WebProxy.Proxy.Requests;

namespace WebProxy.Proxy.Rules;

/// <summary>
/// Request decisions from the policy engine, on the full URL, with the size limits that apply — and, for a request
/// authenticated as a person, that person's exemptions (article 5.4). Anonymous requests read no clock and no
/// exemption.
/// </summary>
internal sealed class PolicyRequestPolicy : IRequestPolicy
{
    private readonly IPolicySource _source;
    private readonly IExemptionSource _exemptions;
    private readonly IProxyAuthenticator _authenticator;
    private readonly TimeProvider _timeProvider;

    public PolicyRequestPolicy(IPolicySource source, IExemptionSource exemptions, IProxyAuthenticator authenticator, TimeProvider timeProvider)
    {
        _source = source;
        _exemptions = exemptions;
        _authenticator = authenticator;
        _timeProvider = timeProvider;
    }

    public RequestVerdict Decide(HttpContext context, Uri destination)
    {
        var engine = _source.Current;
        var personId = context.Features.Get<ProxyIdentityFeature>()?.PersonId;
        var exemptions = _exemptions.Current;
        var now = personId is null ? default : _timeProvider.GetUtcNow();
        BlockReason? lifted = null;
        if (RequestUrlNormaliser.TryNormalise(destination, out var request))
        {
            var exemptMask = personId is null ? 0UL : engine.ExemptMask(exemptions.ActiveResearchCategories(personId, now));
            var decision = engine.DecideRequest(request, exemptMask);
            if (decision.Reason is { } reason)
            {
                return personId is null && MayAskToSignIn(context, reason, exemptions)
                    ? RequestVerdict.AskToSignIn(reason)
                    : RequestVerdict.Refuse(reason);
            }

            // Allowed only thanks to the exemption? The statistics count that apart (issue 5).
            lifted = exemptMask == 0 ? null : engine.DecideRequest(request).Reason;
        }

        var sizeLimit = personId is null ? null : exemptions.ActiveSizeLimit(personId, now);
        return RequestVerdict.Allow(new TransferLimits(engine.UploadLimit(sizeLimit), engine.DownloadLimit(sizeLimit)), lifted);
    }

    /// <summary>
    /// See <see cref="PolicyConnectPolicy"/>: only on plain requests, since a 407 inside an intercepted tunnel would
    /// reach the browser as the origin's answer, where it means nothing.
    /// </summary>
    private bool MayAskToSignIn(HttpContext context, BlockReason reason, Policy.Exemptions.ExemptionSet exemptions) =>
        _authenticator.Mode == ProxyAuthenticationMode.WhenNeeded
        && reason.Category is { } category
        && context.Features.Get<InterceptedTunnelFeature>() is null
        && exemptions.AnyoneExempt(category, _timeProvider.GetUtcNow());
}
