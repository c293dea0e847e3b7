using BenchmarkDotNet.Attributes;
using WebProxy.Policy.Hosts;

namespace WebProxy.Benchmarks;

/// <summary>
/// <see cref="HostNames.TryNormalise"/> runs for every CONNECT target and every absolute-form request, and inside
/// intercepted tunnels for the Host of every request (the domain-fronting check).
/// </summary>
[MemoryDiagnoser]
public class HostNamesBenchmarks
{
    [Benchmark]
    [Arguments("www.example.org")]
    [Arguments("WWW.Example.ORG.")]
    [Arguments("bücher.example")]
    [Arguments("192.0.2.10")]
    [Arguments("2001:db8::1")]
    public bool TryNormalise(string host) => HostNames.TryNormalise(host, out _, out _);
}
