using Microsoft.Extensions.Logging;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// Warns when a private key file is open to group or others. Anyone who reads the CA key can impersonate every
/// site to every client that trusts the CA. A warning and not a failure: mounted secrets (Kubernetes, Docker)
/// are often 0644 inside a container the proxy user owns alone, and refusing to start would be worse.
/// </summary>
internal static class KeyFilePermissions
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static void WarnIfOpen(string keyPath, ILogger logger)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(keyPath))
        {
            return;
        }

        var mode = File.GetUnixFileMode(keyPath);
        if ((mode & GroupOrOther) != 0)
        {
            CertificateAuthorityLog.KeyFileTooOpen(logger, keyPath, Convert.ToString((int)mode, 8));
        }
    }
}
