namespace WebProxy.Proxy.Connect;

internal enum ConnectHeadStatus
{
    /// <summary>More bytes are needed before anything can be said.</summary>
    Incomplete,

    /// <summary>The connection does not start with a CONNECT request; Kestrel's HTTP parser takes it.</summary>
    NotConnect,

    /// <summary>A complete, well-formed CONNECT head.</summary>
    Complete,

    /// <summary>The head exceeds the configured bound (answer 431).</summary>
    TooLarge,

    /// <summary>A CONNECT head that breaks RFC 9112 syntax (answer 400).</summary>
    Malformed,
}
