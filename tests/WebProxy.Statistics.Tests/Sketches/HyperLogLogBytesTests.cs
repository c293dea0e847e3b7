using System.Buffers.Binary;
using WebProxy.Statistics.Sketches;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.Sketches;

/// <summary>The stored form: round trips in both forms, and damaged or foreign bytes refused with a reason.</summary>
public sealed class HyperLogLogBytesTests
{
    [Theory]
    [InlineData(0, 7)]
    [InlineData(5, 27)]
    [InlineData(1024, 4103)]
    [InlineData(1025, 4103)]
    [InlineData(200_000, 4103)]
    public void A_sketch_round_trips_through_bytes_in_its_smaller_form(int distinct, int size)
    {
        var values = new SplitMix64(30).Take(distinct + 100);
        var sketch = Sketch(values[..distinct]);

        var bytes = sketch.ToBytes();
        var copy = HyperLogLog.FromBytes(bytes);

        Assert.Equal(size, bytes.Length);
        Assert.Equal(HyperLogLogEncoding.Version, bytes[0]);
        Assert.Equal(sketch.IsSparse, copy.IsSparse);
        Assert.Equal(distinct <= 1024, copy.IsSparse);
        Assert.Equal(sketch.Estimate(), copy.Estimate());
        Assert.Equal(bytes, copy.ToBytes());

        // The copy goes on counting exactly as the original does.
        foreach (var value in values[distinct..])
        {
            sketch.Add(value);
            copy.Add(value);
        }

        Assert.Equal(sketch.ToBytes(), copy.ToBytes());
    }

    [Fact]
    public void Other_precisions_round_trip()
    {
        foreach (var precision in new[] { 4, 16 })
        {
            var sketch = new HyperLogLog(precision);
            foreach (var value in new SplitMix64(31).Take(100_000))
            {
                sketch.Add(value);
            }

            var copy = HyperLogLog.FromBytes(sketch.ToBytes());

            Assert.Equal(precision, copy.Precision);
            Assert.Equal(sketch.Estimate(), copy.Estimate());
        }
    }

    [Fact]
    public void Every_single_changed_byte_is_refused()
    {
        foreach (var distinct in new[] { 5, 3000 })
        {
            var bytes = Sketch(new SplitMix64(32).Take(distinct)).ToBytes();
            for (var i = 0; i < bytes.Length; i += distinct == 5 ? 1 : 37)
            {
                var damaged = (byte[])bytes.Clone();
                damaged[i] ^= 0x10;

                Assert.Throws<InvalidDataException>(() => HyperLogLog.FromBytes(damaged));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Too_few_bytes_are_refused(int length)
    {
        var error = Assert.Throws<InvalidDataException>(() => HyperLogLog.FromBytes(new byte[length]));

        Assert.Contains("too few", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_short_sketch_is_refused()
    {
        var bytes = Sketch(new SplitMix64(33).Take(3000)).ToBytes();

        var error = Assert.Throws<InvalidDataException>(() => HyperLogLog.FromBytes(bytes.AsSpan(0, 2000)));

        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_version_is_refused_by_name()
    {
        var bytes = Sealed([2, 12, 1]);

        var error = Assert.Throws<InvalidDataException>(() => HyperLogLog.FromBytes(bytes));

        Assert.Equal("Not a usable HyperLogLog sketch: version 2 is unknown (this build reads version 1).", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 3, 1 }, "precision 3 is outside 4..16")]
    [InlineData(new byte[] { 1, 17, 1 }, "precision 17 is outside 4..16")]
    [InlineData(new byte[] { 1, 12, 3 }, "form 3 is unknown")]
    [InlineData(new byte[] { 1, 12, 1, 0x41, 0, 0 }, "not a whole number of 4-byte entries")]
    [InlineData(new byte[] { 1, 12, 1, 0x00, 0, 0, 0 }, "rank outside 1..40")]
    [InlineData(new byte[] { 1, 12, 1, 0x29, 0, 0, 0 }, "rank outside 1..40")]
    [InlineData(new byte[] { 1, 12, 1, 0x01, 0, 0, 0x80 }, "rank outside 1..40")]
    [InlineData(new byte[] { 1, 12, 1, 0x81, 0, 0, 0, 0x41, 0, 0, 0 }, "does not follow entry 0")]
    [InlineData(new byte[] { 1, 12, 1, 0x41, 0, 0, 0, 0x42, 0, 0, 0 }, "does not follow entry 0")]
    [InlineData(new byte[] { 1, 4, 2, 1, 2, 3 }, "is not the 16 registers of precision 4")]
    public void Malformed_content_with_a_valid_checksum_is_refused_with_a_reason(byte[] content, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => HyperLogLog.FromBytes(Sealed(content)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_register_above_the_largest_rank_is_refused()
    {
        byte[] content = [1, 4, 2, .. new byte[16]];
        content[3 + 7] = 62; // at p = 4 a register holds at most 64 - 4 + 1 = 61

        var error = Assert.Throws<InvalidDataException>(() => HyperLogLog.FromBytes(Sealed(content)));

        Assert.Contains("register 7 holds 62, above the largest possible rank 61", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_sparse_entries_than_the_limit_are_refused()
    {
        // At p = 4 the sparse form holds at most 16 / 4 = 4 entries.
        var content = new List<byte> { 1, 4, 1 };
        for (uint index = 0; index < 5; index++)
        {
            var entry = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (index << 6) | 1);
            content.AddRange(entry);
        }

        var error = Assert.Throws<InvalidDataException>(() => HyperLogLog.FromBytes(Sealed([.. content])));

        Assert.Contains("5 sparse entries exceed the limit of 4", error.Message, StringComparison.Ordinal);
    }

    // Appends the format's checksum (FNV-1a, 32 bits, little-endian), so a test reaches the structural checks.
    private static byte[] Sealed(byte[] content)
    {
        var hash = 2166136261u;
        foreach (var b in content)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var bytes = new byte[content.Length + 4];
        content.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(content.Length), hash);
        return bytes;
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
