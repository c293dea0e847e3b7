using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace WebProxy.Policy.Categories;

/// <summary>Collects domains with their categories and packs them into a <see cref="DomainTable"/>.</summary>
public sealed class DomainTableBuilder
{
    private readonly Dictionary<string, ulong> _domains = new(StringComparer.Ordinal);

    public int Count => _domains.Count;

    /// <summary>Adds a normalised domain (lower-case ASCII, at most 255 characters) to the categories in <paramref name="categories"/>.</summary>
    public void Add(string domain, ulong categories)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        if (domain.Length > byte.MaxValue)
        {
            throw new ArgumentException("A domain name is at most 255 characters.", nameof(domain));
        }

        _domains[domain] = _domains.TryGetValue(domain, out var existing) ? existing | categories : categories;
    }

    /// <summary>Removes the categories in <paramref name="categories"/> from a domain (a diff file's <c>-</c> line).</summary>
    public void Remove(string domain, ulong categories)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        if (_domains.TryGetValue(domain, out var existing))
        {
            var remaining = existing & ~categories;
            if (remaining == 0)
            {
                _domains.Remove(domain);
            }
            else
            {
                _domains[domain] = remaining;
            }
        }
    }

    public DomainTable Build()
    {
        if (_domains.Count == 0)
        {
            return DomainTable.Empty;
        }

        var masks = new List<ulong>();
        var maskIndexes = new Dictionary<ulong, ushort>();
        var size = 0;
        foreach (var (domain, mask) in _domains)
        {
            size += DomainTable.EntrySize(domain.Length);
            if (!maskIndexes.ContainsKey(mask))
            {
                if (masks.Count > ushort.MaxValue)
                {
                    throw new InvalidOperationException("More than 65,536 distinct category combinations.");
                }

                maskIndexes[mask] = (ushort)masks.Count;
                masks.Add(mask);
            }
        }

        // Load factor at most one half keeps linear probing short (expected probes about 1.5 on a hit).
        var slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, _domains.Count * 2))];
        var slotMask = slots.Length - 1;
        var entries = new byte[size];
        var offset = 0;
        foreach (var (domain, mask) in _domains.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            entries[offset] = (byte)domain.Length;
            Encoding.ASCII.GetBytes(domain, entries.AsSpan(offset + 1, domain.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(entries.AsSpan(offset + 1 + domain.Length), maskIndexes[mask]);

            var slot = (int)HostHash.Of(domain) & slotMask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & slotMask;
            }

            slots[slot] = offset + 1;
            offset += DomainTable.EntrySize(domain.Length);
        }

        return new DomainTable(entries, slots, [.. masks], _domains.Count);
    }
}
