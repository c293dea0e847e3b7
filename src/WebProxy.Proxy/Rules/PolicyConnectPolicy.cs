using WebProxy.Policy.Connect;
using WebProxy.Policy.Rules;
using WebProxy.Proxy.Identity;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Rules;

/// <summary>
/// CONNECT decisions from the policy engine: refuse, tunnel blind, or intercept (also to show a block page); with the
/// research exemptions of the person who authenticated on the CONNECT.
/// </summary>
internal sealed class PolicyConnectPolicy : IConnectPolicy
{
    private readonly IPolicySource _source;
    private readonly IExemptionSource _exemptions;
    private readonly IProxyAuthenticator _authenticator;
    private readonly TimeProvider _timeProvider;
    private readonly ProxyMetrics _metrics;
    private readonly IInvestigationCapture _capture;

    public PolicyConnectPolicy(IPolicySource source, IExemptionSource exemptions, IProxyAuthenticator authenticator, TimeProvider timeProvider, ProxyMetrics metrics,
        IInvestigationCapture capture)
    {
        _capture = capture;
        _source = source;
        _exemptions = exemptions;
        _authenticator = authenticator;
        _timeProvider = timeProvider;
        _metrics = metrics;
    }

    public ConnectAction Decide(ConnectTarget target) => Judge(target, null).Action;

    public ConnectVerdict Judge(ConnectTarget target, string? personId)
    {
        var engine = _source.Current;
        var exemptMask = 0UL;
        if (personId is not null)
        {
            exemptMask = engine.ExemptMask(_exemptions.Current.ActiveResearchCategories(personId, _timeProvider.GetUtcNow()));
        }

        var decision = engine.DecideConnect(target, exemptMask);
        if (personId is null && decision.Reason is { Category: { } category } && MayAskToSignIn(category))
        {
            return new ConnectVerdict(ConnectAction.Authenticate, decision.Reason.Name, Exempted: false);
        }

        switch (decision.Kind)
        {
            case PolicyDecisionKind.Intercept:
                // A blocked host intercepted only to show the block page is counted per request inside the tunnel.
                return new ConnectVerdict(ConnectAction.Intercept, decision.Reason?.Name, Exempted: false);
            case PolicyDecisionKind.Tunnel:
                // Tunnelled only thanks to an exemption: what it lifted, for the counts per category and decision.
                var lifted = exemptMask == 0 ? null : engine.DecideConnect(target).Reason?.Name;

                // An approved content-scope investigation needs the URLs of its subject's HTTPS too (article 6.3).
                var action = personId is not null && engine.Settings.InterceptionMode != InterceptionMode.None && _capture.WantsContent(personId)
                    ? ConnectAction.Intercept
                    : ConnectAction.Tunnel;
                return new ConnectVerdict(action, lifted, Exempted: lifted is not null);
            default:
                // Interception mode None: a blocked HTTPS host can only be refused here, so this is where it counts.
                if (decision.Reason is { } reason)
                {
                    _metrics.Blocked(reason.Name);
                }

                return new ConnectVerdict(ConnectAction.Refuse, decision.Reason?.Name, Exempted: false);
        }
    }

    /// <summary>
    /// In <c>when-needed</c> mode browsers send credentials only after a 407, so an anonymous client is asked to sign
    /// in where that could help: the host is blocked for a category someone is exempted from right now.
    /// </summary>
    private bool MayAskToSignIn(RegulationCategory category) =>
        _authenticator.Mode == ProxyAuthenticationMode.WhenNeeded && _exemptions.Current.AnyoneExempt(category, _timeProvider.GetUtcNow());
}
