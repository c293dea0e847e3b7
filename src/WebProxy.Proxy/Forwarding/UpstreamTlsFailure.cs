namespace WebProxy.Proxy.Forwarding;

/// <summary>Why an origin's certificate was refused, in the terms the error page explains to the user.</summary>
public enum UpstreamTlsFailure
{
    /// <summary>The handshake failed without a certificate verdict (protocol or cipher mismatch).</summary>
    HandshakeFailed,

    /// <summary>The certificate is outside its validity period.</summary>
    Expired,

    /// <summary>The certificate does not name the host that was asked for.</summary>
    WrongHost,

    /// <summary>The certificate is signed by itself and not trusted.</summary>
    SelfSigned,

    /// <summary>The certificate does not chain to a trusted root.</summary>
    Untrusted,

    /// <summary>The origin sent no certificate.</summary>
    Missing,
}
