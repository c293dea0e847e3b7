using System.Buffers.Binary;

namespace WebProxy.Policy.Categories;

/// <summary>
/// An immutable set of domain names, each with the categories it is listed in, packed for millions of entries:
/// the names live in one byte array and an open-addressing table of offsets finds them. About 27 bytes per
/// domain (name, length, mask index, two table slots) instead of the ~100 a string dictionary costs.
/// A domain entry matches itself and every subdomain (squidGuard's <c>domains</c> semantics).
/// </summary>
public sealed class DomainTable
{
    // Entry layout in _entries: [length: 1 byte][name: length ASCII bytes][mask index: 2 bytes little-endian].
    private const int MaskIndexSize = 2;

    private readonly byte[] _entries;
    private readonly int[] _slots;
    private readonly ulong[] _masks;
    private readonly int _slotMask;

    internal DomainTable(byte[] entries, int[] slots, ulong[] masks, int count)
    {
        _entries = entries;
        _slots = slots;
        _masks = masks;
        _slotMask = slots.Length - 1;
        Count = count;
    }

    public static DomainTable Empty { get; } = new([], new int[1], [0], 0);

    public int Count { get; }

    internal ReadOnlySpan<byte> Entries => _entries;

    internal ReadOnlySpan<int> Slots => _slots;

    internal ReadOnlySpan<ulong> Masks => _masks;

    /// <summary>The categories of <paramref name="host"/> and of every parent domain, as a bit mask.</summary>
    /// <param name="host">A normalised host: lower-case ASCII, no trailing dot.</param>
    /// <param name="isAddress">True for an IP literal, which matches only an identical entry.</param>
    public ulong Match(ReadOnlySpan<char> host, bool isAddress)
    {
        if (Count == 0)
        {
            return 0;
        }

        if (isAddress)
        {
            return Find(host);
        }

        ulong categories = 0;
        var suffix = host;
        while (true)
        {
            categories |= Find(suffix);
            var dot = suffix.IndexOf('.');
            if (dot < 0)
            {
                return categories;
            }

            suffix = suffix[(dot + 1)..];
        }
    }

    /// <summary>The categories listed for exactly <paramref name="name"/>, without parent domains.</summary>
    public ulong Find(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > byte.MaxValue)
        {
            return 0;
        }

        var slot = (int)HostHash.Of(name) & _slotMask;
        while (true)
        {
            var reference = _slots[slot];
            if (reference == 0)
            {
                return 0;
            }

            var offset = reference - 1;
            var length = _entries[offset];
            if (length == name.Length && NameEquals(_entries.AsSpan(offset + 1, length), name))
            {
                var maskIndex = BinaryPrimitives.ReadUInt16LittleEndian(_entries.AsSpan(offset + 1 + length, MaskIndexSize));
                return _masks[maskIndex];
            }

            slot = (slot + 1) & _slotMask;
        }
    }

    /// <summary>Every (domain, categories) pair, for tests and for writing lists back out.</summary>
    public IEnumerable<(string Domain, ulong Categories)> Enumerate()
    {
        for (var offset = 0; offset < _entries.Length;)
        {
            var length = _entries[offset];
            var name = System.Text.Encoding.ASCII.GetString(_entries, offset + 1, length);
            var maskIndex = BinaryPrimitives.ReadUInt16LittleEndian(_entries.AsSpan(offset + 1 + length, MaskIndexSize));
            yield return (name, _masks[maskIndex]);
            offset += 1 + length + MaskIndexSize;
        }
    }

    internal static int EntrySize(int nameLength) => 1 + nameLength + MaskIndexSize;

    private static bool NameEquals(ReadOnlySpan<byte> stored, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }
}
