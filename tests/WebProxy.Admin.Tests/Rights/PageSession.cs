using System.Net;

namespace WebProxy.Admin.Tests.Rights;

/// <summary>
/// One person's browser on <see cref="RightsServer"/>'s pages, without a browser: signed in through the login form, the
/// session cookie kept, redirects not followed (so a test sees where it is sent), and form posts carrying the
/// <c>Origin</c> a page of the admin port sends, unless a test gives another.
/// </summary>
internal sealed class PageSession : IDisposable
{
    private readonly HttpClient _client;

    private PageSession(HttpClient client, string landing)
    {
        _client = client;
        Landing = landing;
    }

    /// <summary>Where the sign-in sent the person.</summary>
    public string Landing { get; }

    /// <summary>The admin port's own origin, as a browser sends it with a form of its pages.</summary>
    public string Origin => _client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    /// <summary>Signs <paramref name="person"/> in (password <see cref="Testing.TestOrganisation.Password"/>) through <c>POST /login</c>.</summary>
    public static Task<PageSession> SignInAsync(RightsServer server, string person) => SignInAsync(server.Client.BaseAddress!, person);

    /// <summary>Signs <paramref name="person"/> in on the admin port at <paramref name="address"/>.</summary>
    public static async Task<PageSession> SignInAsync(Uri address, string person)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var session = new PageSession(client, string.Empty);
        using var response = await session.PostAsync("/login", new() { ["user"] = person, ["password"] = Testing.TestOrganisation.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            Assert.Fail($"signing in as {person}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return new PageSession(client, response.Headers.Location!.OriginalString);
    }

    /// <summary>Loads a page; returns its status and its HTML.</summary>
    public async Task<Page> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await Page.ReadAsync(response);
    }

    /// <summary>Posts a form from <see cref="Origin"/> (or <paramref name="origin"/>), as a browser submits it.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? Origin);
        return _client.SendAsync(request);
    }

    /// <summary>Posts a form and reads the page it answers with (a refusal shows the form again).</summary>
    public async Task<Page> PostForPageAsync(string path, Dictionary<string, string> fields, string? origin = null)
    {
        using var response = await PostAsync(path, fields, origin);
        return await Page.ReadAsync(response);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>A page as served: status, HTML as sent, and the same decoded for comparing with what was typed.</summary>
    public sealed record Page(HttpStatusCode Status, string Html, string? Location)
    {
        public string Text => WebUtility.HtmlDecode(Html);

        /// <summary>The decoded text of the first element whose start tag contains <paramref name="attribute"/>, up to its closing tag.</summary>
        public string Element(string attribute, string closing)
        {
            var start = Html.IndexOf(attribute, StringComparison.Ordinal);
            Assert.True(start >= 0, $"no element with {attribute} in {Html}");
            var end = Html.IndexOf(closing, start, StringComparison.Ordinal);
            return WebUtility.HtmlDecode(Html[start..end]);
        }

        public static async Task<Page> ReadAsync(HttpResponseMessage response) =>
            new(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }
}
