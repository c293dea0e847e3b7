namespace WebProxy.Testing.Chromium;

/// <summary>
/// A navigation that produced no document from the network: Chromium reports a net error (for instance
/// <c>net::ERR_PROXY_CONNECTION_FAILED</c> or <c>net::ERR_TUNNEL_CONNECTION_FAILED</c>) instead of an HTTP status.
/// A test that expects the proxy to refuse a tunnel asserts on <see cref="ErrorText"/>.
/// </summary>
public sealed class ChromiumNavigationException : Exception
{
    public ChromiumNavigationException(string url, string errorText)
        : base($"Chromium could not load {url}: {errorText}.")
    {
        Url = url;
        ErrorText = errorText;
    }

    public string Url { get; }

    /// <summary>Chromium's net error name, e.g. <c>net::ERR_CONNECTION_REFUSED</c>.</summary>
    public string ErrorText { get; }
}
