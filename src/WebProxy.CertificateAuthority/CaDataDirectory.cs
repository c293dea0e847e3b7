using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// The generated CA in <c>&lt;data&gt;/ca/</c>: <c>ca.pem</c> (certificate) and <c>ca.key.pem</c> (PKCS#8 key).
/// Generated on first start, loaded on every later start, so clients keep trusting the same CA.
/// </summary>
internal sealed class CaDataDirectory
{
    public const string DirectoryName = "ca";
    public const string CertificateFileName = "ca.pem";
    public const string KeyFileName = "ca.key.pem";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public CaDataDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DirectoryPath = Path.Combine(dataDirectory, DirectoryName);
        CertificatePath = Path.Combine(DirectoryPath, CertificateFileName);
        KeyPath = Path.Combine(DirectoryPath, KeyFileName);
    }

    public string DirectoryPath { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>Whether a CA was stored before; the certificate file is written last, so it marks completion.</summary>
    public bool HasCertificate => File.Exists(CertificatePath);

    /// <summary>
    /// Writes a new CA. The key file is created with mode 0600 by open(2) itself (UnixCreateMode), so there is no
    /// moment in which it exists with wider permissions, as there would be with chmod after writing. The
    /// certificate goes to a temporary file that is renamed last: a crash mid-way never leaves a ca.pem whose
    /// key is missing or half written.
    /// </summary>
    public void Store(X509Certificate2 certificate, ILogger logger)
    {
        if (File.Exists(KeyPath))
        {
            // A key without its certificate: a crash between the two writes, or a deleted ca.pem. Never overwrite
            // a private key someone may still need; let the operator decide.
            throw new CertificateAuthorityException(
                $"'{KeyPath}' exists but '{CertificatePath}' does not. Restore the certificate, or delete the key file to generate a new CA (clients must then trust the new one).");
        }

        CreateDirectory();
        var keyPem = ExportPrivateKeyPem(certificate);
        WriteNewFile(KeyPath, keyPem, FileMode.CreateNew, OwnerOnlyFile);

        var temporaryPath = CertificatePath + ".tmp";
        WriteNewFile(temporaryPath, certificate.ExportCertificatePem(), FileMode.Create, PublicFile);
        File.Move(temporaryPath, CertificatePath);

        CertificateAuthorityLog.CaGenerated(logger, certificate.Subject, certificate.Thumbprint, CertificateTimes.NotAfter(certificate), DirectoryPath);
    }

    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DirectoryPath);
            return;
        }

        // Only the ca directory itself is 0700; parents keep the default mode, as the data folder holds other
        // files. An existing directory keeps its mode: it may have been prepared deliberately by the operator.
        var parent = Path.GetDirectoryName(Path.GetFullPath(DirectoryPath));
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }

        Directory.CreateDirectory(DirectoryPath, OwnerOnlyDirectory);
    }

    private static string ExportPrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("A generated CA always has an ECDSA private key.");
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static void WriteNewFile(string path, string contents, FileMode mode, UnixFileMode unixMode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = unixMode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(contents));
        stream.Flush(flushToDisk: true);
    }
}
