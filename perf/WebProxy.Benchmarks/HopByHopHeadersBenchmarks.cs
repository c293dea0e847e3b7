using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Primitives;
using WebProxy.Proxy.Forwarding;

namespace WebProxy.Benchmarks;

/// <summary>
/// <see cref="HopByHopHeaders"/> decides, for every header of every forwarded request and response, whether it
/// stops at the proxy. Measured over the header names of a typical browser request.
/// </summary>
[MemoryDiagnoser]
public class HopByHopHeadersBenchmarks
{
    private static readonly string[] BrowserRequestHeaders =
    [
        "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Referer", "Cookie", "Connection",
        "Proxy-Connection", "Upgrade-Insecure-Requests", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
        "Sec-Fetch-User", "Priority", "If-None-Match", "If-Modified-Since",
    ];

    private static readonly StringValues KeepAlive = new("keep-alive");

    private static readonly StringValues WithTokens = new("keep-alive, X-Trace-Id, Upgrade");

    [Benchmark(Baseline = true, Description = "17 browser headers, Connection: keep-alive")]
    public int BrowserRequest() => CountForwarded(KeepAlive);

    [Benchmark(Description = "17 browser headers, Connection names 3 tokens")]
    public int BrowserRequest_ConnectionTokens() => CountForwarded(WithTokens);

    private static int CountForwarded(StringValues connection)
    {
        var named = HopByHopHeaders.NamedInConnection(connection);
        var forwarded = 0;
        foreach (var name in BrowserRequestHeaders)
        {
            if (!HopByHopHeaders.IsHopByHop(name, named))
            {
                forwarded++;
            }
        }

        return forwarded;
    }
}
