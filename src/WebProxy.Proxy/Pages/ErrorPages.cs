using WebProxy.Proxy.Forwarding;
using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Pages;

/// <summary>The error pages, worded for the person at the workstation: what happened and what they can do.</summary>
internal static class ErrorPages
{
    private const string ServiceDesk = "If the problem persists, contact the IT service desk.";

    public static ProxyPage ForForwarderError(ForwarderErrorFeature error, string host) => error.Error switch
    {
        ForwarderError.UpstreamTimeout => new(504, "The site did not answer in time",
            [$"{host} did not respond within the time limit. The site may be overloaded or down.", "Try again in a few minutes. " + ServiceDesk]),
        ForwarderError.UpstreamTlsInvalid => new(502, "The site's security certificate is not valid",
            [$"The proxy did not connect to {host} because {TlsReason(error.TlsFailure)}.",
             "Someone could be impersonating the site, or the site is misconfigured. The connection was refused to protect you.", ServiceDesk]),
        ForwarderError.UpstreamUnavailable => ForUnavailable(error.UpstreamKind, host),
        _ => new(502, "The site sent an invalid answer",
            [$"{host} closed the connection or answered in a way the proxy could not understand.", "Try again later. " + ServiceDesk]),
    };

    public static ProxyPage ForUnavailable(UpstreamErrorKind? kind, string host) => kind switch
    {
        UpstreamErrorKind.DnsFailure => new(502, "Site not found",
            [$"The name {host} could not be found. Check the address for typing errors.", ServiceDesk]),
        UpstreamErrorKind.ConnectionRefused => new(502, "The site refused the connection",
            [$"{host} is reachable but refused the connection on this port. The service may be down.", "Try again later. " + ServiceDesk]),
        UpstreamErrorKind.Timeout => new(504, "The site did not answer in time",
            [$"{host} did not accept a connection within the time limit.", "Try again later. " + ServiceDesk]),
        _ => new(502, "The site could not be reached",
            [$"The proxy could not reach {host}.", "Try again later. " + ServiceDesk]),
    };

    public static ProxyPage BadRequest(string reason) =>
        new(400, "Bad request", [$"The proxy could not handle this request: {reason}."]);

    public static ProxyPage ConnectNotFirst() =>
        new(400, "CONNECT must start a connection",
            ["A CONNECT request must be the first request on a connection to the proxy. The connection is closed."]);

    public static ProxyPage DomainFronting(string tunnelHost) =>
        new(421, "Request refused: wrong site for this connection",
            [$"This secure connection was opened for {tunnelHost}, but the request inside it named another site.",
             "The proxy refuses such requests because they would bypass its rules. Open the other site in its own connection."]);

    public static ProxyPage NotFound() =>
        new(404, "Not found", ["The proxy has no page at this address."]);

    private static string TlsReason(UpstreamTlsFailure? failure) => failure switch
    {
        UpstreamTlsFailure.Expired => "its certificate has expired or is not yet valid",
        UpstreamTlsFailure.WrongHost => "its certificate was issued for a different site name",
        UpstreamTlsFailure.SelfSigned => "its certificate is self-signed, so nobody vouches for it",
        UpstreamTlsFailure.Untrusted => "its certificate was not issued by a trusted certificate authority",
        UpstreamTlsFailure.Missing => "it sent no certificate",
        _ => "the secure connection could not be set up",
    };
}
