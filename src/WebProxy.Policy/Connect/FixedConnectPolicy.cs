namespace WebProxy.Policy.Connect;

/// <summary>
/// Applies one action to every allowed CONNECT. This is the whole policy until category rules exist;
/// the port allow-list (like Squid's SSL_ports) is enforced here because it applies regardless of host.
/// </summary>
public sealed class FixedConnectPolicy : IConnectPolicy
{
    private readonly ConnectAction _action;
    private readonly HashSet<int> _allowedPorts;

    public FixedConnectPolicy(ConnectAction action, IEnumerable<int> allowedPorts)
    {
        _action = action;
        _allowedPorts = [.. allowedPorts];
    }

    public ConnectAction Decide(ConnectTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _allowedPorts.Contains(target.Port) ? _action : ConnectAction.Refuse;
    }
}
