namespace WebProxy.Policy.Connect;

/// <summary>
/// Decides what happens to a CONNECT request before any payload byte is exchanged.
/// Implementations are pure: no I/O, and fast enough to run on every CONNECT.
/// </summary>
public interface IConnectPolicy
{
    ConnectAction Decide(ConnectTarget target);
}
