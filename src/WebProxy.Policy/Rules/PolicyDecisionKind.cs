namespace WebProxy.Policy.Rules;

/// <summary>What the proxy does with a request or a CONNECT.</summary>
public enum PolicyDecisionKind
{
    /// <summary>Forward the request.</summary>
    Allow,

    /// <summary>Answer with the block page (403); <see cref="PolicyDecision.Reason"/> says why.</summary>
    Block,

    /// <summary>Answer 200 to the CONNECT and splice bytes blind.</summary>
    Tunnel,

    /// <summary>Answer 200 to the CONNECT and terminate TLS; when <see cref="PolicyDecision.Reason"/> is set, every request inside gets the block page.</summary>
    Intercept,

    /// <summary>Answer 403 to the CONNECT and close; <see cref="PolicyDecision.Reason"/> is set when it is a category block, null for a port that is not allowed.</summary>
    Refuse,
}
