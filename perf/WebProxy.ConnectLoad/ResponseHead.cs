namespace WebProxy.ConnectLoad;

/// <summary>What the load client needs from a response head: the status, the body length and whether the server closes.</summary>
/// <param name="Status">Status code from the status line.</param>
/// <param name="ContentLength">Value of Content-Length, or -1 when absent.</param>
/// <param name="Close">Whether the response carried <c>Connection: close</c>.</param>
internal readonly record struct ResponseHead(int Status, long ContentLength, bool Close);
