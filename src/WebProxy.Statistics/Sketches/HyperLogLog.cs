using System.Numerics;

namespace WebProxy.Statistics.Sketches;

/// <summary>
/// A HyperLogLog sketch of distinct 64-bit values in the manner of HyperLogLog++ (Heule, Nunkesser and Hall,
/// "HyperLogLog in Practice", EDBT 2013): 2^p one-byte registers (4 KiB at the default p = 12, standard error
/// 1.04/√4096 ≈ 1.6 %), kept in a sparse form while few values have been seen. The statistics use one sketch per
/// site and day to estimate distinct visitors without holding who they were.
/// </summary>
/// <remarks>
/// <para><b>Hashes come from the caller.</b> <see cref="Add"/> takes a value that is already a keyed hash
/// (<see cref="ClientKeys.DailyClientHasher"/>). The sketch never hashes with a fixed function of its own: the
/// registers of an unkeyed hash of an address could be tested against a guessed address by anyone holding the
/// stored bytes.</para>
/// <para><b>Sparse form.</b> Up to m/4 distinct indexes (1,024 at p = 12) the sketch holds sorted (25-bit index,
/// rank) entries (<see cref="SparseEntry"/>), four bytes each, so it is never larger than the dense registers and
/// most sites, seen by a handful of clients a day, cost tens of bytes, not 4 KiB. Counts there use linear counting
/// over 2²⁵ registers and are exact in practice; the k-anonymity threshold of the report (k = 5) is decided on
/// these. Beyond that the registers are dense and <see cref="Estimate"/> uses Ertl's estimator.</para>
/// <para><b>Deterministic.</b> The state depends only on the set of values added, whatever their order, duplicates
/// or merges: a merge of two sketches is byte for byte the sketch of the union.</para>
/// <para><b>Thread safety.</b> Not thread-safe: one writer at a time, and no reader (<see cref="Estimate"/>,
/// <see cref="ToBytes"/>, <see cref="Merge"/> as source) while it writes. The recorder takes a lock per sketch; an
/// uncontended lock costs tens of nanoseconds, and a lock-free add (an Interlocked maximum per register) is not
/// offered because the sparse form, which is what keeps thousands of sketches small, cannot be updated that way.
/// </para>
/// </remarks>
public sealed class HyperLogLog
{
    public const int DefaultPrecision = 12;
    public const int MinPrecision = 4;
    public const int MaxPrecision = 16;

    private uint[] _sparse = [];
    private int _sparseCount;
    private byte[]? _registers;

    /// <summary>An empty sketch with 2^<see cref="DefaultPrecision"/> registers.</summary>
    public HyperLogLog()
        : this(DefaultPrecision)
    {
    }

    /// <summary>An empty sketch with 2^<paramref name="precision"/> registers; merging needs equal precision.</summary>
    public HyperLogLog(int precision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, MinPrecision);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, MaxPrecision);
        Precision = precision;
    }

    private HyperLogLog(int precision, uint[] sparse, byte[]? registers)
        : this(precision)
    {
        _sparse = sparse;
        _sparseCount = sparse.Length;
        _registers = registers;
    }

    /// <summary>p: the sketch has 2^p registers.</summary>
    public int Precision { get; }

    /// <summary>True while the sketch is in its sparse form (few distinct values seen).</summary>
    public bool IsSparse => _registers is null;

    private int SparseLimit => SparseLimitOf(Precision);

    internal ReadOnlySpan<uint> SparseEntries => _sparse.AsSpan(0, _sparseCount);

    internal ReadOnlySpan<byte> Registers => _registers;

    /// <summary>Adds one value: a uniformly distributed, keyed 64-bit hash of what is counted.</summary>
    public void Add(ulong hash)
    {
        if (_registers is { } registers)
        {
            var index = (int)(hash >> (64 - Precision));
            var rank = (byte)(BitOperations.LeadingZeroCount((hash << Precision) | (1UL << (Precision - 1))) + 1);
            if (rank > registers[index])
            {
                registers[index] = rank;
            }

            return;
        }

        AddSparse(SparseEntry.FromHash(hash));
    }

    /// <summary>The estimated number of distinct values added (to this sketch and every sketch merged into it).</summary>
    public double Estimate() => _registers is { } registers
        ? HyperLogLogEstimator.Dense(registers, Precision)
        : HyperLogLogEstimator.Sparse(_sparseCount);

    /// <summary>Adds every value <paramref name="other"/> has seen: afterwards this sketch is the sketch of the union.
    /// <paramref name="other"/> is not changed.</summary>
    /// <remarks>A union is only a count of clients when both sketches hashed under the same key: sketches of
    /// different days (each day has its own key) merge into a count of client-days.</remarks>
    /// <exception cref="ArgumentException">The precisions differ.</exception>
    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Precision != Precision)
        {
            throw new ArgumentException(
                $"Cannot merge a sketch of precision {other.Precision} into one of precision {Precision}.", nameof(other));
        }

        if (other._registers is { } theirs)
        {
            var registers = Densify();
            for (var i = 0; i < registers.Length; i++)
            {
                registers[i] = Math.Max(registers[i], theirs[i]);
            }
        }
        else if (_registers is not null)
        {
            foreach (var entry in other.SparseEntries)
            {
                AddDense(entry);
            }
        }
        else
        {
            MergeSparse(other.SparseEntries);
        }
    }

    /// <summary>The sketch as bytes to store (<see cref="HyperLogLogEncoding"/>): sparse entries while they are
    /// fewer, else the dense registers; versioned and checksummed.</summary>
    public byte[] ToBytes() => HyperLogLogEncoding.Write(this);

    /// <summary>Reads what <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a sketch of a known version, or were damaged.</exception>
    public static HyperLogLog FromBytes(ReadOnlySpan<byte> bytes) => HyperLogLogEncoding.Read(bytes);

    /// <summary>The most sparse entries held before a sketch turns dense: m/4, where both forms take m bytes.</summary>
    internal static int SparseLimitOf(int precision) => 1 << (precision - 2);

    /// <summary>The largest value a register can hold: 64 − p + 1, when all 64 − p bits after the index are zero.</summary>
    internal static int MaxRankOf(int precision) => 65 - precision;

    internal static HyperLogLog FromSparse(int precision, uint[] entries) => new(precision, entries, null);

    internal static HyperLogLog FromRegisters(int precision, byte[] registers) => new(precision, [], registers);

    private void AddSparse(uint entry)
    {
        var position = Find(SparseEntry.Index(entry));
        if (position >= 0)
        {
            _sparse[position] = Math.Max(_sparse[position], entry);
            return;
        }

        if (_sparseCount == SparseLimit)
        {
            Densify();
            AddDense(entry);
            return;
        }

        position = ~position;
        if (_sparseCount == _sparse.Length)
        {
            Array.Resize(ref _sparse, Math.Min(Math.Max(4, _sparse.Length * 2), SparseLimit));
        }

        Array.Copy(_sparse, position, _sparse, position + 1, _sparseCount - position);
        _sparse[position] = entry;
        _sparseCount++;
    }

    // Binary search by index; the position, or its complement where the index would be inserted.
    private int Find(uint index)
    {
        int low = 0, high = _sparseCount - 1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            var found = SparseEntry.Index(_sparse[middle]);
            if (found == index)
            {
                return middle;
            }

            if (found < index)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private void MergeSparse(ReadOnlySpan<uint> theirs)
    {
        var ours = SparseEntries;
        var merged = new uint[ours.Length + theirs.Length];
        int i = 0, j = 0, count = 0;
        while (i < ours.Length || j < theirs.Length)
        {
            if (j == theirs.Length || (i < ours.Length && SparseEntry.Index(ours[i]) < SparseEntry.Index(theirs[j])))
            {
                merged[count++] = ours[i++];
            }
            else if (i == ours.Length || SparseEntry.Index(theirs[j]) < SparseEntry.Index(ours[i]))
            {
                merged[count++] = theirs[j++];
            }
            else
            {
                merged[count++] = Math.Max(ours[i++], theirs[j++]);
            }
        }

        _sparse = merged;
        _sparseCount = count;
        if (count > SparseLimit)
        {
            Densify();
        }
    }

    private byte[] Densify()
    {
        if (_registers is { } existing)
        {
            return existing;
        }

        _registers = new byte[1 << Precision];
        foreach (var entry in SparseEntries)
        {
            AddDense(entry);
        }

        _sparse = [];
        _sparseCount = 0;
        return _registers;
    }

    private void AddDense(uint entry)
    {
        var (index, rank) = SparseEntry.ToDense(entry, Precision);
        if (rank > _registers![index])
        {
            _registers[index] = rank;
        }
    }
}
