using System.Numerics;
using WebProxy.Statistics.Sketches;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Sketches;

public sealed class HyperLogLogTests
{
    // The standard error of HyperLogLog with m = 4096 registers: 1.04 / √4096 ≈ 1.6 %.
    private static readonly double StandardError = 1.04 / Math.Sqrt(4096);

    [Fact]
    public void Counts_from_0_to_50_are_exact()
    {
        var values = new SplitMix64(1).Take(50);
        var sketch = new HyperLogLog();
        Assert.Equal(0, sketch.Estimate());
        for (var n = 1; n <= values.Length; n++)
        {
            sketch.Add(values[n - 1]);
            Assert.Equal(n, Math.Round(sketch.Estimate()));
        }
    }

    [Fact]
    public void Small_counts_are_exact_for_many_different_sets_of_clients()
    {
        // The report hides sites seen from fewer than k = 5 clients: around k the count must not wobble.
        var random = new SplitMix64(2);
        for (var trial = 0; trial < 2000; trial++)
        {
            var sketch = new HyperLogLog();
            var n = 1 + (trial % 20);
            foreach (var value in random.Take(n))
            {
                sketch.Add(value);
            }

            Assert.Equal(n, Math.Round(sketch.Estimate()));
        }
    }

    [Theory]
    [InlineData(1_000, 11UL)]
    [InlineData(2_000, 12UL)]
    [InlineData(5_000, 13UL)]
    [InlineData(10_000, 14UL)]
    [InlineData(100_000, 15UL)]
    [InlineData(1_000_000, 16UL)]
    public void Large_counts_are_within_three_standard_errors(int distinct, ulong seed)
    {
        var sketch = new HyperLogLog();
        var random = new SplitMix64(seed);
        for (var i = 0; i < distinct; i++)
        {
            sketch.Add(random.Next());
        }

        var error = (sketch.Estimate() - distinct) / distinct;
        Assert.True(Math.Abs(error) <= 3 * StandardError, $"{distinct}: estimate {sketch.Estimate():F0}, error {error:P2}");
    }

    [Fact]
    public void The_error_over_many_sketches_matches_the_theory()
    {
        // 200 sketches of 20,000 values each: the root mean square relative error should be close to 1.04/√m, and
        // the mean close to zero (no bias in the range where HyperLogLog's original estimator had one).
        var random = new SplitMix64(21);
        var errors = new double[200];
        for (var s = 0; s < errors.Length; s++)
        {
            var sketch = new HyperLogLog();
            for (var i = 0; i < 20_000; i++)
            {
                sketch.Add(random.Next());
            }

            errors[s] = (sketch.Estimate() - 20_000) / 20_000;
        }

        var rms = Math.Sqrt(errors.Average(e => e * e));
        Assert.InRange(rms, 0.5 * StandardError, 1.5 * StandardError);
        Assert.InRange(errors.Average(), -0.5 * StandardError, 0.5 * StandardError);
    }

    [Fact]
    public void Duplicates_do_not_count_and_order_does_not_matter()
    {
        var values = new SplitMix64(3).Take(3000);
        var once = new HyperLogLog();
        foreach (var value in values)
        {
            once.Add(value);
        }

        var thrice = new HyperLogLog();
        foreach (var value in values.Concat(values).Concat(values).Reverse())
        {
            thrice.Add(value);
        }

        Assert.Equal(once.ToBytes(), thrice.ToBytes());
        Assert.Equal(once.Estimate(), thrice.Estimate());
    }

    [Fact]
    public void Duplicates_of_a_few_clients_keep_the_count_exact()
    {
        var values = new SplitMix64(4).Take(4);
        var sketch = new HyperLogLog();
        for (var i = 0; i < 1000; i++)
        {
            sketch.Add(values[i % values.Length]);
        }

        Assert.Equal(4, Math.Round(sketch.Estimate()));
    }

    [Theory]
    [InlineData(100, 200)] // sparse into sparse
    [InlineData(700, 700)] // sparse into sparse, the union dense
    [InlineData(100, 5000)] // dense into sparse
    [InlineData(5000, 100)] // sparse into dense
    [InlineData(5000, 8000)] // dense into dense
    public void A_merge_is_the_sketch_of_the_union(int first, int second)
    {
        var random = new SplitMix64(5);
        var shared = random.Take(50);
        var a = random.Take(first).Concat(shared).ToArray();
        var b = random.Take(second).Concat(shared).ToArray();
        var left = Sketch(a);
        var right = Sketch(b);
        var union = Sketch(a.Concat(b));

        left.Merge(right);

        Assert.Equal(union.ToBytes(), left.ToBytes());
        Assert.Equal(Sketch(b).ToBytes(), right.ToBytes()); // the source is unchanged
    }

    [Fact]
    public void Merging_a_sketch_into_itself_changes_nothing()
    {
        foreach (var count in new[] { 10, 5000 })
        {
            var sketch = Sketch(new SplitMix64(6).Take(count));
            var before = sketch.ToBytes();

            sketch.Merge(sketch);

            Assert.Equal(before, sketch.ToBytes());
        }
    }

    [Fact]
    public void Merging_needs_equal_precision()
    {
        var error = Assert.Throws<ArgumentException>(() => new HyperLogLog(12).Merge(new HyperLogLog(14)));

        Assert.Contains("precision 14 into one of precision 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sketch_turns_dense_after_a_quarter_of_the_registers_in_sparse_entries()
    {
        var values = new SplitMix64(7).Take(1025);
        var sketch = new HyperLogLog();
        foreach (var value in values[..1024])
        {
            sketch.Add(value);
        }

        Assert.True(sketch.IsSparse);
        Assert.Equal(1024, Math.Round(sketch.Estimate()));

        sketch.Add(values[1024]);

        Assert.False(sketch.IsSparse);
        Assert.InRange(sketch.Estimate(), 1025 * (1 - (3 * StandardError)), 1025 * (1 + (3 * StandardError)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(16)]
    public void A_sparse_entry_turns_into_the_register_the_hash_sets_directly(int precision)
    {
        foreach (var hash in new SplitMix64(8).Take(10_000).Concat([0UL, 1UL, ulong.MaxValue, 1UL << 63, 1UL << 39, 1UL << 38]))
        {
            var expectedIndex = (int)(hash >> (64 - precision));
            var rest = hash << precision;
            var expectedRank = rest == 0 ? 65 - precision : BitOperations.LeadingZeroCount(rest) + 1;

            var (index, rank) = SparseEntry.ToDense(SparseEntry.FromHash(hash), precision);

            Assert.Equal(expectedIndex, index);
            Assert.Equal(expectedRank, rank);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(16)]
    public void Other_precisions_estimate_within_three_standard_errors(int precision)
    {
        var sketch = new HyperLogLog(precision);
        var random = new SplitMix64(9);
        for (var i = 0; i < 50_000; i++)
        {
            sketch.Add(random.Next());
        }

        var standardError = 1.04 / Math.Sqrt(1 << precision);
        Assert.InRange(sketch.Estimate(), 50_000 * (1 - (3 * standardError)), 50_000 * (1 + (3 * standardError)));
        Assert.Equal(precision, sketch.Precision);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public void A_precision_outside_4_to_16_is_refused(int precision)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HyperLogLog(precision));
    }

    private static HyperLogLog Sketch(IEnumerable<ulong> values)
    {
        var sketch = new HyperLogLog();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch;
    }
}
