namespace WebProxy.Policy.Rules;

/// <summary>
/// A decision of <see cref="PolicyEngine"/>. A value type holding an enum and a shared <see cref="BlockReason"/>, so
/// deciding allocates nothing on any path.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Reason">
/// Set whenever a rule of the regulation caused the decision: always for <see cref="PolicyDecisionKind.Block"/>; for
/// a CONNECT also on <see cref="PolicyDecisionKind.Intercept"/> (intercepted only to show the block page) and
/// <see cref="PolicyDecisionKind.Refuse"/> (blocked host in <see cref="InterceptionMode.None"/>). Null for a refused
/// port and for everything allowed. Count a block when this is set.
/// </param>
public readonly record struct PolicyDecision(PolicyDecisionKind Kind, BlockReason? Reason)
{
    /// <summary>Forward the request.</summary>
    public static PolicyDecision Allow => new(PolicyDecisionKind.Allow, null);

    /// <summary>Tunnel the CONNECT blind.</summary>
    public static PolicyDecision Tunnel => new(PolicyDecisionKind.Tunnel, null);

    /// <summary>Intercept the CONNECT; requests inside are decided one by one.</summary>
    public static PolicyDecision Intercept => new(PolicyDecisionKind.Intercept, null);

    /// <summary>Refuse the CONNECT for a reason that is not a regulation category (a port outside the allow-list).</summary>
    public static PolicyDecision RefusePort => new(PolicyDecisionKind.Refuse, null);

    /// <summary>True when a rule of the regulation blocked the request or the CONNECT.</summary>
    public bool IsBlocked => Reason is not null;

    /// <summary>Block with <paramref name="reason"/>.</summary>
    public static PolicyDecision Block(BlockReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(PolicyDecisionKind.Block, reason);
    }
}
