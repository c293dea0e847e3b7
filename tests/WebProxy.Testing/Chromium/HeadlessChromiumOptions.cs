using System.Net;

namespace WebProxy.Testing.Chromium;

/// <summary>How <see cref="HeadlessChromium.LaunchAsync"/> starts the browser.</summary>
public sealed class HeadlessChromiumOptions
{
    /// <summary>
    /// The HTTP proxy every request goes through, e.g. <see cref="ProxyUnderTest.ProxyUri"/>; null browses directly.
    /// Loopback addresses go through it too (Chromium otherwise sends 127.0.0.1 and localhost direct, which would
    /// let a test's origin be reached without the proxy and pass for the wrong reason).
    /// </summary>
    public Uri? Proxy { get; init; }

    /// <summary>
    /// Credentials every new page answers a proxy's 407 with (see <see cref="ChromiumPage.UseProxyCredentialsAsync"/>);
    /// null leaves the Fetch domain off, so no request is ever paused.
    /// </summary>
    public NetworkCredential? ProxyCredentials { get; init; }

    /// <summary>
    /// Accepts any server certificate. Tests need it because HTTPS through the proxy is signed by a per-test
    /// organisation CA the browser cannot be told to trust without a system-wide NSS database.
    /// </summary>
    public bool IgnoreCertificateErrors { get; init; }

    /// <summary>The longest any single wait (a command's answer, a page load) may take before the test fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long Chromium may take to open its DevTools port.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>More command-line switches, added after the driver's own (e.g. <c>--window-size=1280,800</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
