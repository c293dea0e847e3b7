namespace WebProxy.Proxy.Telemetry;

internal static class RequestOutcomeNames
{
    public static string Of(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Forwarded => "forwarded",
        RequestOutcome.Tunneled => "tunneled",
        RequestOutcome.Intercepted => "intercepted",
        RequestOutcome.Refused => "refused",
        RequestOutcome.Rejected => "rejected",
        RequestOutcome.UpstreamError => "upstream_error",
        RequestOutcome.ClientAborted => "client_aborted",
        _ => "local",
    };
}
