using Microsoft.Extensions.Logging;

namespace WebProxy.CertificateAuthority.Tests.Support;

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message);
