namespace WebProxy.Policy.Connect;

/// <summary>What the proxy does with a CONNECT request once the target is known.</summary>
public enum ConnectAction
{
    /// <summary>Answer 403 and close: the destination is not allowed.</summary>
    Refuse,

    /// <summary>Answer 200 and splice bytes to the destination without looking at them.</summary>
    Tunnel,

    /// <summary>Answer 200, terminate the client's TLS with a leaf from the organisation CA and proxy each request inside.</summary>
    Intercept,

    /// <summary>
    /// Answer 407 with a challenge: the destination is blocked for an anonymous client, and signing in could change
    /// that (someone holds an exemption for its category).
    /// </summary>
    Authenticate,
}
