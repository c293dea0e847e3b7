using Microsoft.Extensions.Logging;

namespace WebProxy.CertificateAuthority;

/// <summary>Every log event of the certificate authority, with fixed ids (range 2000–2099).</summary>
internal static partial class CertificateAuthorityLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Generated a new organisation CA '{Subject}' (thumbprint {Thumbprint}, valid until {NotAfter:u}) in {Directory}; clients must trust it before interception works")]
    public static partial void CaGenerated(ILogger logger, string subject, string thumbprint, DateTimeOffset notAfter, string directory);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Loaded organisation CA '{Subject}' (thumbprint {Thumbprint}, valid until {NotAfter:u}) from {Source}")]
    public static partial void CaLoaded(ILogger logger, string subject, string thumbprint, DateTimeOffset notAfter, string source);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Private key file {Path} is accessible to group or others (mode {Mode}); restrict it to the owner (chmod 600)")]
    public static partial void KeyFileTooOpen(ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Organisation CA '{Subject}' expires on {NotAfter:u}; replace it and distribute the new one to clients before then")]
    public static partial void CaExpiresSoon(ILogger logger, string subject, DateTimeOffset notAfter);
}
