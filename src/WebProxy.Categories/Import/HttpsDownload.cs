using System.Buffers;
using System.Net;

namespace WebProxy.Categories.Import;

/// <summary>
/// Downloads a list (an archive of category lists, or the Public Suffix List) over https into a temp file in the work
/// folder, bounded in size and time. The file is
/// opened delete-on-close, so it disappears with the returned stream (and a crash leaves at most one temp file).
/// </summary>
public static class HttpsDownload
{
    public static async Task<FileStream> DownloadAsync(
        HttpClient client,
        Uri uri,
        string workDirectory,
        long maxBytes,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var description = Describe(uri);
        Directory.CreateDirectory(workDirectory);
        var file = new FileStream(
            Path.Combine(workDirectory, $"download-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var done = false;
        try
        {
            using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            var token = linked.Token;
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);

            // HttpClient does not follow an https → http redirect, but a custom handler might.
            if (response.RequestMessage?.RequestUri is { } final && final.Scheme != Uri.UriSchemeHttps)
            {
                throw new CategoryImportException($"The download of {description} was redirected to a non-https URL; refused.");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new CategoryImportException(
                    $"The download of {description} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(description, maxBytes);
            }

            var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(description, maxBytes);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                }
            }

            await file.FlushAsync(token).ConfigureAwait(false);
            file.Position = 0;
            done = true;
            return file;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CategoryImportException($"The download of {description} did not finish within {timeout}.", e);
        }
        catch (HttpRequestException e)
        {
            throw new CategoryImportException($"The download of {description} failed: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!done)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The URL as reports may show it: scheme, host, port and path; no user-info, query or fragment.</summary>
    public static string Describe(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private static CategoryImportException TooLarge(string description, long maxBytes) =>
        new($"The download of {description} is larger than the limit of {maxBytes} bytes; refused.");
}
