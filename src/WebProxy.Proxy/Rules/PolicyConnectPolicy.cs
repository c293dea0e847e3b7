using WebProxy.Policy.Connect;
using WebProxy.Policy.Rules;
using WebProxy.Proxy.Telemetry;

namespace WebProxy.Proxy.Rules;

/// <summary>CONNECT decisions from the policy engine: refuse, tunnel blind, or intercept (also to show a block page).</summary>
internal sealed class PolicyConnectPolicy : IConnectPolicy
{
    private readonly IPolicySource _source;
    private readonly ProxyMetrics _metrics;

    public PolicyConnectPolicy(IPolicySource source, ProxyMetrics metrics)
    {
        _source = source;
        _metrics = metrics;
    }

    public ConnectAction Decide(ConnectTarget target)
    {
        var decision = _source.Current.DecideConnect(target);
        switch (decision.Kind)
        {
            case PolicyDecisionKind.Intercept:
                // A blocked host intercepted only to show the block page is counted per request inside the tunnel.
                return ConnectAction.Intercept;
            case PolicyDecisionKind.Tunnel:
                return ConnectAction.Tunnel;
            default:
                // Interception mode None: a blocked HTTPS host can only be refused here, so this is where it counts.
                if (decision.Reason is { } reason)
                {
                    _metrics.Blocked(reason.Name);
                }

                return ConnectAction.Refuse;
        }
    }
}
