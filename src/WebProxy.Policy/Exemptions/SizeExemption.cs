namespace WebProxy.Policy.Exemptions;

/// <summary>
/// Permission for oversized transfers, after consultation with the Technical Architect (article 5.4). Granted only by
/// a person with <see cref="Identity.Role.TechnicalArchitect"/>. Applies to both the download and the upload limit of
/// <see cref="Rules.PolicyEngine"/>; it can only raise them.
/// </summary>
public sealed record SizeExemption : Exemption
{
    /// <summary>The largest transfer allowed, in bytes (positive); null for no limit at all.</summary>
    public required long? MaxBytes { get; init; }
}
