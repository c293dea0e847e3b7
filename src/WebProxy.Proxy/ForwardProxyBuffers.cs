namespace WebProxy.Proxy;

/// <summary>Buffer sizes of the proxy port that the host applies to Kestrel.</summary>
public static class ForwardProxyBuffers
{
    /// <summary>
    /// Bytes Kestrel may hold for a client before a write waits (response body and tunnel data). 512 KiB keeps a
    /// 1 Gbit/s download flowing while the next origin read runs; 10,000 slow clients would pin at most 5 GiB.
    /// </summary>
    public const int ClientWriteBufferBytes = 512 * 1024;
}
