using BenchmarkDotNet.Attributes;
using WebProxy.Statistics.Sites;

namespace WebProxy.Benchmarks.Statistics;

/// <summary>
/// <see cref="PublicSuffixList.RegistrableDomain"/> runs once per counted request (issue #5) to find the site.
/// Target: under 300 ns per lookup on typical hosts. <c>Mix</c> is the mean over <see cref="StatisticsData.Hosts"/>;
/// <c>Parse</c> is loading the whole published list (done at start and when the list is refreshed).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project perf/WebProxy.Benchmarks -- --filter '*Statistics*' --job short</c>.
/// </remarks>
[MemoryDiagnoser]
public class PublicSuffixListBenchmarks
{
    private const int MixSize = 20;

    private PublicSuffixList _list = PublicSuffixList.Fallback;
    private string[] _hosts = [];

    [GlobalSetup]
    public void Setup()
    {
        _list = StatisticsData.LoadList();
        _hosts = StatisticsData.Hosts;
        if (_hosts.Length != MixSize)
        {
            throw new InvalidOperationException($"Mix expects {MixSize} hosts, found {_hosts.Length}.");
        }
    }

    [Benchmark(OperationsPerInvoke = MixSize)]
    public int Mix()
    {
        var length = 0;
        foreach (var host in _hosts)
        {
            length += _list.RegistrableDomain(host)?.Length ?? 0;
        }

        return length;
    }

    [Benchmark]
    [Arguments("www.rijksoverheid.nl")]
    [Arguments("example.com")]
    [Arguments("www.bbc.co.uk")]
    [Arguments("ec2-1-2-3-4.eu-west-1.compute.amazonaws.com")]
    [Arguments("www.食狮.公司.cn")]
    public string? Lookup(string host) => _list.RegistrableDomain(host);

    [Benchmark]
    public PublicSuffixList Parse() => StatisticsData.LoadList();
}
