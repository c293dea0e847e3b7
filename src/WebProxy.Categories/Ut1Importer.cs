using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebProxy.Categories.Import;
using WebProxy.Policy.Rules;

namespace WebProxy.Categories;

/// <summary>
/// Imports category lists in the UT1 blacklists format (squidGuard, e2guardian) from a directory, UT1's own
/// <c>blacklists.tar.gz</c>, or an https URL of one, plus the municipality's local allow and deny lists, and builds
/// a <see cref="Policy.Categories.CategoryIndex"/>. Only the requested list categories are parsed.
/// </summary>
/// <remarks>
/// Malformed lines never fail an import: they are counted and reported with file and line. An import fails with
/// <see cref="CategoryImportException"/> (and so never replaces a working index) when the source is unreadable or
/// refused, when it yields no entries, or when a category that had entries before has none.
/// </remarks>
public sealed class Ut1Importer
{
    // Timeouts are ours (CategoryImportRequest.DownloadTimeout), so the client has none of its own.
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    /// <summary>The local allow list's folder under the local lists folder.</summary>
    public const string AllowFolder = "allow";

    /// <summary>The local deny lists' folder (one sub-folder per regulation category) under the local lists folder.</summary>
    public const string DenyFolder = "deny";

    private readonly HttpClient? _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="httpClient">The client for https sources (tests inject one that trusts their certificate);
    /// null for a shared default client.</param>
    /// <param name="timeProvider">The clock for the download timeout.</param>
    /// <param name="logger">Where the import summary goes.</param>
    public Ut1Importer(HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILogger<Ut1Importer>? logger = null)
    {
        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<Ut1Importer>.Instance;
    }

    /// <summary>Imports <paramref name="request"/>'s source and local lists and builds the index.</summary>
    /// <exception cref="CategoryImportException">The import must not replace the working index; the message says why.</exception>
    public async Task<CategoryImportResult> ImportAsync(CategoryImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Source);
        var session = new ImportSession();
        var description = request.Source;
        string? staging = null;
        string Staging()
        {
            staging ??= Directory.CreateDirectory(
                Path.Combine(request.WorkDirectory ?? Path.GetTempPath(), $"import-{Guid.NewGuid():N}.tmp")).FullName;
            return staging;
        }

        try
        {
            if (Uri.TryCreate(request.Source, UriKind.Absolute, out var uri) && uri.Scheme is not "file" && uri.Scheme.Length > 1)
            {
                description = HttpsDownload.Describe(uri);
                if (uri.Scheme != Uri.UriSchemeHttps)
                {
                    throw new CategoryImportException(
                        $"The category source {description} is refused: only https:// URLs are downloaded, so the lists cannot be altered in transit.");
                }

                var download = await HttpsDownload.DownloadAsync(
                    _httpClient ?? SharedClient.Value,
                    uri,
                    request.WorkDirectory ?? Path.GetTempPath(),
                    request.MaxDownloadBytes,
                    request.DownloadTimeout,
                    _timeProvider,
                    cancellationToken).ConfigureAwait(false);
                await using (download.ConfigureAwait(false))
                {
                    new Ut1ArchiveSource(download, session, Staging).Import(request.Categories);
                }
            }
            else
            {
                var path = Path.GetFullPath(uri?.IsFile == true ? uri.LocalPath : request.Source);
                description = path;
                if (Directory.Exists(path))
                {
                    Ut1DirectorySource.Import(path, request.Categories, session);
                }
                else if (File.Exists(path))
                {
                    using var archive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    new Ut1ArchiveSource(archive, session, Staging).Import(request.Categories);
                }
                else
                {
                    throw new CategoryImportException($"The category source {path} does not exist.");
                }
            }

            ImportLocalLists(request.LocalListsDirectory, session);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            throw new CategoryImportException($"The category source {description} cannot be read: {e.Message}", e);
        }
        finally
        {
            if (staging is not null)
            {
                TryDeleteDirectory(staging);
            }
        }

        var result = session.Build(description);
        Validate(result.Report, request.PreviousEntries);
        foreach (var note in result.Report.Notes)
        {
            CategoriesLog.ImportNote(_logger, note);
        }

        CategoriesLog.Imported(_logger, result.Report.Entries, description, result.Report.Categories.Count, result.Report.ProblemCount);
        return result;
    }

    /// <summary>True for the list categories of the local lists, which may be emptied on purpose.</summary>
    internal static bool IsLocal(string category) => category.StartsWith(LocalLists.Prefix, StringComparison.Ordinal);

    /// <summary>
    /// <c>allow/{domains,urls}</c> as <see cref="LocalLists.Allow"/>, and <c>deny/&lt;regulation category&gt;/...</c>
    /// as <see cref="LocalLists.DenyListName"/> of that category. Every local list category is declared, even when
    /// its folder is absent, so the index always knows them.
    /// </summary>
    private static void ImportLocalLists(string? directory, ImportSession session)
    {
        if (directory is null)
        {
            return;
        }

        if (!Directory.Exists(directory))
        {
            throw new CategoryImportException($"The local lists folder {Path.GetFullPath(directory)} does not exist.");
        }

        session.Declare(LocalLists.Allow);
        foreach (var category in RegulationCategoryNames.All)
        {
            session.Declare(LocalLists.DenyListName(category));
        }

        var allow = Path.Combine(directory, AllowFolder);
        if (Directory.Exists(allow))
        {
            Ut1DirectorySource.ImportFolder(session, LocalLists.Allow, "local/" + AllowFolder, allow);
        }

        var deny = new DirectoryInfo(Path.Combine(directory, DenyFolder));
        if (!deny.Exists)
        {
            return;
        }

        foreach (var file in deny.EnumerateFiles().Where(f => Ut1Layout.TryClassify(f.Name, out _, out _)))
        {
            session.Note($"The local list file 'local/{DenyFolder}/{file.Name}' was ignored: deny entries go in 'local/{DenyFolder}/<category>/' (adult, hate, gambling, chat, warez).");
        }

        foreach (var folder in deny.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (folder.LinkTarget is not null || !RegulationCategoryNames.TryParse(folder.Name, out var category))
            {
                session.Note($"The local deny folder 'local/{DenyFolder}/{folder.Name}' was ignored: it is not a regulation category (adult, hate, gambling, chat, warez).");
                continue;
            }

            Ut1DirectorySource.ImportFolder(session, LocalLists.DenyListName(category), $"local/{DenyFolder}/{folder.Name}", folder.FullName);
        }
    }

    private static void Validate(ImportReport report, IReadOnlyDictionary<string, int>? previous)
    {
        var listed = report.Categories.Where(c => !IsLocal(c.Category)).ToArray();
        if (listed.Sum(c => c.Entries) == 0)
        {
            throw new CategoryImportException(
                $"The category source {report.Source} yields no entries ({listed.Length} categories read, {report.ProblemCount} malformed lines); the current index stays in use.");
        }

        if (previous is null)
        {
            return;
        }

        var emptied = listed
            .Where(c => c.Entries == 0 && previous.GetValueOrDefault(c.Category) > 0)
            .Select(c => $"{c.Category} (had {previous[c.Category]})")
            .ToArray();
        if (emptied.Length > 0)
        {
            throw new CategoryImportException(
                $"The category source {report.Source} yields no entries for {string.Join(", ", emptied)}; the current index stays in use.");
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover staging folder is harmless; it is named *.tmp in the work folder.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
