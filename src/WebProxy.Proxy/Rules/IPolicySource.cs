using WebProxy.Policy.Rules;

namespace WebProxy.Proxy.Rules;

/// <summary>
/// The policy engine in force. It is replaced as a whole when the category index is reloaded, so a request sees
/// either the old rules or the new ones, never a mix, and reading it takes no lock.
/// </summary>
public interface IPolicySource
{
    PolicyEngine Current { get; }
}
