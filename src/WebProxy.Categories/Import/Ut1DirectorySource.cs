using WebProxy.Policy.Categories;

namespace WebProxy.Categories.Import;

/// <summary>
/// A UT1 tree on disk: a folder per category (or a folder holding <c>blacklists/</c>). Symlinked folders are UT1
/// aliases; they are recorded by name and never followed, and no symlinked list file is read.
/// </summary>
internal static class Ut1DirectorySource
{
    private static readonly ListKind[] Kinds = [ListKind.Domains, ListKind.Urls, ListKind.Expressions];

    public static void Import(string directory, IReadOnlySet<string>? requested, ImportSession session)
    {
        var root = new DirectoryInfo(directory);
        var top = new DirectoryInfo(Path.Combine(directory, Ut1Layout.TopFolder));
        if (top.Exists && top.LinkTarget is null)
        {
            root = top;
        }

        var folders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in root.EnumerateDirectories())
        {
            if (info.LinkTarget is null)
            {
                folders[info.Name] = info.FullName;
            }
            else if (Ut1Layout.TryAliasTarget(info.LinkTarget, out var target))
            {
                session.AddAlias(info.Name, target);
            }
            else
            {
                session.Note($"The symlink '{info.Name}' points outside the list folder ({info.LinkTarget}); it was ignored.");
            }
        }

        var names = requested is null ? [.. folders.Keys] : requested.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            session.Declare(name);
        }

        foreach (var name in names)
        {
            var folder = folders.ContainsKey(name)
                ? name
                : session.Aliases.TryGetValue(name, out var target) && folders.ContainsKey(target) ? target : null;
            if (folder is null)
            {
                session.Note($"The source has no category '{name}'.");
                continue;
            }

            ImportFolder(session, name, folder, folders[folder]);
        }
    }

    /// <summary>Reads the <c>domains</c>, <c>urls</c> and <c>expressions</c> of one folder into <paramref name="category"/>.</summary>
    /// <param name="session">The import.</param>
    /// <param name="category">The list category the entries belong to.</param>
    /// <param name="label">How reports name the folder, e.g. <c>adult</c> or <c>local/deny</c>.</param>
    /// <param name="path">The folder.</param>
    public static void ImportFolder(ImportSession session, string category, string label, string path)
    {
        session.Declare(category);
        var files = new Dictionary<ListKind, List<(int Part, string Path)>>();
        foreach (var file in new DirectoryInfo(path).EnumerateFiles())
        {
            if (!Ut1Layout.TryClassify(file.Name, out var kind, out var part))
            {
                continue;
            }

            if (file.LinkTarget is not null)
            {
                session.Note($"The list file '{label}/{file.Name}' is a symlink; it was not followed.");
                continue;
            }

            if (!files.TryGetValue(kind, out var list))
            {
                files[kind] = list = [];
            }

            list.Add((part, file.FullName));
        }

        foreach (var kind in Kinds)
        {
            if (!files.TryGetValue(kind, out var list))
            {
                continue;
            }

            var name = $"{label}/{Ut1Layout.FileName(kind)}";
            var whole = list.Where(f => f.Part < 0).Select(f => f.Path).FirstOrDefault();
            using var stream = whole is not null
                ? (Stream)OpenRead(whole)
                : OpenParts(SplitParts.InOrder(list, name));
            if (whole is not null && list.Count > 1)
            {
                session.Note($"'{name}' exists both whole and split; the whole file was read and the parts ignored.");
            }

            session.AddList(category, label, kind, stream, name);
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static ConcatenatedStream OpenParts(IReadOnlyList<string> paths)
    {
        var streams = new List<Stream>(paths.Count);
        try
        {
            foreach (var path in paths)
            {
                streams.Add(OpenRead(path));
            }

            return new ConcatenatedStream(streams);
        }
        catch
        {
            streams.ForEach(s => s.Dispose());
            throw;
        }
    }
}
