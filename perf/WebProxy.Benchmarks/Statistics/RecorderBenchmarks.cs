using System.Net;
using BenchmarkDotNet.Attributes;
using WebProxy.Host.Statistics;
using WebProxy.Proxy.Telemetry;
using WebProxy.Statistics.Counting;

namespace WebProxy.Benchmarks.Statistics;

/// <summary>
/// The per-request recording work of issue #5, through the proxy's own <see cref="ProxyTrafficRecorder.Record"/>
/// (internal to WebProxy.Host, reached through its <c>InternalsVisibleTo</c>): <c>SiteOf(host)</c> with the real
/// Public Suffix List (<see cref="StatisticsData.LoadList"/>), <c>Count(...)</c>, and the per-connection visitor
/// check. Per request (OperationsPerInvoke), single thread, system clock, Europe/Amsterdam.
/// </summary>
/// <remarks>
/// <para><c>LoadTest</c> is what scenario (a) of <c>perf/load/run.sh</c> makes the proxy do per request: one host
/// (<c>127.0.0.1</c>), one client address, the connection's slot already holding this client, site and day, so no
/// hash. <c>LoadTestWithRequestExtras</c> adds what <c>ProxyRequestHandler</c> does around it when statistics are
/// on: a <see cref="TransferTally"/> per request, the forwarder's add, <see cref="Uri.IdnHost"/> and the event (the
/// feature lookups on the <c>HttpContext</c> are not measured).</para>
/// <para><c>CachedVisitor</c>: the 20 hosts of <see cref="StatisticsData.Hosts"/> in turn, one connection (slot) per
/// host, each already counted today: the common case. <c>NewVisitor</c>: the same, but the slot is emptied before
/// every request, so every request pays one HMAC-SHA256 of (site, address) and one sketch add, i.e. the first request
/// of a client to a site on a connection. <c>NewVisitorPerson</c>: the same with a signed-in person's id instead of
/// the address (no address formatting). Sites come from <c>SiteOf</c>'s cache after the first round, as in the
/// proxy; a cache miss costs one suffix-list lookup (<see cref="PublicSuffixListBenchmarks"/>).</para>
/// <code>dotnet run -c Release --project perf/WebProxy.Benchmarks -- --filter '*RecorderBenchmarks*' --job short</code>
/// </remarks>
[MemoryDiagnoser]
public class RecorderBenchmarks
{
    private const int Requests = 4096;

    private readonly Uri _loadTestUri = new("http://127.0.0.1:18080/1k");
    private StatisticsRecorder _statistics = null!;
    private ProxyTrafficRecorder _recorder = null!;
    private ClientSlot _loadTestSlot = null!;
    private string[] _hosts = [];
    private ClientSlot[] _slots = [];
    private string[] _people = [];

    [GlobalSetup]
    public void Setup()
    {
        _statistics = new StatisticsRecorder(StatisticsData.LoadList(), TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        _recorder = new ProxyTrafficRecorder(_statistics, TimeProvider.System);
        _loadTestSlot = new ClientSlot(IPAddress.Loopback);

        // The proxy hands the recorder lower-case ASCII hosts (Uri.IdnHost).
        var hosts = StatisticsData.Hosts.Select(h => h.ToLowerInvariant()).ToArray();
        _hosts = new string[Requests];
        _slots = new ClientSlot[Requests];
        _people = new string[Requests];
        for (var i = 0; i < Requests; i++)
        {
            _hosts[i] = hosts[i % hosts.Length];
            _slots[i] = new ClientSlot(new IPAddress([10, 20, (byte)(i >> 8), (byte)i]));
            _people[i] = $"medewerker{i:D4}";
        }

        // Fill SiteOf's cache, the counters and the sketches once, as a running proxy has them.
        LoadTest();
        CachedVisitor();
        NewVisitor();
        NewVisitorPerson();
    }

    [GlobalCleanup]
    public void Cleanup() => _statistics.Dispose();

    [Benchmark(OperationsPerInvoke = Requests)]
    public void LoadTest()
    {
        var traffic = new TrafficEvent("127.0.0.1", 1024, 0, TrafficDecision.Allowed, null);
        for (var i = 0; i < Requests; i++)
        {
            _recorder.Record(traffic, _loadTestSlot, null);
        }
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public long LoadTestWithRequestExtras()
    {
        long moved = 0;
        for (var i = 0; i < Requests; i++)
        {
            var tally = new TransferTally();
            tally.AddToClient(1024);
            _recorder.Record(new TrafficEvent(_loadTestUri.IdnHost, tally.ToClient, tally.ToOrigin, TrafficDecision.Allowed, null), _loadTestSlot, null);
            moved += tally.ToClient;
        }

        return moved;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests)]
    public void CachedVisitor()
    {
        // One slot per host (i % 20 == slot index % 20), so each slot keeps seeing its own site: no hash after setup.
        for (var i = 0; i < Requests; i++)
        {
            _recorder.Record(new TrafficEvent(_hosts[i], 1024, 0, TrafficDecision.Allowed, null), _slots[i % StatisticsData.Hosts.Length], null);
        }
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public void NewVisitor()
    {
        for (var i = 0; i < Requests; i++)
        {
            var slot = _slots[i];
            slot.CountedFor = null;
            _recorder.Record(new TrafficEvent(_hosts[i], 1024, 0, TrafficDecision.Allowed, null), slot, null);
        }
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public void NewVisitorPerson()
    {
        for (var i = 0; i < Requests; i++)
        {
            var slot = _slots[i];
            slot.CountedFor = null;
            _recorder.Record(new TrafficEvent(_hosts[i], 1024, 0, TrafficDecision.Allowed, null), slot, _people[i]);
        }
    }
}
