using Microsoft.Extensions.Logging;
using WebProxy.Policy.Connect;
using WebProxy.Proxy.Identity;
using WebProxy.Proxy.Interception;
using WebProxy.Proxy.Telemetry;
using WebProxy.Proxy.Tunneling;
using WebProxy.Proxy.Upstream;

namespace WebProxy.Proxy.Connect;

/// <summary>What the connection middleware needs, resolved once per listener rather than per connection.</summary>
internal sealed record ForwardProxyServices(
    ProxyOptions Options,
    IConnectPolicy ConnectPolicy,
    UpstreamConnector Connector,
    TunnelSplicer Splicer,
    TlsInterceptor Interceptor,
    ProxyMetrics Metrics,
    TimeProvider TimeProvider,
    IProxyAuthenticator Authenticator,
    ITrafficRecorder Recorder,
    IInvestigationCapture Capture,
    ILogger Logger);
