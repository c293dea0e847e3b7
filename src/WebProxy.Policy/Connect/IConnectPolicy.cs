namespace WebProxy.Policy.Connect;

/// <summary>
/// Decides what happens to a CONNECT request before any payload byte is exchanged.
/// Implementations are pure: no I/O, and fast enough to run on every CONNECT.
/// </summary>
public interface IConnectPolicy
{
    ConnectAction Decide(ConnectTarget target);

    /// <summary>
    /// Decides for a client who authenticated as <paramref name="personId"/> (null: anonymous), with what the
    /// statistics need to know about it: the rule that refused it, or that the person's exemption lifted. Policies
    /// without personal rules decide the same for everyone.
    /// </summary>
    ConnectVerdict Judge(ConnectTarget target, string? personId) => new(Decide(target), null, false);
}
