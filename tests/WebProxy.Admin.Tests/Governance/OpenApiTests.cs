using System.Net;
using System.Text.Json;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> describes every admin API endpoint, and only those.</summary>
public sealed class OpenApiTests
{
    private static readonly Dictionary<string, string[]> ApiPaths = new()
    {
        ["/api/me"] = ["get"],
        ["/api/directory"] = ["get"],
        ["/api/directory/{id}"] = ["delete", "get", "put"],
        ["/api/exemptions"] = ["get"],
        ["/api/exemptions/{id}"] = ["get"],
        ["/api/exemptions/research"] = ["post"],
        ["/api/exemptions/size"] = ["post"],
        ["/api/exemptions/{id}/revoke"] = ["post"],
        ["/api/log"] = ["get"],
        ["/api/log/verify"] = ["get"],
        ["/api/statistics/top"] = ["get"],
        ["/api/statistics/top.csv"] = ["get"],
        ["/api/me/data"] = ["get"],
        ["/api/me/requests"] = ["get", "post"],
        ["/api/rights-requests"] = ["get"],
        ["/api/rights-requests/{id}/answer"] = ["post"],
        ["/api/investigations"] = ["get", "post"],
        ["/api/investigations/{id}"] = ["get"],
        ["/api/investigations/{id}/approve"] = ["post"],
        ["/api/investigations/{id}/refuse"] = ["post"],
        ["/api/investigations/{id}/withdraw"] = ["post"],
        ["/api/investigations/{id}/legal-hold"] = ["post"],
        ["/api/investigations/{id}/legal-hold/release"] = ["post"],
        ["/api/investigations/{id}/report"] = ["get"],
        ["/api/investigations/{id}/report.csv"] = ["get"],
    };

    [Fact]
    public async Task The_document_is_OpenAPI_3_and_lists_every_api_path_with_its_methods()
    {
        await using var server = await GovernanceServer.StartAsync();

        using var response = await server.Client.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("info").GetProperty("title").GetString()));
        var paths = root.GetProperty("paths");
        var listed = paths.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateObject().Select(m => m.Name).Where(IsMethod).Order(StringComparer.Ordinal).ToArray());

        foreach (var (path, methods) in ApiPaths)
        {
            Assert.True(listed.ContainsKey(path), $"{path} is not in the document; it lists {string.Join(", ", listed.Keys)}");
            Assert.Equal(methods, listed[path]);
        }

        // The manager pages and the host's own endpoints are not part of the API.
        Assert.Equal(ApiPaths.Keys.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_operation_documents_its_answers_including_401()
    {
        await using var server = await GovernanceServer.StartAsync();

        using var document = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(m => IsMethod(m.Name)))
            {
                var responses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();
                Assert.True(responses.Any(r => r.StartsWith('2')), $"{operation.Name} {path.Name} documents no success: {string.Join(", ", responses)}");
                Assert.True(responses.Contains("401"), $"{operation.Name} {path.Name} does not document 401: {string.Join(", ", responses)}");
            }
        }
    }

    private static bool IsMethod(string name) => name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace";
}
