using System.Net;
using System.Text;
using System.Text.Json;
using WebProxy.Admin.Tests.Governance;
using WebProxy.Testing;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Admin.Tests.Investigations;

/// <summary>
/// Issue 6 through the admin API of the running server: a manager requests an investigation, the municipal secretary
/// approves it, and only the readers named in the request read the report — each read, the CSV export included,
/// stating a purpose that goes into the governance log as an <c>investigation_report_read</c> record (the ombudsman
/// case). Everyone else who may know of the investigation is refused (403); whoever may not is told it does not exist
/// (404).
/// </summary>
public sealed class InvestigationReportApiTests
{
    private const string Reader = SecurityOfficer;

    [Fact]
    public async Task A_managers_request_approved_by_the_secretary_is_read_by_the_named_reader_and_each_read_is_recorded()
    {
        await using var server = await InvestigationServer.StartAsync();

        var requested = await server.PostAsync(Manager, "/api/investigations", InvestigationServer.RequestBody(Researcher, [Reader]));
        Assert.True(requested.Status == HttpStatusCode.Created, requested.ToString());
        var id = requested.Json!.Value.GetProperty("id").GetGuid();
        Assert.Equal($"/api/investigations/{id}", requested.Location?.OriginalString);
        Assert.Equal("requested", requested.Json.Value.GetProperty("state").GetString());
        Assert.Equal("regular", requested.Json.Value.GetProperty("kind").GetString());
        Assert.Equal("traffic", requested.Json.Value.GetProperty("scope").GetString());
        Assert.Equal(Researcher, requested.Json.Value.GetProperty("subject").GetString());
        Assert.Equal(Manager, requested.Json.Value.GetProperty("requestedBy").GetString());
        Assert.Equal(new string?[] { Reader }, requested.Json.Value.GetProperty("readers").EnumerateArray().Select(r => r.GetString()));
        Assert.False(requested.Json.Value.GetProperty("recording").GetBoolean());

        // Before the approval there is no report, not even for its reader.
        var early = await server.GetAnswerAsync(Reader, $"/api/investigations/{id}/report?purpose=too+early");
        Assert.True(early.Status == HttpStatusCode.Conflict, early.ToString());
        Assert.Equal("state", early.Field);

        var approved = await server.ApproveAsync(id);
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal(Secretary, approved.GetProperty("decidedBy").GetString());
        Assert.True(approved.GetProperty("recording").GetBoolean());

        var report = await server.GetAnswerAsync(Reader, $"/api/investigations/{id}/report?purpose={Uri.EscapeDataString("Hearing with the subject on 12 May")}");
        Assert.True(report.Status == HttpStatusCode.OK, report.ToString());
        Assert.Equal(id, report.Json!.Value.GetProperty("investigation").GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Array, report.Json.Value.GetProperty("records").ValueKind);

        using var csv = await server.GetAsync(Reader, $"/api/investigations/{id}/report.csv?purpose={Uri.EscapeDataString("Handing the file to the council's lawyer")}");
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.True(csv.StatusCode == HttpStatusCode.OK, csvText);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"investigation-{id}.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("no-store", csv.Headers.CacheControl?.ToString());
        Assert.StartsWith("captured_at,host,bytes_to_client,bytes_to_origin,category,decision\r\n", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("url", csvText, StringComparison.Ordinal);

        var reads = await server.RecordsAsync("investigation_report_read");
        Assert.Equal(2, reads.Length);
        Assert.All(reads, r =>
        {
            Assert.Equal(Reader, r.GetProperty("actor").GetString());
            Assert.Equal(Researcher, r.GetProperty("subject").GetString());
            Assert.Equal(id.ToString(), InvestigationServer.Detail(r, "investigation"));
            Assert.Equal("api", InvestigationServer.Detail(r, "via"));
        });
        Assert.Equal(("Hearing with the subject on 12 May", "report"), (reads[0].GetProperty("purpose").GetString(), InvestigationServer.Detail(reads[0], "format")));
        Assert.Equal(("Handing the file to the council's lawyer", "csv"), (reads[1].GetProperty("purpose").GetString(), InvestigationServer.Detail(reads[1], "format")));

        var requestRecord = Assert.Single(await server.RecordsAsync("investigation_requested"));
        Assert.Equal((Manager, Researcher), (requestRecord.GetProperty("actor").GetString(), requestRecord.GetProperty("subject").GetString()));
        var approvalRecord = Assert.Single(await server.RecordsAsync("investigation_approved"));
        Assert.Equal((Secretary, Researcher), (approvalRecord.GetProperty("actor").GetString(), approvalRecord.GetProperty("subject").GetString()));
    }

    /// <summary>Who may know of the investigation but is not a named reader: refused with the field <c>reader</c>.</summary>
    [Theory]
    [InlineData(Manager)] // the requester
    [InlineData(Secretary)] // the approver
    [InlineData(PrivacyOfficer)] // supervises
    [InlineData(Researcher)] // the subject, once it is disclosed to him
    public async Task Anyone_but_a_named_reader_is_refused_the_report_and_nothing_is_recorded(string caller)
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [Reader]);
        await server.ApproveAsync(id);
        await server.SignInAsync(caller);
        await server.SignInAsync(ItPerson);
        var before = await server.LogCountAsync();

        var json = await server.GetAnswerAsync(caller, $"/api/investigations/{id}/report?purpose=curious");
        var csv = await server.GetAnswerAsync(caller, $"/api/investigations/{id}/report.csv?purpose=curious");

        Assert.True(json.Status == HttpStatusCode.Forbidden, json.ToString());
        Assert.Equal("reader", json.Field);
        Assert.True(csv.Status == HttpStatusCode.Forbidden, csv.ToString());
        Assert.Equal("reader", csv.Field);
        Assert.Equal(before, await server.LogCountAsync());
    }

    /// <summary>Who may not know of it is told it does not exist: unrelated people, and the subject while disclosure is deferred.</summary>
    [Theory]
    [InlineData(OtherManager)]
    [InlineData(OtherEmployee)]
    [InlineData(Architect)]
    [InlineData(ItPerson)]
    [InlineData(Mayor)]
    [InlineData(WorksCouncilMember)]
    [InlineData(Researcher)]
    public async Task Someone_who_may_not_know_of_the_investigation_is_told_it_does_not_exist(string caller)
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [Reader]);
        await server.ApproveAsync(id, deferDisclosure: true);

        foreach (var path in new[] { $"/api/investigations/{id}?purpose=x", $"/api/investigations/{id}/report?purpose=x", $"/api/investigations/{id}/report.csv?purpose=x" })
        {
            var answer = await server.GetAnswerAsync(caller, path);
            Assert.True(answer.Status == HttpStatusCode.NotFound, $"GET {path} as {caller}: {answer}");
            Assert.Equal("id", answer.Field);
        }

        foreach (var action in new[] { "approve", "refuse", "withdraw", "legal-hold", "legal-hold/release" })
        {
            var answer = await server.PostAsync(caller, $"/api/investigations/{id}/{action}", action == "approve" ? null : new { reason = "because" });
            Assert.True(answer.Status == HttpStatusCode.NotFound, $"POST {action} as {caller}: {answer}");
        }

        var list = await server.GetAnswerAsync(caller, "/api/investigations?purpose=x");
        Assert.True(list.Status == HttpStatusCode.OK, list.ToString());
        Assert.Empty(list.Json!.Value.EnumerateArray());
    }

    [Fact]
    public async Task A_read_without_a_purpose_is_refused_and_not_recorded()
    {
        await using var server = await InvestigationServer.StartAsync();
        var id = await server.RequestAsync(Manager, Researcher, [Reader]);
        await server.ApproveAsync(id);
        await server.SignInAsync(Reader);
        await server.SignInAsync(ItPerson);
        var before = await server.LogCountAsync();

        var json = await server.GetAnswerAsync(Reader, $"/api/investigations/{id}/report");
        var csv = await server.GetAnswerAsync(Reader, $"/api/investigations/{id}/report.csv?purpose=%20%20");

        Assert.True(json.Status == HttpStatusCode.BadRequest, json.ToString());
        Assert.Equal("purpose", json.Field);
        Assert.True(csv.Status == HttpStatusCode.BadRequest, csv.ToString());
        Assert.Equal("purpose", csv.Field);
        Assert.Equal(before, await server.LogCountAsync());
    }

    [Fact]
    public async Task A_content_investigation_records_the_subjects_full_URLs_and_a_traffic_one_only_hosts()
    {
        await using var origin = await OriginServer.StartAsync();
        await using var server = await InvestigationServer.StartAsync();
        var content = await server.RequestAsync(Manager, Researcher, [Reader], scope: "content");
        var traffic = await server.RequestAsync(SecurityOfficer, Researcher, [PrivacyOfficer]);
        var approved = await server.ApproveAsync(content);
        Assert.Equal("content", approved.GetProperty("scope").GetString());
        await server.ApproveAsync(traffic);

        // The running proxy picks the approvals up within its poll interval; until then nothing is recorded.
        var url = $"http://good.test:{origin.Port}/hello?case=2026-031";
        await WaitUntilAsync(async () =>
        {
            await ProxyGetAsync(server, url, Researcher);
            await ProxyGetAsync(server, $"http://good.test:{origin.Port}/kib", WorksCouncilMember);
            var answer = await server.GetAnswerAsync(Reader, $"/api/investigations/{content}/report?purpose=checking");
            return answer.Json!.Value.GetProperty("records").GetArrayLength() > 0;
        });

        var contentReport = await server.GetAnswerAsync(Reader, $"/api/investigations/{content}/report?purpose=checking");
        var trafficReport = await server.GetAnswerAsync(PrivacyOfficer, $"/api/investigations/{traffic}/report?purpose=checking");

        var contentRecords = contentReport.Json!.Value.GetProperty("records").EnumerateArray().ToArray();
        var trafficRecords = trafficReport.Json!.Value.GetProperty("records").EnumerateArray().ToArray();
        Assert.NotEmpty(contentRecords);
        Assert.NotEmpty(trafficRecords);
        Assert.All(contentRecords, r =>
        {
            Assert.Equal("good.test", r.GetProperty("host").GetString());
            Assert.Equal(url, r.GetProperty("url").GetString());
            Assert.Equal("allowed", r.GetProperty("decision").GetString());
            Assert.True(r.GetProperty("bytesToClient").GetInt64() > 0, r.ToString());
        });
        Assert.All(trafficRecords, r =>
        {
            Assert.Equal("good.test", r.GetProperty("host").GetString());
            Assert.False(r.TryGetProperty("url", out _), r.ToString());
            Assert.DoesNotContain("hello", r.ToString(), StringComparison.Ordinal);
        });

        // Bodies are never recorded: the origin's answer is nowhere in either report or export.
        using var csv = await server.GetAsync(Reader, $"/api/investigations/{content}/report.csv?purpose=checking");
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("captured_at,host,url,bytes_to_client,bytes_to_origin,category,decision\r\n", csvText, StringComparison.Ordinal);
        Assert.Contains($",good.test,{url},", csvText, StringComparison.Ordinal);
        foreach (var text in new[] { contentReport.Text, trafficReport.Text, csvText })
        {
            Assert.DoesNotContain("hello from the origin", text, StringComparison.Ordinal);
            Assert.DoesNotContain("xxxxxxxx", text, StringComparison.Ordinal);
        }
    }

    private static async Task ProxyGetAsync(InvestigationServer server, string url, string person)
    {
        await using var connection = await RawHttpConnection.OpenAsync(server.Proxy.ProxyPort);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{person}:{PasswordOf(person)}"));
        var host = new Uri(url).Authority;
        await connection.SendAsync($"GET {url} HTTP/1.1\r\nHost: {host}\r\nProxy-Authorization: Basic {credentials}\r\nConnection: close\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.True(response.Status == 200, $"{url} as {person}: {response.StatusLine}\n{response.Body}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "Nothing was recorded within 10 s.");
            await Task.Delay(100);
        }
    }
}
