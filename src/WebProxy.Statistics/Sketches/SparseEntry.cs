using System.Numerics;

namespace WebProxy.Statistics.Sketches;

/// <summary>
/// One entry of the sparse form of a <see cref="HyperLogLog"/>, packed into a <see cref="uint"/>: the hash's top
/// <see cref="IndexBits"/> bits as index, and the rank (position of the first 1-bit, from 1) of the remaining
/// <c>64 − 25 = 39</c> bits. HyperLogLog++ (Heule, Nunkesser and Hall 2013, §5.3) keeps small sketches in this
/// form at the higher precision p′ = 25, where two values share an index with probability 2⁻²⁵, so small counts
/// are exact in practice; the dense registers at any precision p ≤ 25 follow from it without loss.
/// </summary>
/// <remarks>The index sits in the high bits, so ordering entries orders indexes, and of two entries with one
/// index the larger has the larger rank.</remarks>
internal static class SparseEntry
{
    public const int IndexBits = 25;
    public const int MaxRank = 64 - IndexBits + 1;
    private const int RankBits = 6; // ranks 1..40

    public static uint FromHash(ulong hash)
    {
        var index = (uint)(hash >> (64 - IndexBits));
        var rank = BitOperations.LeadingZeroCount((hash << IndexBits) | (1UL << (IndexBits - 1))) + 1;
        return (index << RankBits) | (uint)rank;
    }

    public static uint Index(uint entry) => entry >> RankBits;

    public static int Rank(uint entry) => (int)(entry & ((1u << RankBits) - 1));

    public static bool IsValid(uint entry) => Rank(entry) is >= 1 and <= MaxRank && entry >> (RankBits + IndexBits) == 0;

    /// <summary>The dense register (index and rank) at <paramref name="precision"/> that the original hash would
    /// have set: the top p bits index; the rank counts on through the p′ − p index bits p does not use.</summary>
    public static (int Index, byte Rank) ToDense(uint entry, int precision)
    {
        var extraBits = IndexBits - precision;
        var index = Index(entry);
        var extra = index & ((1u << extraBits) - 1);
        var rank = extra != 0
            ? BitOperations.LeadingZeroCount(extra) - (32 - extraBits) + 1
            : extraBits + Rank(entry);
        return ((int)(index >> extraBits), (byte)rank);
    }
}
