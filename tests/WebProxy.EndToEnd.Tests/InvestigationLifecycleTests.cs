using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// Issue 6's proof end to end on a fake clock: an investigation's whole life, from request to deletion, through the
/// real proxy in this process (both ports on 127.0.0.1, a real origin, the data folder on disk, restarts on the same
/// folder as an operator's), with the clock moved by the test.
/// <list type="bullet">
/// <item>Articles 6.2 and 6.3: an investigation is requested by a manager or the security officer and approved by the
/// municipal secretary; only the subject's own (signed-in) requests are recorded, only inside the approved period —
/// not before, not after: recording stops by itself at the end — and only traffic data (time, host, bytes,
/// decision): no path, no query string, no body. A colleague's and an anonymous request in the same minutes are not
/// recorded.</item>
/// <item>Article 4.3 and the toelichting: the report is read only by a named reader, with a purpose, and that read is a
/// governance record with the purpose; the requester (who knows of it) is refused with 403, someone who may not
/// know of it is told it does not exist (404), and a read without a purpose is refused (400).</item>
/// <item>Article 7.1: captured requests are deleted 183 days after capture — still there a minute before, gone a minute
/// after, at the start of the proxy — except an investigation on legal hold, whose records stay until the municipal
/// secretary releases the hold; each deletion is a governance record with the count, never a host. Article 7.2:
/// the report of the deleted records comes back empty.</item>
/// <item>Article 6.1d: after all of it the governance log's hash chain verifies.</item>
/// </list>
/// The grace period for closed investigations (<c>Investigations.ClosedGraceDays</c>, 30 by default) is set to the
/// retention, 183 days, so what deletes the records here is the 183-day rule of article 7.1 itself.
/// </summary>
public sealed class InvestigationLifecycleTests : IAsyncLifetime
{
    /// <summary>A Monday morning; nothing here depends on the real date.</summary>
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The approved period: it opens a quarter of an hour after the request and lasts half an hour. Short, because the
    /// running server's timers tick all the way as the clock moves (the 250 ms poll alone some 11,000 times here); its length
    /// makes no difference to what is proven.
    /// </summary>
    private static readonly DateTimeOffset WindowStart = Opening.AddMinutes(15);

    private static readonly DateTimeOffset WindowEnd = WindowStart.AddMinutes(30);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(183);

    private const string BeforeWindowHost = "before-window.test";
    private const string InWindowHost = "in-window.test";
    private const string AfterWindowHost = "after-window.test";
    private const string ColleagueHost = "colleague-site.test";
    private const string AnonymousHost = "anonymous-site.test";
    private const string HeldCaseHost = "held-case.test";

    /// <summary>In categories/samples/adult/domains: blocked for everyone without an exemption (article 5.4).</summary>
    private const string AdultHost = "adult-sample.invalid";

    private const string OriginBody = "hello from the origin";
    private const string CaseQuery = "case=2026-031";

    private static readonly string[] AllHosts = [BeforeWindowHost, InWindowHost, AfterWindowHost, ColleagueHost, AnonymousHost, HeldCaseHost, AdultHost];

    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(Opening);
    private OriginServer _origin = null!;
    private InProcessProxy? _proxy;

    public InvestigationLifecycleTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private InProcessProxy Proxy => _proxy ?? throw new InvalidOperationException("The proxy is not running.");

    public async Task InitializeAsync()
    {
        // The directory is in place before the first start, as an operator installs it; everyone has their own password.
        TestOrganisation.WriteTo(_data.Path, WithOwnPasswords);
        _origin = await OriginServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopProxyAsync();
        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        _data.Dispose();
    }

    [Fact]
    public async Task An_investigation_records_only_its_subject_in_its_window_is_read_only_by_its_named_reader_and_is_deleted_after_183_days_unless_on_legal_hold()
    {
        var total = System.Diagnostics.Stopwatch.StartNew();
        await StartProxyAsync();

        // 1. Requested by a manager and by the security officer, both approved by the municipal secretary, for a
        //    window that opens in a quarter of an hour. B's records will be put on legal hold.
        var a = await RequestAndApproveAsync(requester: Manager, subject: Researcher, reader: SecurityOfficer);
        var b = await RequestAndApproveAsync(requester: SecurityOfficer, subject: OtherEmployee, reader: OtherManager);
        await AssertRecordingAsync(a, SecurityOfficer, recording: false);

        // 2a. Before the window: approved, but nothing of the subjects is recorded.
        await BrowseAsync(Researcher, BeforeWindowHost, "/hello");
        await BrowseAsync(OtherEmployee, BeforeWindowHost, "/hello");
        await Proxy.WaitUntilIdleAsync();

        // 2b. Inside the window (the server runs while the clock moves: its timers tick on the way).
        _clock.SetUtcNow(WindowStart + TimeSpan.FromMinutes(1));
        await AssertRecordingAsync(a, SecurityOfficer, recording: true);
        var captured = _clock.GetUtcNow();
        await BrowseAsync(Researcher, InWindowHost, $"/hello?{CaseQuery}");
        await BrowseAsync(Researcher, InWindowHost, "/hello");
        await BrowseAsync(Researcher, AdultHost, "/", HttpStatusCode.Forbidden);
        await BrowseAsync(OtherEmployee, HeldCaseHost, "/hello");
        await BrowseAsync(OtherEmployee, HeldCaseHost, "/hello");
        await BrowseAsync(Colleague, InWindowHost, "/hello");
        await BrowseAsync(Colleague, ColleagueHost, "/hello");
        await BrowseAsync(null, InWindowHost, "/hello");
        await BrowseAsync(null, AnonymousHost, "/hello");
        await Proxy.WaitUntilIdleAsync();

        // 3. Past the end: recording stopped by itself, nobody withdrew anything.
        _clock.SetUtcNow(WindowEnd + TimeSpan.FromMinutes(1));
        await AssertRecordingAsync(a, SecurityOfficer, recording: false, ended: true);
        await BrowseAsync(Researcher, AfterWindowHost, "/hello");
        await BrowseAsync(OtherEmployee, AfterWindowHost, "/hello");
        await Proxy.WaitUntilIdleAsync();

        // 4. The named reader reads the report with a purpose: the subject's in-window requests, traffic data only.
        const string purpose = "Preparing the hearing with the subject, case 2026-031";
        var report = await ReadReportAsync(a, SecurityOfficer, purpose);
        AssertTrafficRecords(report, captured, (InWindowHost, "allowed"), (InWindowHost, "allowed"), (AdultHost, "blocked"));
        Assert.False(report.GetProperty("investigation").GetProperty("recording").GetBoolean());
        AssertTrafficRecords(await ReadReportAsync(b, OtherManager, "Case file of the held investigation"), captured, (HeldCaseHost, "allowed"), (HeldCaseHost, "allowed"));

        // Anyone else: the requester knows of it but is no reader (403), a manager elsewhere and a colleague may not
        // know of it (404); the reader without a purpose is refused (400). None of these is a read.
        await AssertReportRefusedAsync(a, Manager, "curious", HttpStatusCode.Forbidden);
        await AssertReportRefusedAsync(a, OtherManager, "curious", HttpStatusCode.NotFound);
        await AssertReportRefusedAsync(a, Colleague, "curious", HttpStatusCode.NotFound);
        await AssertReportRefusedAsync(a, SecurityOfficer, purpose: null, HttpStatusCode.BadRequest);
        var read = Assert.Single(await ReadLogAsync("investigation_report_read"), r => Subject(r) == Researcher);
        Assert.Equal((SecurityOfficer, purpose), (read.GetProperty("actor").GetString(), read.GetProperty("purpose").GetString()));
        Assert.Equal(3, Detail(read, "records").GetInt32());

        // 5. The municipal secretary puts B on legal hold.
        var held = await Proxy.PostAsync(Secretary, $"/api/investigations/{b}/legal-hold", new JsonObject { ["reason"] = "Court case 2026/114 about the leaked tender" });
        Assert.True(held.Status == HttpStatusCode.OK, held.ToString());
        Assert.True(held.Json.GetProperty("legalHold").GetProperty("inForce").GetBoolean(), held.ToString());

        // 6a. A minute before 183 days after capture, at the proxy's start (when the retention job runs): all still there.
        await RestartAtAsync(captured + Retention - TimeSpan.FromMinutes(1));
        Assert.Equal(3, RecordsOf(await ReadReportAsync(a, SecurityOfficer, "Checking the file before its deletion")).Length);
        Assert.Equal(2, RecordsOf(await ReadReportAsync(b, OtherManager, "Checking the held file")).Length);
        Assert.Empty(await ReadLogAsync("records_deleted"));

        // 6b. A minute after: A's records are gone, B's stay on hold; the deletion is recorded as a count, without data.
        await RestartAtAsync(captured + Retention + TimeSpan.FromMinutes(1));
        Assert.Empty(RecordsOf(await ReadReportAsync(a, SecurityOfficer, "Checking the deletion")));
        Assert.Equal(2, RecordsOf(await ReadReportAsync(b, OtherManager, "Checking the held file")).Length);
        var deletion = Assert.Single(await ReadLogAsync("records_deleted"));
        AssertDeletionRecord(deletion, count: 3);
        Assert.Equal(3, await Proxy.RetentionDeletedAsync("captured_requests"));

        // 6c. The secretary releases the hold; at the next start B's records go as well, and that deletion too is a
        //     governance record with its count.
        var released = await Proxy.PostAsync(Secretary, $"/api/investigations/{b}/legal-hold/release", new JsonObject { ["reason"] = "The court case is closed" });
        Assert.True(released.Status == HttpStatusCode.OK, released.ToString());
        Assert.False(released.Json.GetProperty("legalHold").GetProperty("inForce").GetBoolean(), released.ToString());
        await RestartAtAsync(_clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Empty(RecordsOf(await ReadReportAsync(b, OtherManager, "Checking the deletion")));
        var deletions = await ReadLogAsync("records_deleted");
        Assert.True(deletions.Length == 2, $"records_deleted records: [{string.Join(", ", deletions)}]");
        AssertDeletionRecord(deletions[1], count: 2);
        Assert.Equal(2, await Proxy.RetentionDeletedAsync("captured_requests"));

        // Article 6.1d: the hash chain over everything that happened verifies.
        var verification = await Proxy.GetAsync(ItPerson, "/api/log/verify");
        Assert.True(verification.Status == HttpStatusCode.OK, verification.ToString());
        Assert.True(verification.Json.GetProperty("isValid").GetBoolean(), verification.ToString());
        _output.WriteLine($"{verification.Json.GetProperty("count").GetInt64()} governance records; the scenario took {total.Elapsed.TotalSeconds:F1} s.");
    }

    private async Task StartProxyAsync()
    {
        _proxy = await InProcessProxy.StartAsync(_data.Path, _clock, AllHosts, settings =>
        {
            // The closed-investigation grace as long as the retention: the 183-day rule alone decides here.
            settings.Investigations.ClosedGraceDays = settings.Investigations.RetentionDays;
            Assert.Equal(183, settings.Investigations.RetentionDays);
        });
    }

    private async Task StopProxyAsync()
    {
        if (_proxy is { } proxy)
        {
            _proxy = null;
            await proxy.DisposeAsync();
        }
    }

    /// <summary>
    /// Stops the proxy, moves the clock to <paramref name="moment"/> while it is down (no timer of it is left to fire on the way), and
    /// starts it again on the same data folder: the retention job runs at every start.
    /// </summary>
    private async Task RestartAtAsync(DateTimeOffset moment)
    {
        await StopProxyAsync();
        _clock.SetUtcNow(moment);
        await StartProxyAsync();
    }

    /// <summary>POST /api/investigations as <paramref name="requester"/>, then approval by the municipal secretary; the id.</summary>
    private async Task<Guid> RequestAndApproveAsync(string requester, string subject, string reader)
    {
        var requested = await Proxy.PostAsync(requester, "/api/investigations", new JsonObject
        {
            ["subject"] = subject,
            ["purpose"] = "Suspected leaking of tender documents to a bidder, case 2026-031",
            ["legalGround"] = "Article 6.2 Privacyreglement",
            ["scope"] = "traffic",
            ["start"] = WindowStart.ToString("O", CultureInfo.InvariantCulture),
            ["end"] = WindowEnd.ToString("O", CultureInfo.InvariantCulture),
            ["readers"] = new JsonArray(reader),
        });
        Assert.True(requested.Status == HttpStatusCode.Created, $"request by {requester}: {requested}");
        var id = requested.Json.GetProperty("id").GetGuid();
        var approved = await Proxy.PostAsync(Secretary, $"/api/investigations/{id}/approve", new JsonObject { ["deferDisclosure"] = true });
        Assert.True(approved.Status == HttpStatusCode.OK, $"approval: {approved}");
        Assert.Equal("approved", approved.Json.GetProperty("state").GetString());
        return id;
    }

    /// <summary>A GET through the proxy as <paramref name="person"/> (null: anonymous), expecting <paramref name="status"/>.</summary>
    private async Task BrowseAsync(string? person, string host, string pathAndQuery, HttpStatusCode status = HttpStatusCode.OK)
    {
        var (answered, body) = await Proxy.BrowseAsync(person, $"http://{host}:{_origin.Port}{pathAndQuery}");
        Assert.True(answered == status, $"{person ?? "anonymous"} → {host}{pathAndQuery}: {(int)answered} {body}");
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal(OriginBody, body);
        }
    }

    /// <summary>The investigation as its reader sees it: whether it records now and, when <paramref name="ended"/>, that its recording ended.</summary>
    private async Task AssertRecordingAsync(Guid id, string reader, bool recording, bool ended = false)
    {
        var answer = await Proxy.GetAsync(reader, $"/api/investigations/{id}?purpose={Uri.EscapeDataString("Following the investigation")}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        var view = answer.Json;
        Assert.True(view.GetProperty("recording").GetBoolean() == recording, $"At {_clock.GetUtcNow():O}: {answer}");
        Assert.Equal("approved", view.GetProperty("state").GetString());
        Assert.Equal(WindowStart, view.GetProperty("captureStart").GetDateTimeOffset());
        Assert.Equal(WindowEnd, view.GetProperty("captureEnd").GetDateTimeOffset());
        if (ended)
        {
            Assert.True(view.GetProperty("captureEnd").GetDateTimeOffset() <= _clock.GetUtcNow(), answer.ToString());
        }
    }

    /// <summary>GET /api/investigations/{id}/report as <paramref name="reader"/> with <paramref name="purpose"/>, expecting 200.</summary>
    private async Task<JsonElement> ReadReportAsync(Guid id, string reader, string purpose)
    {
        var answer = await Proxy.GetAsync(reader, $"/api/investigations/{id}/report?purpose={Uri.EscapeDataString(purpose)}");
        Assert.True(answer.Status == HttpStatusCode.OK, $"report read by {reader}: {answer}");
        _output.WriteLine($"{_clock.GetUtcNow():O} {reader}: {answer.Text}");
        return answer.Json;
    }

    private async Task AssertReportRefusedAsync(Guid id, string caller, string? purpose, HttpStatusCode status)
    {
        var query = purpose is null ? string.Empty : $"?purpose={Uri.EscapeDataString(purpose)}";
        var answer = await Proxy.GetAsync(caller, $"/api/investigations/{id}/report{query}");
        Assert.True(answer.Status == status, $"{caller}: expected {(int)status}, got {answer}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.DoesNotContain(InWindowHost, answer.Text, StringComparison.Ordinal);
    }

    private static JsonElement[] RecordsOf(JsonElement report) => [.. report.GetProperty("records").EnumerateArray()];

    /// <summary>
    /// The report holds exactly <paramref name="expected"/> (host, decision), in that order, each captured at
    /// <paramref name="at"/>, with bytes for what was forwarded and no URL: traffic scope (article 6.3).
    /// </summary>
    private static void AssertTrafficRecords(JsonElement report, DateTimeOffset at, params (string Host, string Decision)[] expected)
    {
        var records = RecordsOf(report);
        Assert.Equal(expected, records.Select(r => (r.GetProperty("host").GetString()!, r.GetProperty("decision").GetString()!)).ToArray());
        Assert.All(records, r =>
        {
            Assert.Equal(at, r.GetProperty("capturedAt").GetDateTimeOffset());
            Assert.False(r.TryGetProperty("url", out _), $"A traffic-scope record holds a URL: {r}");
            var forwarded = r.GetProperty("decision").GetString() == "allowed";
            Assert.Equal(forwarded ? OriginBody.Length : 0, r.GetProperty("bytesToClient").GetInt64());
            Assert.Equal(0, r.GetProperty("bytesToOrigin").GetInt64());
        });
        var text = report.GetRawText();
        Assert.DoesNotContain("/hello", text, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseQuery, text, StringComparison.Ordinal);
        Assert.DoesNotContain(OriginBody, text, StringComparison.Ordinal);
        foreach (var host in new[] { BeforeWindowHost, AfterWindowHost, ColleagueHost, AnonymousHost })
        {
            Assert.DoesNotContain(host, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A retention deletion: by the system, about nobody, with the count, the cut-off and the retention, and not one
    /// host or person (article 7.1: the deletion is logged without the data).
    /// </summary>
    private void AssertDeletionRecord(JsonElement record, int count)
    {
        Assert.Equal("system", record.GetProperty("actor").GetString());
        Assert.Null(Subject(record));
        Assert.Equal(count, Detail(record, "count").GetInt32());
        Assert.Equal(183, Detail(record, "retentionDays").GetDouble());
        Assert.True(Detail(record, "cutoff").GetDateTimeOffset() <= _clock.GetUtcNow() - Retention, record.ToString());
        var details = record.GetProperty("details").GetString()!;
        foreach (var word in AllHosts.Append(Researcher).Append(OtherEmployee))
        {
            Assert.DoesNotContain(word, details, StringComparison.Ordinal);
        }
    }

    /// <summary>The governance records of one action since the opening, read by the privacy officer (a read that is itself recorded).</summary>
    private async Task<JsonElement[]> ReadLogAsync(string action)
    {
        var from = AdminAnswer.Time(Opening.AddDays(-1));
        var to = AdminAnswer.Time(_clock.GetUtcNow().AddDays(1));
        var answer = await Proxy.GetAsync(PrivacyOfficer, $"/api/log?from={from}&to={to}&purpose={Uri.EscapeDataString("Supervising investigation 2026-031")}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return [.. answer.Json.EnumerateArray().Where(r => r.GetProperty("action").GetString() == action)];
    }

    private static string? Subject(JsonElement record) =>
        record.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String ? subject.GetString() : null;

    private static JsonElement Detail(JsonElement record, string name)
    {
        using var details = JsonDocument.Parse(record.GetProperty("details").GetString()!);
        Assert.True(details.RootElement.TryGetProperty(name, out var value), $"No '{name}' in {record}");
        return value.Clone();
    }
}
