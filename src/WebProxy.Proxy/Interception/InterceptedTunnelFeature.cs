using WebProxy.Policy.Connect;

namespace WebProxy.Proxy.Interception;

/// <summary>
/// Marks a connection whose requests arrive decrypted from an intercepted CONNECT, and remembers the
/// authority the client asked for: every request inside must name that same host (no domain fronting).
/// </summary>
public sealed class InterceptedTunnelFeature
{
    public InterceptedTunnelFeature(ConnectTarget target)
    {
        Target = target;
    }

    public ConnectTarget Target { get; }
}
