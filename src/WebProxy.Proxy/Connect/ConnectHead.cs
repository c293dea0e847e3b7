namespace WebProxy.Proxy.Connect;

/// <summary>The result of reading the first request of a connection, when it is (or may be) a CONNECT.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Length">Bytes of the head including the final empty line, when <see cref="Status"/> is Complete.</param>
/// <param name="Target">The request target (authority-form) as sent.</param>
/// <param name="Error">Why the head is malformed, in words a person can act on.</param>
/// <param name="ProxyAuthorization">The Proxy-Authorization field value, if the client sent one.</param>
internal readonly record struct ConnectHead(ConnectHeadStatus Status, long Length = 0, string? Target = null, string? Error = null, string? ProxyAuthorization = null)
{
    public static ConnectHead Incomplete { get; } = new(ConnectHeadStatus.Incomplete);

    public static ConnectHead NotConnect { get; } = new(ConnectHeadStatus.NotConnect);

    public static ConnectHead TooLarge { get; } = new(ConnectHeadStatus.TooLarge);

    public static ConnectHead Malformed(string error) => new(ConnectHeadStatus.Malformed, Error: error);
}
