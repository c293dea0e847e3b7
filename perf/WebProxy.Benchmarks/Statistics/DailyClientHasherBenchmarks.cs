using BenchmarkDotNet.Attributes;
using WebProxy.Statistics.ClientKeys;

namespace WebProxy.Benchmarks.Statistics;

/// <summary>
/// <see cref="DailyClientHasher.Hash(ReadOnlySpan{char}, out DateOnly)"/> runs once per counted request: HMAC-SHA256
/// of the client's address or person id under the day's key, on the system clock in Europe/Amsterdam.
/// </summary>
[MemoryDiagnoser]
public class DailyClientHasherBenchmarks
{
    private DailyClientHasher _hasher = null!;

    [GlobalSetup]
    public void Setup() => _hasher = new DailyClientHasher(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));

    [GlobalCleanup]
    public void Cleanup() => _hasher.Dispose();

    [Benchmark]
    public ulong Address() => _hasher.Hash("10.20.30.40", out _);

    [Benchmark]
    public ulong PersonInSite() => _hasher.Hash("www.rijksoverheid.nl", "j.de.vries", out _);
}
