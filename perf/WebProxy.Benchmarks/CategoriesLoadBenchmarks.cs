using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using WebProxy.Policy.Categories;

namespace WebProxy.Benchmarks;

/// <summary>
/// Loading a compiled category snapshot (what a proxy does at start and on every reload) of 1 and 5 million
/// synthetic domains, from a file in the page cache. Target (issue #3): ≤ 0.5 s and ≤ 32 MiB extra memory per
/// million domains. Allocated bytes (MemoryDiagnoser) include what the loader drops again (the validation's
/// bookkeeping); the memory the index keeps is printed by the setup as a <c>CATEGORIES-MEMORY</c> line.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project perf/WebProxy.Benchmarks -- --filter '*CategoriesLoad*'</c>; one load per
/// iteration (a load takes hundreds of milliseconds, so no unrolling), 5 iterations after one warm-up.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class CategoriesLoadBenchmarks
{
    private string _snapshot = "";

    [Params(1, 5)]
    public int Millions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = CategoriesData.SnapshotFile(Millions);

        // What the index keeps once loaded: live heap after minus before, after full blocking collections.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = CategoriesData.Load(_snapshot);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var domains = index.Domains;
        long arrays = domains.Entries.Length + (4L * domains.Slots.Length) + (8L * domains.Masks.Length);
        var retained = after - before;
        Console.WriteLine(
            $"CATEGORIES-MEMORY millions={Millions} domains={index.DomainCount} urls={index.UrlCount} " +
            $"file_bytes={new FileInfo(_snapshot).Length} retained_bytes={retained} " +
            $"retained_bytes_per_domain={(double)retained / index.DomainCount:F1} " +
            $"retained_mib_per_million={retained / 1048576.0 / (index.DomainCount / 1e6):F1} " +
            $"entries_bytes={domains.Entries.Length} slots={domains.Slots.Length} " +
            $"domain_arrays_bytes_per_domain={(double)arrays / index.DomainCount:F1}");
        GC.KeepAlive(index);
    }

    [Benchmark]
    public CategoryIndex Load() => CategoriesData.Load(_snapshot);
}
