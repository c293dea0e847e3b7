namespace WebProxy.CertificateAuthority;

/// <summary>
/// Where the organisation CA comes from and how leaf certificates are minted. Configure either both PEM paths,
/// or a PFX path (with an optional password), or nothing: then a CA is generated once and kept in the data folder.
/// </summary>
public sealed class CertificateAuthorityOptions
{
    public string? CertificatePemPath { get; set; }

    public string? PrivateKeyPemPath { get; set; }

    public string? PfxPath { get; set; }

    public string? PfxPassword { get; set; }

    /// <summary>Common name of a generated CA; ignored when the CA is loaded from configured files.</summary>
    public string CommonName { get; set; } = "WebProxy Organisation CA";

    /// <summary>Organisation name of a generated CA; ignored when the CA is loaded from configured files.</summary>
    public string Organisation { get; set; } = "WebProxy";

    /// <summary>Lifetime of a minted leaf certificate; capped at the CA's own expiry.</summary>
    public TimeSpan LeafValidity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many hosts keep a minted leaf in memory; the least recently used are dropped beyond this.</summary>
    public int LeafCacheCapacity { get; set; } = 10_000;
}
