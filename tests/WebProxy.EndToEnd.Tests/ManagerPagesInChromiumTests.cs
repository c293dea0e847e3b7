using System.Net;
using System.Text.Json.Nodes;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;
using WebProxy.Testing.Chromium;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// Issue 4's manager pages in a real headless Chromium against the real <c>webproxy</c> process: a manager signs in,
/// grants her researcher a research exemption, sees it listed, and the researcher's own browser — signed in to the
/// proxy — reaches the blocked site while a colleague's does not; revoking on the page blocks him again.
/// </summary>
public sealed class ManagerPagesInChromiumTests : IAsyncLifetime
{
    private const string Password = TestOrganisation.Password;
    private const string BlockedHost = "adult-sample.invalid";

    private readonly TestCertificates _certificates = new();
    private OriginServer _origin = null!;
    private ProxyProcess _proxy = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        _proxy = await ProxyProcess.StartAsync(_certificates, [], config =>
        {
            ((JsonObject)config["Proxy"]!["Hosts"]!)[BlockedHost] = "127.0.0.1";
            config["Policy"]!["InterceptionMode"] = "BlockedOnly";
            TestOrganisation.WriteTo((string)config["DataDirectory"]!);
        });
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _origin.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task A_manager_grants_on_the_page_and_only_the_researchers_browser_reaches_the_site()
    {
        var site = $"http://{BlockedHost}:{_origin.Port}/hello";
        await using var researcher = await Browser("r.bakker");
        await using var colleague = await Browser("e.visser");
        await using var researcherPage = await researcher.NewPageAsync();
        Assert.Equal(403, await researcherPage.NavigateAsync(site));

        await using var manager = await HeadlessChromium.LaunchAsync();
        await using var page = await manager.NewPageAsync();
        Assert.Equal(200, await page.NavigateAsync(new Uri(_proxy.AdminUri, "/manage").ToString()));
        Assert.EndsWith("/login", await page.UrlAsync(), StringComparison.Ordinal);
        await page.FillAsync("#user", "m.jansen");
        await page.FillAsync("#password", Password);
        Assert.Equal(200, await page.SubmitAndWaitForNavigationAsync("#sign-in"));
        Assert.Contains("Ruud Bakker", await page.TextAsync("#team"), StringComparison.Ordinal);

        Assert.Equal(200, await page.NavigateAsync(new Uri(_proxy.AdminUri, "/manage/grant?subject=r.bakker").ToString()));
        await page.ClickAsync("#category-adult");
        await page.FillAsync("#reason", "Onderzoek 2026-17: melding over misbruik van de werkplek");
        Assert.Equal(200, await page.SubmitAndWaitForNavigationAsync("#grant"));
        Assert.Contains("was granted", await page.TextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("Research: adult", await page.TextAsync("#exemptions tr[data-subject='r.bakker']"), StringComparison.Ordinal);
        await page.ScreenshotAsync(Path.Combine(_proxy.WorkDirectory, "active-exemptions.png"));

        // Applied within a second, to the researcher's signed-in browser only.
        Assert.Equal(200, await EventuallyAsync(researcherPage, site, 200));
        Assert.Equal("hello from the origin", await researcherPage.TextAsync("body"));
        await using var colleaguePage = await colleague.NewPageAsync();
        Assert.Equal(403, await colleaguePage.NavigateAsync(site));

        Assert.Equal(200, await page.SubmitAndWaitForNavigationAsync("#exemptions tr[data-subject='r.bakker'] button"));
        Assert.Contains("was revoked", await page.TextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal(403, await EventuallyAsync(researcherPage, site, 403));
    }

    [Fact]
    public async Task A_grant_the_rules_refuse_shows_the_reason_and_keeps_what_was_typed()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.NavigateAsync(new Uri(_proxy.AdminUri, "/login").ToString());
        await page.FillAsync("#user", "m.jansen");
        await page.FillAsync("#password", Password);
        await page.SubmitAndWaitForNavigationAsync("#sign-in");

        await page.NavigateAsync(new Uri(_proxy.AdminUri, "/manage/grant").ToString());
        await page.ClickAsync("#category-gambling");
        await page.FillAsync("#end", "2099-01-01T12:00");
        await page.FillAsync("#reason", "te lang");
        Assert.Equal(400, await page.SubmitAndWaitForNavigationAsync("#grant"));

        Assert.Contains("the maximum is 90 days", await page.TextAsync("#error"), StringComparison.Ordinal);
        Assert.Equal("te lang", await page.EvaluateAsync<string>("document.querySelector('#reason').value"));
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('#category-gambling').checked"));
    }

    private Task<HeadlessChromium> Browser(string user) => HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions
    {
        Proxy = new Uri(_proxy.ProxyUrl),
        ProxyCredentials = new NetworkCredential(user, Password),
    });

    /// <summary>Reloads until the status is the expected one, for at most a second (the proxy's promise).</summary>
    private static async Task<int?> EventuallyAsync(ChromiumPage page, string url, int expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        int? status;
        do
        {
            status = await page.NavigateAsync(url);
        }
        while (status != expected && waited.Elapsed < TimeSpan.FromSeconds(1));
        return status;
    }
}
