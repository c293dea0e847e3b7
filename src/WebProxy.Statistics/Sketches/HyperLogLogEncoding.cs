using System.Buffers.Binary;

namespace WebProxy.Statistics.Sketches;

/// <summary>
/// The stored form of a <see cref="HyperLogLog"/>, version 1:
/// <code>
/// [version = 1][precision p][form: 1 sparse | 2 dense][payload][checksum: FNV-1a 32 of all before, little-endian]
/// sparse payload: the entries, each a uint32 little-endian ((25-bit index &lt;&lt; 6) | rank), indexes ascending
/// dense payload:  2^p registers, one byte each
/// </code>
/// An empty sketch takes 7 bytes, one seen by five clients 27, a dense one at p = 12 4,103.
/// </summary>
/// <remarks>
/// Reading checks everything a damaged or foreign blob could get wrong, so a bad row fails loudly instead of
/// counting wrongly: the version, the precision, the form, the length, the checksum (which catches any single
/// changed byte), that sparse indexes strictly ascend and number no more than the sparse limit, and that every rank
/// and register is within range. The checksum guards against damage, not forgery; a sketch holds no personal data
/// worth forging.
/// </remarks>
internal static class HyperLogLogEncoding
{
    public const byte Version = 1;
    private const byte SparseForm = 1;
    private const byte DenseForm = 2;
    private const int HeaderSize = 3;
    private const int ChecksumSize = 4;

    public static byte[] Write(HyperLogLog sketch)
    {
        byte[] bytes;
        if (sketch.IsSparse)
        {
            var entries = sketch.SparseEntries;
            bytes = new byte[HeaderSize + (entries.Length * sizeof(uint)) + ChecksumSize];
            bytes[2] = SparseForm;
            for (var i = 0; i < entries.Length; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(HeaderSize + (i * sizeof(uint))), entries[i]);
            }
        }
        else
        {
            var registers = sketch.Registers;
            bytes = new byte[HeaderSize + registers.Length + ChecksumSize];
            bytes[2] = DenseForm;
            registers.CopyTo(bytes.AsSpan(HeaderSize));
        }

        bytes[0] = Version;
        bytes[1] = (byte)sketch.Precision;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - ChecksumSize), Checksum(bytes.AsSpan(0, bytes.Length - ChecksumSize)));
        return bytes;
    }

    public static HyperLogLog Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize + ChecksumSize)
        {
            throw Corrupt($"{bytes.Length} bytes are too few for a sketch (at least {HeaderSize + ChecksumSize})");
        }

        if (bytes[0] != Version)
        {
            throw Corrupt($"version {bytes[0]} is unknown (this build reads version {Version})");
        }

        var body = bytes[..^ChecksumSize];
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^ChecksumSize..]);
        if (stored != Checksum(body))
        {
            throw Corrupt("the checksum does not match: the bytes were damaged or cut short");
        }

        int precision = body[1];
        if (precision is < HyperLogLog.MinPrecision or > HyperLogLog.MaxPrecision)
        {
            throw Corrupt($"precision {precision} is outside {HyperLogLog.MinPrecision}..{HyperLogLog.MaxPrecision}");
        }

        var payload = body[HeaderSize..];
        return body[2] switch
        {
            SparseForm => ReadSparse(precision, payload),
            DenseForm => ReadDense(precision, payload),
            _ => throw Corrupt($"form {body[2]} is unknown (1 is sparse, 2 dense)"),
        };
    }

    private static HyperLogLog ReadSparse(int precision, ReadOnlySpan<byte> payload)
    {
        if (payload.Length % sizeof(uint) != 0)
        {
            throw Corrupt($"a sparse payload of {payload.Length} bytes is not a whole number of 4-byte entries");
        }

        var entries = new uint[payload.Length / sizeof(uint)];
        var limit = HyperLogLog.SparseLimitOf(precision);
        if (entries.Length > limit)
        {
            throw Corrupt($"{entries.Length} sparse entries exceed the limit of {limit} at precision {precision}");
        }

        for (var i = 0; i < entries.Length; i++)
        {
            var entry = BinaryPrimitives.ReadUInt32LittleEndian(payload[(i * sizeof(uint))..]);
            if (!SparseEntry.IsValid(entry))
            {
                throw Corrupt($"sparse entry {i} (0x{entry:x8}) has a rank outside 1..{SparseEntry.MaxRank} or an index wider than {SparseEntry.IndexBits} bits");
            }

            if (i > 0 && SparseEntry.Index(entry) <= SparseEntry.Index(entries[i - 1]))
            {
                throw Corrupt($"sparse entry {i} does not follow entry {i - 1} in ascending index order");
            }

            entries[i] = entry;
        }

        return HyperLogLog.FromSparse(precision, entries);
    }

    private static HyperLogLog ReadDense(int precision, ReadOnlySpan<byte> payload)
    {
        var size = 1 << precision;
        if (payload.Length != size)
        {
            throw Corrupt($"a dense payload of {payload.Length} bytes is not the {size} registers of precision {precision}");
        }

        var maxRank = HyperLogLog.MaxRankOf(precision);
        var bad = payload.IndexOfAnyInRange((byte)(maxRank + 1), byte.MaxValue);
        if (bad >= 0)
        {
            throw Corrupt($"register {bad} holds {payload[bad]}, above the largest possible rank {maxRank}");
        }

        return HyperLogLog.FromRegisters(precision, payload.ToArray());
    }

    // FNV-1a, 32 bits: each byte passes through a bijection of the running state, so any single changed byte
    // changes the result.
    private static uint Checksum(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private static InvalidDataException Corrupt(string problem) => new($"Not a usable HyperLogLog sketch: {problem}.");
}
