using System.Text.Json;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>
/// The statistics API is in the OpenAPI document with its answers, and the visitor figure is described as what it
/// is: the busiest day's distinct clients, a lower bound. The page is not part of the API.
/// </summary>
public sealed class StatisticsOpenApiTests
{
    [Fact]
    public async Task Both_paths_are_documented_with_their_answers_and_the_visitor_figure_is_explained()
    {
        await using var server = await StatisticsServer.StartAsync();

        using var document = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/statistics/top", "/api/statistics/top.csv" })
        {
            var responses = paths.GetProperty(path).GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name);
            Assert.Equal(["200", "400", "401", "403"], responses.Order(StringComparer.Ordinal));
        }

        Assert.False(paths.TryGetProperty("/statistics", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var visitors = schemas.GetProperty("TopSiteRow").GetProperty("properties").GetProperty("visitorsOnBusiestDay");
        Assert.Contains("lower bound", visitors.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("k distinct clients", schemas.GetProperty("TopSitesView").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
