using WebProxy.Policy.Exemptions;

namespace WebProxy.Proxy.Rules;

/// <summary>
/// The exemptions in force (issue 4, article 5.4), swapped as a whole when one is granted, revoked or expires, so a
/// request reads them without a lock. They apply only to requests authenticated as their subject.
/// </summary>
public interface IExemptionSource
{
    ExemptionSet Current { get; }
}
