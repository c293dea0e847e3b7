using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;

namespace WebProxy.Policy.Categories;

/// <summary>
/// A compact binary form of a <see cref="CategoryIndex"/>, so a restart loads the lists without parsing text.
/// The domain table's arrays are written raw (little-endian), so reading a million domains is three bulk reads.
/// </summary>
/// <remarks>
/// Layout (all integers little-endian): magic <c>WPCATIDX</c>; version (int32); then sections, each a length-prefixed
/// block: categories (count, names); domains (count, entries bytes, slots int32s, masks uint64s); urls (count, then
/// host, prefix, mask); expressions (count, then source, mask); and a 64-bit checksum of everything after the version.
/// Reading validates magic, version, lengths, the table's internal references and the checksum, and throws
/// <see cref="InvalidDataException"/> instead of returning a partly built index.
/// </remarks>
public static class CategorySnapshot
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int Version = 1;

    private const int MaxSectionItems = 1 << 28;
    private static readonly byte[] Magic = "WPCATIDX"u8.ToArray();

    /// <summary>Writes <paramref name="index"/> to <paramref name="stream"/>.</summary>
    public static void Write(CategoryIndex index, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(stream);
        var writer = new ChecksumWriter(stream);
        stream.Write(Magic);
        Span<byte> version = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(version, Version);
        stream.Write(version);

        writer.WriteInt(index.Categories.Count);
        foreach (var name in index.Categories)
        {
            writer.WriteString(name);
        }

        var domains = index.Domains;
        writer.WriteInt(domains.Count);
        writer.WriteBlock(domains.Entries);
        writer.WriteBlock(MemoryMarshal.AsBytes(domains.Slots));
        writer.WriteBlock(MemoryMarshal.AsBytes(domains.Masks));

        writer.WriteInt(index.Urls.Count);
        foreach (var (host, rule) in index.Urls.Enumerate())
        {
            writer.WriteString(host);
            writer.WriteString(rule.PathPrefix);
            writer.WriteULong(rule.Categories);
        }

        writer.WriteInt(index.Expressions.Count);
        foreach (var expression in index.Expressions)
        {
            writer.WriteString(expression.Source);
            writer.WriteULong(expression.Categories);
        }

        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, writer.Checksum);
        stream.Write(checksum);
    }

    /// <summary>Reads an index written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a snapshot, has another version, is truncated or corrupt.</exception>
    public static CategoryIndex Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return ReadCore(stream);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The category snapshot is truncated.", e);
        }
    }

    private static CategoryIndex ReadCore(Stream stream)
    {
        Span<byte> header = stackalloc byte[12];
        stream.ReadExactly(header);
        if (!header[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The file is not a category snapshot (bad magic).");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != Version)
        {
            throw new InvalidDataException($"The category snapshot has version {version}; this build reads version {Version}.");
        }

        var reader = new ChecksumReader(stream);
        var categoryCount = reader.ReadCount(CategoryIndex.MaxCategories);
        var categories = new string[categoryCount];
        for (var i = 0; i < categoryCount; i++)
        {
            categories[i] = reader.ReadString();
        }

        var domainCount = reader.ReadCount(MaxSectionItems);
        var entries = reader.ReadBlock<byte>();
        var slots = reader.ReadBlock<int>();
        var masks = reader.ReadBlock<ulong>();
        var domains = domainCount == 0 && entries.Length == 0 ? DomainTable.Empty : ValidateDomains(domainCount, entries, slots, masks);

        var urlCount = reader.ReadCount(MaxSectionItems);
        var urls = new Dictionary<string, List<UrlRule>>(StringComparer.Ordinal);
        for (var i = 0; i < urlCount; i++)
        {
            var host = reader.ReadString();
            var prefix = reader.ReadString();
            var mask = reader.ReadULong();
            if (!urls.TryGetValue(host, out var rules))
            {
                urls[host] = rules = [];
            }

            rules.Add(new UrlRule(prefix, mask));
        }

        var expressionCount = reader.ReadCount(MaxSectionItems);
        var expressions = new ExpressionRule[expressionCount];
        for (var i = 0; i < expressionCount; i++)
        {
            var source = reader.ReadString();
            var mask = reader.ReadULong();
            if (!PosixRegex.TryCompile(source, out var regex, out var error))
            {
                throw new InvalidDataException($"The category snapshot has an expression that does not compile: {error}");
            }

            expressions[i] = new ExpressionRule(source, regex!, mask);
        }

        var expected = reader.Checksum;
        Span<byte> checksum = stackalloc byte[8];
        stream.ReadExactly(checksum);
        if (BinaryPrimitives.ReadUInt64LittleEndian(checksum) != expected)
        {
            throw new InvalidDataException("The category snapshot is corrupt (checksum mismatch).");
        }

        var urlTable = new UrlTable(urls.ToFrozenDictionary(u => u.Key, u => u.Value.ToArray(), StringComparer.Ordinal));
        return new CategoryIndex(categories, domains, urlTable, expressions);
    }

    // Walks the packed entries and the slot table once, so a corrupt file cannot make a lookup index out of range
    // or probe forever.
    private static DomainTable ValidateDomains(int count, byte[] entries, int[] slots, ulong[] masks)
    {
        if (slots.Length == 0 || (slots.Length & (slots.Length - 1)) != 0 || count >= slots.Length || masks.Length == 0)
        {
            throw new InvalidDataException("The category snapshot's domain table has an invalid shape.");
        }

        // One bit per byte of the entries (an eighth of a bool array): loading 5M domains must not need much more
        // memory than the index it builds, since during a reload the old index is still in use.
        var starts = new System.Collections.BitArray(entries.Length + 1);
        var seen = 0;
        for (var offset = 0; offset < entries.Length; seen++)
        {
            var length = entries[offset];
            var size = DomainTable.EntrySize(length);
            if (length == 0 || offset + size > entries.Length
                || BinaryPrimitives.ReadUInt16LittleEndian(entries.AsSpan(offset + 1 + length)) >= masks.Length)
            {
                throw new InvalidDataException("The category snapshot's domain entries are corrupt.");
            }

            starts[offset + 1] = true;
            offset += size;
        }

        var used = 0;
        foreach (var reference in slots)
        {
            if (reference != 0)
            {
                if (reference < 0 || reference > entries.Length || !starts[reference])
                {
                    throw new InvalidDataException("The category snapshot's domain slots are corrupt.");
                }

                used++;
            }
        }

        if (seen != count || used != count)
        {
            throw new InvalidDataException("The category snapshot's domain count does not match its table.");
        }

        return new DomainTable(entries, slots, masks, count);
    }

    // FNV-style 64-bit mixing over 8-byte words; the writer and reader feed it the same byte sequence.
    private struct Checksum
    {
        private ulong _value;

        public readonly ulong Value => _value;

        public void Add(ReadOnlySpan<byte> data)
        {
            var hash = _value ^ 0xcbf29ce484222325UL ^ (ulong)data.Length;
            var words = MemoryMarshal.Cast<byte, ulong>(data);
            foreach (var word in words)
            {
                hash = (hash ^ word) * 0x100000001b3UL;
                hash ^= hash >> 29;
            }

            foreach (var b in data[(words.Length * 8)..])
            {
                hash = (hash ^ b) * 0x100000001b3UL;
            }

            _value = hash;
        }
    }

    private sealed class ChecksumWriter(Stream stream)
    {
        private Checksum _checksum;

        public ulong Checksum => _checksum.Value;

        public void WriteInt(int value)
        {
            Span<byte> buffer = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
            Write(buffer);
        }

        public void WriteULong(ulong value)
        {
            Span<byte> buffer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
            Write(buffer);
        }

        public void WriteString(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            WriteInt(bytes.Length);
            Write(bytes);
        }

        public void WriteBlock(ReadOnlySpan<byte> block)
        {
            WriteInt(block.Length);
            Write(block);
        }

        private void Write(ReadOnlySpan<byte> data)
        {
            _checksum.Add(data);
            stream.Write(data);
        }
    }

    private sealed class ChecksumReader(Stream stream)
    {
        private const int MaxStringBytes = 1 << 16;
        private Checksum _checksum;

        public ulong Checksum => _checksum.Value;

        public int ReadCount(int max)
        {
            var value = ReadInt();
            if (value < 0 || value > max)
            {
                throw new InvalidDataException($"The category snapshot has an invalid count {value}.");
            }

            return value;
        }

        public ulong ReadULong()
        {
            Span<byte> buffer = stackalloc byte[8];
            Read(buffer);
            return BinaryPrimitives.ReadUInt64LittleEndian(buffer);
        }

        public string ReadString()
        {
            var length = ReadCount(MaxStringBytes);
            var bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
            Read(bytes);
            return Encoding.UTF8.GetString(bytes);
        }

        public T[] ReadBlock<T>()
            where T : unmanaged
        {
            var bytes = ReadCount(int.MaxValue);
            var size = Marshal.SizeOf<T>();
            if (bytes % size != 0)
            {
                throw new InvalidDataException("The category snapshot has a block of invalid length.");
            }

            if (stream.CanSeek && bytes > stream.Length - stream.Position)
            {
                throw new InvalidDataException("The category snapshot is truncated.");
            }

            var items = GC.AllocateUninitializedArray<T>(bytes / size);
            Read(MemoryMarshal.AsBytes(items.AsSpan()));
            return items;
        }

        private int ReadInt()
        {
            Span<byte> buffer = stackalloc byte[4];
            Read(buffer);
            return BinaryPrimitives.ReadInt32LittleEndian(buffer);
        }

        private void Read(Span<byte> data)
        {
            stream.ReadExactly(data);
            _checksum.Add(data);
        }
    }
}
