using System.Numerics;

namespace WebProxy.Policy.Categories;

/// <summary>
/// A 64-bit FNV-1a hash over ASCII host names, the same whether the name is held as chars (a request) or as
/// bytes (the compiled table), so lookups never encode the request's host. Not keyed: list content is public
/// and a lookup does a bounded number of probes, so collisions cost time, never correctness.
/// </summary>
internal static class HostHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> name)
    {
        var hash = Offset;
        foreach (var c in name)
        {
            hash = (hash ^ (byte)c) * Prime;
        }

        return Finish(hash);
    }

    public static ulong Of(ReadOnlySpan<byte> name)
    {
        var hash = Offset;
        foreach (var b in name)
        {
            hash = (hash ^ b) * Prime;
        }

        return Finish(hash);
    }

    // FNV's low bits mix poorly for short keys; fold the high half in before the table masks the low bits.
    private static ulong Finish(ulong hash) => hash ^ BitOperations.RotateRight(hash, 29);
}
