namespace WebProxy.ConnectLoad;

/// <summary>What one connection does during a run.</summary>
internal enum LoadMode
{
    /// <summary>One CONNECT and TLS handshake per connection, then requests back to back on it (HTTP/1.1 keep-alive).</summary>
    KeepAlive,

    /// <summary>Every iteration opens a new connection: TCP, CONNECT, TLS handshake, one request, close.</summary>
    NewConnection,
}
