namespace WebProxy.Statistics.Tests.Support;

/// <summary>
/// A seeded generator of uniformly distributed 64-bit values (SplitMix64, Steele, Lea and Flood 2014), standing in
/// for keyed client hashes. <see cref="Random.NextInt64()"/> would not do: it never sets the top bit, which is part of
/// a sketch's register index.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary><paramref name="count"/> values; distinct in practice (a repeat among a million has odds ~3·10⁻⁸).</summary>
    public ulong[] Take(int count)
    {
        var values = new ulong[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Next();
        }

        return values;
    }
}
