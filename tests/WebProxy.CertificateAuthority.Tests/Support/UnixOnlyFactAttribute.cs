namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>A fact about Unix file modes; skipped on Windows, which has none.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class UnixOnlyFactAttribute : FactAttribute
{
    public UnixOnlyFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes do not exist on Windows.";
        }
    }
}
