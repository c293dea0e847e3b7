using System.Net;
using System.Text.Json;
using WebProxy.Admin.Tests.Governance;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>
/// Who may read the statistics (the municipal secretary, the privacy officer, the security officer, IT), what
/// everyone else gets (401 and a sign-in redirect without credentials, 403 with them), and the problems that name
/// the field of a report that cannot be made. Nothing is flushed for a request that is refused.
/// </summary>
public sealed class StatisticsAccessTests : IAsyncLifetime
{
    private StatisticsServer _server = null!;

    public static TheoryData<string, HttpStatusCode> Callers => new()
    {
        { TestOrganisation.Secretary, HttpStatusCode.OK },
        { TestOrganisation.PrivacyOfficer, HttpStatusCode.OK },
        { TestOrganisation.SecurityOfficer, HttpStatusCode.OK },
        { TestOrganisation.ItPerson, HttpStatusCode.OK },
        { TestOrganisation.Manager, HttpStatusCode.Forbidden },
        { TestOrganisation.Researcher, HttpStatusCode.Forbidden },
        { TestOrganisation.Architect, HttpStatusCode.Forbidden },
        { TestOrganisation.Mayor, HttpStatusCode.Forbidden },
        { Organisation.Anonymous, HttpStatusCode.Unauthorized },
    };

    public async Task InitializeAsync() => _server = await StatisticsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task The_api_and_the_csv_answer_the_readers_only(string caller, HttpStatusCode expected)
    {
        foreach (var path in new[] { "/api/statistics/top", "/api/statistics/top.csv" })
        {
            using var response = await _server.GetAsync(caller, $"{path}?{StatisticsWeek.Query}");
            Assert.True(expected == response.StatusCode, $"{caller} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (expected != HttpStatusCode.OK)
            {
                var problem = await ProblemAsync(response);
                Assert.Equal(expected == HttpStatusCode.Forbidden ? "role" : "authorization", problem.GetProperty("field").GetString());
            }
        }

        if (expected == HttpStatusCode.Unauthorized)
        {
            using var response = await _server.GetAsync(caller, "/api/statistics/top");
            Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task The_page_shows_the_readers_the_report_refuses_others_and_sends_the_anonymous_to_sign_in(string caller, HttpStatusCode expected)
    {
        using var response = await _server.GetAsync(caller, $"/statistics?{StatisticsWeek.Query}");
        var html = await response.Content.ReadAsStringAsync();

        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login", response.Headers.Location?.OriginalString);
            return;
        }

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("management information for the municipal secretary, the privacy officer, the security officer and IT", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
            Assert.DoesNotContain("gemeente-almere.nl", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("period=year&date=2025-03-26", "period", "'year' is not a period")]
    [InlineData("period=day&date=2025-13-01", "date", "'2025-13-01' is not a date")]
    [InlineData("period=day&date=26-03-2025", "date", "use YYYY-MM-DD")]
    [InlineData("period=day&date=2025-04-01", "date", "in the future")]
    [InlineData("period=month&date=2025-04-15", "date", "in the future")]
    [InlineData("period=range&date=2025-03-26&to=2025-03-20", "to", "before it begins")]
    [InlineData("period=range&date=2025-03-26", "to", "a range needs its last day")]
    [InlineData("period=week&date=2025-03-26&n=0", "n", "from 1 to 100")]
    [InlineData("period=week&date=2025-03-26&n=ten", "n", "'ten' is not a number")]
    [InlineData("period=week&date=2025-03-26&category=porn", "category", "'porn' is not a category")]
    public async Task A_report_that_cannot_be_made_is_a_problem_naming_the_field(string query, string field, string reason)
    {
        using var api = await _server.GetAsync(TestOrganisation.Secretary, $"/api/statistics/top?{query}");
        var problem = await ProblemAsync(api);
        using var page = await _server.GetAsync(TestOrganisation.Secretary, $"/statistics?{query}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains($"data-field=\"{field}\"", html, StringComparison.Ordinal);
        Assert.Contains("<form id=\"choose\"", html, StringComparison.Ordinal);
        Assert.Equal(0, _server.Flushes);
    }

    [Fact]
    public async Task Refused_callers_cause_no_flush_and_a_reader_causes_one_per_report()
    {
        (await _server.GetAsync(Organisation.Anonymous, "/api/statistics/top")).Dispose();
        (await _server.GetAsync(TestOrganisation.Researcher, "/api/statistics/top")).Dispose();
        (await _server.GetAsync(TestOrganisation.Manager, "/statistics")).Dispose();
        Assert.Equal(0, _server.Flushes);

        (await _server.GetAsync(TestOrganisation.Secretary, "/api/statistics/top")).Dispose();
        (await _server.GetAsync(TestOrganisation.Secretary, "/statistics")).Dispose();
        Assert.Equal(2, _server.Flushes);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
