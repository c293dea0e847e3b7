using WebProxy.Categories.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.Categories.Tests.Import;

public sealed class HttpsImportTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _work = new();
    private HttpsFileServer? _server;
    private HttpClient? _client;

    private HttpsFileServer Server => _server!;

    public async Task InitializeAsync()
    {
        _server = await HttpsFileServer.StartAsync(Ut1Files.Archive);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task An_https_source_is_downloaded_into_the_work_folder_imported_as_the_tarball_and_the_download_removed()
    {
        var importer = new Ut1Importer(_client);
        var url = Server.Url("/blacklists.tar.gz?token=secret");

        var result = await importer.ImportAsync(new CategoryImportRequest(url.ToString())
        {
            Categories = Sets.Of("gambling", "porn"),
            WorkDirectory = _work.Path,
        });

        Assert.Equal(32_252, result.Report.Find("gambling")!.Lines);
        Assert.Equal("adult", result.Report.Find("porn")!.Folder);
        Assert.Equal("redirector", result.Report.Aliases["proxy"]);
        Assert.Equal(Server.Url("/blacklists.tar.gz").ToString(), result.Report.Source);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path));
    }

    [Fact]
    public async Task A_plain_http_url_is_refused_without_any_request()
    {
        var importer = new Ut1Importer(_client);
        var url = new UriBuilder(Server.Url("/blacklists.tar.gz")) { Scheme = "http" }.Uri;

        var e = await Assert.ThrowsAsync<CategoryImportException>(() => importer.ImportAsync(new CategoryImportRequest(url.ToString())));

        Assert.Contains("only https://", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/blacklists.tar.gz")]
    [InlineData("/chunked.tar.gz")]
    public async Task A_download_over_the_size_bound_is_refused_with_or_without_content_length(string path)
    {
        var importer = new Ut1Importer(_client);

        var e = await Assert.ThrowsAsync<CategoryImportException>(() => importer.ImportAsync(
            new CategoryImportRequest(Server.Url(path).ToString()) { MaxDownloadBytes = 100_000, WorkDirectory = _work.Path }));

        Assert.Contains("larger than the limit", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path));
    }

    [Fact]
    public async Task An_http_error_or_an_untrusted_certificate_fails_the_import()
    {
        var importer = new Ut1Importer(_client);
        var e = await Assert.ThrowsAsync<CategoryImportException>(() => importer.ImportAsync(new CategoryImportRequest(Server.Url("/missing").ToString())));
        Assert.Contains("HTTP 404", e.Message, StringComparison.Ordinal);

        using var untrusting = new HttpClient();
        e = await Assert.ThrowsAsync<CategoryImportException>(() => new Ut1Importer(untrusting).ImportAsync(
            new CategoryImportRequest(Server.Url("/blacklists.tar.gz").ToString()) { WorkDirectory = _work.Path }));
        Assert.Contains("failed", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path));
    }
}
