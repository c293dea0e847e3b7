using WebProxy.Proxy.Forwarding;
using WebProxy.Policy.Rules;

namespace WebProxy.Proxy.Requests;

/// <summary>
/// What the rules say about one request before it is forwarded: refuse it, refuse it but ask the client to sign in
/// (credentials could lift the block), or forward it within limits.
/// </summary>
/// <param name="Lifted">When allowed only thanks to the person's research exemption: the rule it lifted (statistics).</param>
public readonly record struct RequestVerdict(BlockReason? Block, TransferLimits Limits, bool SignInMayHelp = false, BlockReason? Lifted = null)
{
    public static RequestVerdict Allow(TransferLimits limits, BlockReason? lifted = null) => new(null, limits, Lifted: lifted);

    public static RequestVerdict Refuse(BlockReason reason) => new(reason, TransferLimits.None);

    /// <summary>Blocked for an anonymous client; answered with 407 and the block page, so a browser asks for credentials.</summary>
    public static RequestVerdict AskToSignIn(BlockReason reason) => new(reason, TransferLimits.None, SignInMayHelp: true);
}
