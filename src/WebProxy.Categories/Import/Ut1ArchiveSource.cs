using System.Formats.Tar;
using System.IO.Compression;
using WebProxy.Policy.Categories;

namespace WebProxy.Categories.Import;

/// <summary>
/// UT1's own <c>blacklists.tar.gz</c> (or a plain tar), read as a stream: wanted list files go straight into the
/// index, the parts of a split list are staged in a private folder and joined in numeric order, and nothing is ever
/// written under an entry's own name (so no entry can escape the staging folder). Symlink entries
/// (<c>porn -&gt; adult</c>) are recorded as aliases; a requested alias is read from its target's entries in a
/// further pass over the archive, as the tar is a stream and the link may come after its target.
/// </summary>
internal sealed class Ut1ArchiveSource
{
    private readonly Stream _archive;
    private readonly ImportSession _session;
    private readonly Func<string> _stagingDirectory;
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

    /// <param name="archive">The archive; seekable when requested names may be aliases.</param>
    /// <param name="session">The import.</param>
    /// <param name="stagingDirectory">Creates (once) and returns a private folder for split parts.</param>
    public Ut1ArchiveSource(Stream archive, ImportSession session, Func<string> stagingDirectory)
    {
        _archive = archive;
        _session = session;
        _stagingDirectory = stagingDirectory;
    }

    public void Import(IReadOnlySet<string>? requested)
    {
        if (requested is null)
        {
            Pass(wanted: null, first: true);
            return;
        }

        var names = requested.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            _session.Declare(name);
        }

        Pass(names.ToDictionary(n => n, n => n, StringComparer.Ordinal), first: true);

        // Requested names that were not folders: read their alias targets, one alias per target per pass.
        var pending = new List<string>();
        foreach (var name in names.Where(n => !_folders.Contains(n)))
        {
            if (_session.Aliases.TryGetValue(name, out var target) && _folders.Contains(target))
            {
                pending.Add(name);
            }
            else
            {
                _session.Note($"The source has no category '{name}'.");
            }
        }

        while (pending.Count > 0)
        {
            var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in pending.ToArray())
            {
                if (wanted.TryAdd(_session.Aliases[name], name))
                {
                    pending.Remove(name);
                }
            }

            _archive.Seek(0, SeekOrigin.Begin);
            Pass(wanted, first: false);
        }
    }

    /// <param name="wanted">Source folder → list category; null for every folder under its own name.</param>
    /// <param name="first">Records aliases and notes only once.</param>
    private void Pass(Dictionary<string, string>? wanted, bool first)
    {
        var whole = new HashSet<(string Category, ListKind Kind)>();
        var parts = new Dictionary<(string Category, string Folder, ListKind Kind), List<(int Part, string Path)>>();
        using var gunzip = IsGzip(_archive) ? new GZipStream(_archive, CompressionMode.Decompress, leaveOpen: true) : null;
        using (var reader = new TarReader(gunzip ?? _archive, leaveOpen: true))
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                var segments = Ut1Layout.ArchiveSegments(entry.Name);
                if (segments is null || segments.Length == 0)
                {
                    continue;
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory when segments.Length == 1:
                        _folders.Add(segments[0]);
                        break;
                    case TarEntryType.SymbolicLink when first && segments.Length == 1:
                        if (Ut1Layout.TryAliasTarget(entry.LinkName, out var target))
                        {
                            _session.AddAlias(segments[0], target);
                        }
                        else
                        {
                            _session.Note($"The symlink '{segments[0]}' points outside the archive's list folder ({entry.LinkName}); it was ignored.");
                        }

                        break;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink when first && segments.Length == 2 && Ut1Layout.TryClassify(segments[1], out _, out _):
                        _session.Note($"The list file '{segments[0]}/{segments[1]}' is a link; it was not followed.");
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile when segments.Length == 2:
                        _folders.Add(segments[0]);
                        var category = segments[0];
                        if ((wanted is null || wanted.TryGetValue(segments[0], out category!))
                            && Ut1Layout.TryClassify(segments[1], out var kind, out var part))
                        {
                            ReadFile(entry, category, segments[0], kind, part, whole, parts);
                        }

                        break;
                    default:
                        break;
                }
            }
        }

        foreach (var ((category, folder, kind), list) in parts)
        {
            var name = $"{folder}/{Ut1Layout.FileName(kind)}";
            if (whole.Contains((category, kind)))
            {
                _session.Note($"'{name}' exists both whole and split; the whole file was read and the parts ignored.");
                continue;
            }

            var streams = new List<Stream>();
            try
            {
                foreach (var path in SplitParts.InOrder(list, name))
                {
                    streams.Add(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.DeleteOnClose | FileOptions.SequentialScan));
                }
            }
            catch
            {
                streams.ForEach(s => s.Dispose());
                throw;
            }

            using var joined = new ConcatenatedStream(streams);
            _session.AddList(category, folder, kind, joined, name);
        }
    }

    private void ReadFile(
        TarEntry entry,
        string category,
        string folder,
        ListKind kind,
        int part,
        HashSet<(string Category, ListKind Kind)> whole,
        Dictionary<(string Category, string Folder, ListKind Kind), List<(int Part, string Path)>> parts)
    {
        var data = entry.DataStream ?? Stream.Null;
        if (part < 0)
        {
            whole.Add((category, kind));
            _session.AddList(category, folder, kind, data, $"{folder}/{Ut1Layout.FileName(kind)}");
            return;
        }

        var path = Path.Combine(_stagingDirectory(), $"part-{Guid.NewGuid():N}");
        using (var staged = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            data.CopyTo(staged);
        }

        var key = (category, folder, kind);
        if (!parts.TryGetValue(key, out var list))
        {
            parts[key] = list = [];
        }

        list.Add((part, path));
    }

    /// <summary>True when the archive starts with the gzip magic; the position is left where it was.</summary>
    private static bool IsGzip(Stream archive)
    {
        Span<byte> magic = stackalloc byte[2];
        var start = archive.Position;
        var read = archive.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        archive.Position = start;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
