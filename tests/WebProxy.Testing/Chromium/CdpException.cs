namespace WebProxy.Testing.Chromium;

/// <summary>
/// Chromium answered a DevTools command with an error. The message names the command, so a failing test says
/// which step of the protocol went wrong, not only what Chromium complained about.
/// </summary>
public sealed class CdpException : Exception
{
    public CdpException(string method, int code, string error)
        : base($"Chromium refused the DevTools command {method}: {error} (code {code}).")
    {
        Method = method;
        Code = code;
        Error = error;
    }

    /// <summary>The command, e.g. <c>Page.navigate</c>.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC style error code Chromium sent (e.g. -32000 for a generic server error).</summary>
    public int Code { get; }

    /// <summary>Chromium's own error text, e.g. <c>Execution context was destroyed.</c></summary>
    public string Error { get; }
}
