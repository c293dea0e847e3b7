using WebProxy.Policy.Exemptions;

namespace WebProxy.Proxy.Rules;

/// <summary>The exemption source of a proxy whose host keeps none: the same rules for everyone.</summary>
internal sealed class NoExemptions : IExemptionSource
{
    public ExemptionSet Current => ExemptionSet.Empty;
}
