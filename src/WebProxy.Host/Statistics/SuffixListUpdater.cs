using WebProxy.Categories;
using WebProxy.Categories.Import;
using WebProxy.Statistics.Sites;

namespace WebProxy.Host.Statistics;

/// <summary>
/// <c>webproxy categories update --suffix-list FILE|URL</c>: installs a new Public Suffix List in the data folder. The
/// new list is parsed in full before it replaces the old one (written beside it and renamed), so a truncated download
/// or a wrong file never replaces a working list.
/// </summary>
internal static class SuffixListUpdater
{
    /// <summary>The real list is about 330 KB; a hundred times that is not a suffix list.</summary>
    private const long MaxBytes = 32L * 1024 * 1024;

    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(2);

    /// <returns>The installed list's rule count.</returns>
    /// <exception cref="CategoryImportException">The source cannot be read or downloaded.</exception>
    /// <exception cref="PublicSuffixListException">The source is not a valid list; nothing was replaced.</exception>
    public static async Task<int> InstallAsync(string source, string destination, HttpClient http, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            {
                await using var download = await HttpsDownload.DownloadAsync(http, uri, folder, MaxBytes, DownloadTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                await using var file = File.Create(temporary);
                await download.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
            else if (File.Exists(source))
            {
                File.Copy(source, temporary);
            }
            else
            {
                throw new CategoryImportException($"--suffix-list: '{source}' is neither an existing file nor an https URL.");
            }

            int rules;
            using (var reader = new StreamReader(temporary))
            {
                // Errors name the source, not the temporary file.
                rules = PublicSuffixList.Parse(reader, source).RuleCount;
            }

            File.Move(temporary, destination, overwrite: true);
            return rules;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
