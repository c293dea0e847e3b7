using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebProxy.Proxy.Identity;
using WebProxy.Testing;
using WebProxy.Testing.Chromium;

namespace WebProxy.Admin.Tests.Chromium;

/// <summary>
/// The headless Chromium driver against a real browser: a form filled and posted to a real Kestrel site, statuses and
/// screenshots, and the real proxy asking for credentials, which the driver answers through the Fetch domain.
/// </summary>
public sealed class HeadlessChromiumTests
{
    private const string User = TestOrganisation.Manager;
    private const string Password = TestOrganisation.Password;

    [Fact]
    public async Task A_form_is_filled_posted_and_its_answer_read()
    {
        await using var site = await FormSite.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var page = await chromium.NewPageAsync();

        Assert.Equal(200, await page.NavigateAsync(site.Url("/form")));
        await page.FillAsync("#name", "Jan <Jansen>");
        var status = await page.SubmitAndWaitForNavigationAsync("#send");

        Assert.Equal(201, status);
        Assert.Equal("Hello, Jan <Jansen>", await page.TextAsync("#greeting"));
        Assert.Equal(site.Url("/greet"), await page.UrlAsync());
        Assert.Contains("<p id=\"greeting\">", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigate_reports_the_status_the_document_came_with()
    {
        await using var site = await FormSite.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var page = await chromium.NewPageAsync();

        Assert.Equal(404, await page.NavigateAsync(site.Url("/missing")));
        Assert.Equal("Nothing here", await page.TextAsync("h1"));
        Assert.Null(await page.NavigateAsync(site.Url("/missing#same-document")));
    }

    [Fact]
    public async Task A_screenshot_is_a_real_png()
    {
        await using var site = await FormSite.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var page = await chromium.NewPageAsync();
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "form.png");

        await page.NavigateAsync(site.Url("/form"));
        await page.ScreenshotAsync(file);

        var png = await File.ReadAllBytesAsync(file);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
        Assert.True(png.Length > 2_000, $"A rendered page should give more than a blank image; the PNG has {png.Length} bytes.");
    }

    [Fact]
    public async Task Scripts_and_selectors_fail_with_what_went_wrong()
    {
        await using var site = await FormSite.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var page = await chromium.NewPageAsync();
        await page.NavigateAsync(site.Url("/form"));

        var missing = await Assert.ThrowsAsync<JavaScriptException>(() => page.TextAsync("#no-such-thing"));
        Assert.Contains("No element matches the CSS selector #no-such-thing", missing.Message, StringComparison.Ordinal);

        var thrown = await Assert.ThrowsAsync<JavaScriptException>(() => page.EvaluateAsync<int>("Promise.reject(new Error('boom'))"));
        Assert.Contains("boom", thrown.Description, StringComparison.Ordinal);
        Assert.Equal(42, await page.EvaluateAsync<int>("new Promise(resolve => setTimeout(() => resolve(6 * 7), 10))"));
    }

    [Fact]
    public async Task A_browser_that_does_not_open_its_DevTools_port_in_time_fails_with_its_stderr()
    {
        var late = await Assert.ThrowsAsync<TimeoutException>(() =>
            HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions { StartupTimeout = TimeSpan.FromMilliseconds(1) }));

        Assert.Contains("DevToolsActivePort", late.Message, StringComparison.Ordinal);
        Assert.Contains("--- chromium stderr ---", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_a_proxy_that_requires_sign_in_the_page_loads_with_the_credentials()
    {
        await using var origin = await OriginServer.StartAsync();
        await using var proxy = await StartProxyRequiringSignInAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions
        {
            Proxy = proxy.ProxyUri,
            ProxyCredentials = new NetworkCredential(User, Password),
        });
        await using var page = await chromium.NewPageAsync();

        // plain.test resolves only inside the proxy, so the page can only have come through it.
        Assert.Equal(200, await page.NavigateAsync($"http://plain.test:{origin.Port}/hello"));
        Assert.Equal("hello from the origin", await page.TextAsync("body"));
    }

    [Fact]
    public async Task A_wrong_password_is_offered_once_and_the_page_shows_the_proxys_407()
    {
        await using var origin = await OriginServer.StartAsync();
        await using var proxy = await StartProxyRequiringSignInAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions { Proxy = proxy.ProxyUri });
        await using var page = await chromium.NewPageAsync();
        await page.UseProxyCredentialsAsync(User, "wrong");

        Assert.Equal(407, await page.NavigateAsync($"http://plain.test:{origin.Port}/hello"));
    }

    [Fact]
    public async Task Loopback_addresses_go_through_the_proxy_too()
    {
        await using var origin = await OriginServer.StartAsync();
        await using var proxy = await StartProxyRequiringSignInAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions { Proxy = proxy.ProxyUri });
        await using var page = await chromium.NewPageAsync();

        // Without credentials the proxy answers 407, and a page without Fetch lets Chromium's headless default
        // cancel the sign-in, which is a net error. A browser that went to 127.0.0.1 directly would get a 200.
        var refused = await Assert.ThrowsAsync<ChromiumNavigationException>(() => page.NavigateAsync($"http://127.0.0.1:{origin.Port}/hello"));
        Assert.Equal("net::ERR_INVALID_AUTH_CREDENTIALS", refused.ErrorText);
        Assert.Empty(origin.ReceivedHeaders);
    }

    [Fact]
    public async Task Https_through_the_intercepting_proxy_signs_in_on_the_CONNECT()
    {
        using var certificates = new TestCertificates();
        await using var origin = await OriginServer.StartAsync(certificates);
        await using var proxy = await StartProxyRequiringSignInAsync(certificates, origin.Port);
        await using var chromium = await HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions
        {
            Proxy = proxy.ProxyUri,
            ProxyCredentials = new NetworkCredential(User, Password),
            IgnoreCertificateErrors = true,
        });
        await using var page = await chromium.NewPageAsync();

        Assert.Equal(200, await page.NavigateAsync($"https://good.test:{origin.Port}/hello"));
        Assert.Equal("hello from the origin", await page.TextAsync("body"));
    }

    /// <summary>The real proxy with <see cref="ProxyAuthenticationMode.Required"/> and <see cref="TestOrganisation"/> to sign in.</summary>
    private static Task<ProxyUnderTest> StartProxyRequiringSignInAsync(TestCertificates? certificates = null, int? connectPort = null) =>
        ProxyUnderTest.StartAsync(certificates, settings =>
        {
            settings.Identity.ProxyAuthentication = ProxyAuthenticationMode.Required;
            // In the proxy's own data folder, so the file lives exactly as long as the proxy that reads it.
            settings.Identity.DirectoryFile = TestOrganisation.WriteTo(settings.DataDirectory);
            if (connectPort is { } port)
            {
                settings.Proxy.ExtraConnectPorts.Add(port);
            }
        });

    /// <summary>A tiny site with a form that posts back a greeting, and a page that answers 404.</summary>
    private sealed class FormSite : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Uri _base;

        private FormSite(WebApplication app, Uri baseAddress)
        {
            _app = app;
            _base = baseAddress;
        }

        public static async Task<FormSite> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapGet("/form", () => Results.Content(
                """
                <!doctype html>
                <html><head><title>Form</title></head>
                <body style="font: 16px sans-serif; background: #f4f0e8">
                  <h1>Who are you?</h1>
                  <form method="post" action="/greet">
                    <label>Name <input id="name" name="name"></label>
                    <button id="send" type="submit">Send</button>
                  </form>
                </body></html>
                """,
                "text/html; charset=utf-8"));
            app.MapPost("/greet", async (HttpContext context) =>
            {
                var form = await context.Request.ReadFormAsync();
                var name = HtmlEncoder.Default.Encode(form["name"].ToString());
                return Results.Content(
                    $"<!doctype html><html><body><p id=\"greeting\">Hello, {name}</p></body></html>", "text/html; charset=utf-8", statusCode: 201);
            });
            app.MapGet("/missing", () => Results.Content("<!doctype html><html><body><h1>Nothing here</h1></body></html>", "text/html; charset=utf-8", statusCode: 404));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new FormSite(app, new Uri(address));
        }

        public string Url(string path) => new Uri(_base, path).ToString();

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
