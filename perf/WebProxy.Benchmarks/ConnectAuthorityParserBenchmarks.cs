using BenchmarkDotNet.Attributes;
using WebProxy.Policy.Connect;

namespace WebProxy.Benchmarks;

/// <summary><see cref="ConnectAuthorityParser.TryParse"/> runs once per CONNECT, on the target the head reader found.</summary>
[MemoryDiagnoser]
public class ConnectAuthorityParserBenchmarks
{
    [Benchmark]
    [Arguments("www.example.org:443")]
    [Arguments("WWW.Example.ORG.:443")]
    [Arguments("bücher.example:443")]
    [Arguments("192.0.2.10:8443")]
    [Arguments("[2001:db8::1]:443")]
    [Arguments("www.example.org")]
    public bool TryParse(string authority) => ConnectAuthorityParser.TryParse(authority, out _, out _);
}
