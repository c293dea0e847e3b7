namespace WebProxy.CertificateAuthority;

/// <summary>
/// The organisation CA cannot be used. The message names the file (or the CA) and the problem in plain words,
/// because it is shown to an operator at start-up who has to fix the configuration.
/// </summary>
public sealed class CertificateAuthorityException : Exception
{
    public CertificateAuthorityException()
    {
    }

    public CertificateAuthorityException(string message)
        : base(message)
    {
    }

    public CertificateAuthorityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
