using WebProxy.Proxy.Forwarding;
using WebProxy.Policy.Rules;

namespace WebProxy.Proxy.Requests;

/// <summary>What the rules say about one request before it is forwarded: refuse it, or forward it within limits.</summary>
public readonly record struct RequestVerdict(BlockReason? Block, TransferLimits Limits)
{
    public static RequestVerdict Allow(TransferLimits limits) => new(null, limits);

    public static RequestVerdict Refuse(BlockReason reason) => new(reason, TransferLimits.None);
}
