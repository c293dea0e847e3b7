using System.Diagnostics;
using System.Diagnostics.Metrics;
using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Telemetry;

/// <summary>
/// The proxy's instruments. Privacy rule: no tag ever carries a host, a URL, a user or a client address;
/// tags are small fixed vocabularies (method class, outcome, side, kind), so series counts stay bounded too.
/// </summary>
public sealed class ProxyMetrics
{
    public const string MeterName = "WebProxy.Proxy";

    public const string TrafficHttp = "http";
    public const string TrafficTunnel = "tunnel";

    private static readonly double[] DurationBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _bytesToClient;
    private readonly Counter<long> _bytesToOrigin;
    private readonly UpDownCounter<long> _activeConnections;
    private readonly UpDownCounter<long> _activeTunnels;
    private readonly Counter<long> _tlsHandshakeFailures;
    private readonly Counter<long> _upstreamErrors;
    private readonly Counter<long> _blocks;

    public ProxyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("webproxy.requests", "{request}", "Requests answered, by method class and outcome.");
        _duration = meter.CreateHistogram("webproxy.request.duration", "s", "Time from request head to the end of the response (or of the CONNECT tunnel set-up).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _bytesToClient = meter.CreateCounter<long>("webproxy.traffic.to_client", "By", "Body and tunnel bytes sent to clients.");
        _bytesToOrigin = meter.CreateCounter<long>("webproxy.traffic.to_origin", "By", "Body and tunnel bytes sent to origins.");
        _activeConnections = meter.CreateUpDownCounter<long>("webproxy.connections.active", "{connection}", "Client connections open on the proxy port.");
        _activeTunnels = meter.CreateUpDownCounter<long>("webproxy.tunnels.active", "{tunnel}", "CONNECT tunnels open, by mode (tunnel or intercept).");
        _tlsHandshakeFailures = meter.CreateCounter<long>("webproxy.tls.handshake_failures", "{handshake}", "Failed TLS handshakes, by side (client or upstream).");
        _upstreamErrors = meter.CreateCounter<long>("webproxy.upstream.errors", "{error}", "Failures to reach or talk to an origin, by kind.");
        _blocks = meter.CreateCounter<long>("webproxy.blocks", "{request}", "Requests refused by the regulation's rules, by regulation category (adult, hate, gambling, chat, warez) or size rule (download-size, upload-size).");
    }

    public void RequestCompleted(MethodClass methodClass, RequestOutcome outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "method_class", MethodClassNames.Of(methodClass) },
            { "outcome", RequestOutcomeNames.Of(outcome) },
        };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void AddBytesToClient(long bytes, string traffic) => _bytesToClient.Add(bytes, new KeyValuePair<string, object?>("traffic", traffic));

    public void AddBytesToOrigin(long bytes, string traffic) => _bytesToOrigin.Add(bytes, new KeyValuePair<string, object?>("traffic", traffic));

    public void ConnectionOpened() => _activeConnections.Add(1);

    public void ConnectionClosed() => _activeConnections.Add(-1);

    public void TunnelOpened(string mode) => _activeTunnels.Add(1, new KeyValuePair<string, object?>("mode", mode));

    public void TunnelClosed(string mode) => _activeTunnels.Add(-1, new KeyValuePair<string, object?>("mode", mode));

    public void TlsHandshakeFailed(string side) => _tlsHandshakeFailures.Add(1, new KeyValuePair<string, object?>("side", side));

    public void Blocked(string regulationCategory) => _blocks.Add(1, new KeyValuePair<string, object?>("category", regulationCategory));

    public void UpstreamError(UpstreamErrorKind kind) => _upstreamErrors.Add(1, new KeyValuePair<string, object?>("kind", UpstreamErrorKindNames.Of(kind)));
}
