using BenchmarkDotNet.Attributes;
using WebProxy.Statistics.Sketches;

namespace WebProxy.Benchmarks.Statistics;

/// <summary>
/// <see cref="HyperLogLog.Add"/> runs once per counted request, into the sketch of the request's site and day.
/// <c>Sparse</c>: a sketch that stays small (a site seen by 500 clients), <c>Dense</c>: a busy site's sketch.
/// Per add (OperationsPerInvoke); the values are precomputed, so no hashing is measured.
/// </summary>
[MemoryDiagnoser]
public class HyperLogLogBenchmarks
{
    private const int Adds = 4096;

    private readonly ulong[] _values = new ulong[Adds];
    private HyperLogLog _sparse = new();
    private HyperLogLog _dense = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var distinct = new ulong[500];
        foreach (ref var value in distinct.AsSpan())
        {
            value = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
        }

        // Revisits of 500 clients: the sparse sketch is filled by the first round and stays sparse.
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = distinct[i % distinct.Length];
        }

        _sparse = new HyperLogLog();
        _dense = new HyperLogLog();
        for (var i = 0; i < 100_000; i++)
        {
            _dense.Add((ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63));
        }
    }

    [Benchmark(OperationsPerInvoke = Adds)]
    public void Sparse()
    {
        foreach (var value in _values)
        {
            _sparse.Add(value);
        }
    }

    [Benchmark(OperationsPerInvoke = Adds)]
    public void Dense()
    {
        foreach (var value in _values)
        {
            _dense.Add(value);
        }
    }

    [Benchmark]
    public double EstimateDense() => _dense.Estimate();

    [Benchmark]
    public byte[] ToBytesDense() => _dense.ToBytes();
}
