using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Telemetry;

internal static class UpstreamErrorKindNames
{
    public static string Of(UpstreamErrorKind kind) => kind switch
    {
        UpstreamErrorKind.DnsFailure => "dns",
        UpstreamErrorKind.ConnectionRefused => "refused",
        UpstreamErrorKind.Unreachable => "unreachable",
        UpstreamErrorKind.Timeout => "timeout",
        UpstreamErrorKind.TlsInvalid => "tls",
        _ => "protocol",
    };
}
