using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// The investigation endpoints of the admin API (<c>/api/investigations</c>) as people call them: HTTP Basic with
/// their own password (<see cref="TestOrganisation.PasswordOf"/>), JSON bodies, no proxy.
/// </summary>
internal sealed class InvestigationAdmin
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private InvestigationAdmin(Uri baseAddress)
    {
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The admin port of <paramref name="proxy"/>.</summary>
    public static InvestigationAdmin Connect(ProxyProcess proxy) => new(proxy.AdminUri);

    /// <summary>POST with a JSON body as <paramref name="person"/>.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string person, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, path))
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Basic(person);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GET as <paramref name="person"/>: the status, the body and its media type.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? MediaType)> GetAsync(string person, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, path));
        request.Headers.Authorization = Basic(person);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private static AuthenticationHeaderValue Basic(string person) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{person}:{TestOrganisation.PasswordOf(person)}")));
}
