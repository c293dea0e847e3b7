using BenchmarkDotNet.Attributes;
using WebProxy.Policy.Categories;

namespace WebProxy.Benchmarks;

/// <summary>
/// Category lookups on the synthetic 1,000,000-domain index (plus 3,000 url entries), over 4,096 different
/// requests per invocation so the table is probed at many places, not one cached slot. Target (issue #3):
/// ≤ 300 ns median per lookup. Kinds (from <c>generate-domains.py --queries</c>): <c>hit-exact</c> a listed domain,
/// <c>hit-sub</c> a subdomain of a listed domain, <c>miss</c> an unlisted host (with path), <c>url-hit</c> a listed
/// url entry, and <c>mix</c>: 70 % miss, 10 % each of the others, shuffled.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project perf/WebProxy.Benchmarks -- --filter '*CategoriesLookup*' --job short</c>.
/// Results are per lookup (OperationsPerInvoke).
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class CategoriesLookupBenchmarks
{
    private const int Lookups = 4096;

    private CategoryIndex _index = CategoryIndex.Empty;
    private string[] _hosts = [];
    private string[] _paths = [];

    [Params("mix", "miss", "hit-exact", "hit-sub", "url-hit")]
    public string Kind { get; set; } = "mix";

    [GlobalSetup]
    public void Setup()
    {
        _index = CategoriesData.Load(CategoriesData.SnapshotFile(1));
        var queries = CategoriesData.Queries(1);
        IEnumerable<(string Kind, string Host, string Path)> chosen;
        if (Kind == "mix")
        {
            var random = new Random(CategoriesData.Seed);
            chosen = queries.Where(q => q.Kind == "miss").Take(Lookups * 7 / 10)
                .Concat(queries.Where(q => q.Kind == "hit-exact").Take(Lookups / 10))
                .Concat(queries.Where(q => q.Kind == "hit-sub").Take(Lookups / 10))
                .Concat(queries.Where(q => q.Kind == "url-hit").Take(Lookups - (Lookups * 7 / 10) - (2 * (Lookups / 10))))
                .OrderBy(_ => random.Next())
                .ToArray();
        }
        else
        {
            chosen = queries.Where(q => q.Kind == Kind).Take(Lookups);
        }

        var array = chosen.ToArray();
        if (array.Length != Lookups)
        {
            throw new InvalidOperationException($"Expected {Lookups} queries of kind {Kind}, found {array.Length}.");
        }

        _hosts = array.Select(q => q.Host).ToArray();
        _paths = array.Select(q => q.Path).ToArray();

        // The sample must mean what its name says: hits hit, misses miss.
        var hosts = _hosts.Count(h => _index.MatchHost(h) != 0);
        var urls = _hosts.Select((h, i) => _index.MatchUrl(h, _paths[i])).Count(m => m != 0);
        Console.WriteLine($"CATEGORIES-LOOKUP kind={Kind} lookups={Lookups} host_matches={hosts} url_matches={urls}");
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public ulong MatchHost()
    {
        ulong any = 0;
        var hosts = _hosts;
        for (var i = 0; i < hosts.Length; i++)
        {
            any |= _index.MatchHost(hosts[i]);
        }

        return any;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public ulong MatchUrl()
    {
        ulong any = 0;
        var hosts = _hosts;
        var paths = _paths;
        for (var i = 0; i < hosts.Length; i++)
        {
            any |= _index.MatchUrl(hosts[i], paths[i]);
        }

        return any;
    }
}
