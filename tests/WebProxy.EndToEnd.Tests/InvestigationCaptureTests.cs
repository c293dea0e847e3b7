using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Storage;
using WebProxy.Testing;
using static WebProxy.EndToEnd.Tests.Support.ExemptionScenario;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// Issue 6's proof with the real <c>webproxy</c> process and the real clock: a manager requests a traffic-scope
/// investigation of r.bakker for a five-second window, the municipal secretary approves it through the admin API, and
/// curl — as r.bakker and as his colleague e.visser, before, during and after the window — shows that the proxy records
/// only his requests, only inside the window, and only hosts (no URLs, no bodies). The named reader reads the report
/// with a purpose that lands in the governance log; anyone else is refused; the log's hash chain verifies.
/// </summary>
public sealed class InvestigationCaptureTests : IAsyncLifetime
{
    private const string Reader = SecurityOfficer;
    private const string BeforeHost = "before-window.invalid";
    private const string InsideHost = "in-window.invalid";
    private const string AfterHost = "after-window.invalid";
    private const string ColleagueHost = "colleague-site.invalid";

    /// <summary>How far inside the window the checks start, and past it they end, so a curl on its edge cannot count.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);

    private readonly ITestOutputHelper _output;
    private ExemptionScenario _scenario = null!;
    private InvestigationAdmin _admin = null!;

    public InvestigationCaptureTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _scenario = await ExemptionScenario.StartAsync(config =>
        {
            var hosts = (JsonObject)config["Proxy"]!["Hosts"]!;
            foreach (var host in new[] { BeforeHost, InsideHost, AfterHost, ColleagueHost })
            {
                hosts[host] = "127.0.0.1";
            }
        });
        _admin = InvestigationAdmin.Connect(_scenario.Proxy);
    }

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [Fact]
    public async Task Only_the_subjects_requests_inside_the_approved_window_are_recorded_and_only_the_named_reader_reads_them()
    {
        var s = _scenario;
        var total = Stopwatch.StartNew();
        await s.WarmUpAsync(Researcher);
        await s.WarmUpAsync(Colleague);
        var start = DateTimeOffset.UtcNow.AddSeconds(3);
        var end = start.AddSeconds(5);
        var requested = await _admin.PostAsync(Manager, "/api/investigations", new JsonObject
        {
            ["subject"] = Researcher,
            ["purpose"] = "Suspected leaking of tender documents to a bidder, case 2026-031",
            ["legalGround"] = "Article 6.2 Privacyreglement",
            ["scope"] = "traffic",
            ["start"] = start.ToString("O", CultureInfo.InvariantCulture),
            ["end"] = end.ToString("O", CultureInfo.InvariantCulture),
            ["readers"] = new JsonArray(Reader),
        });
        Assert.True(requested.Status == HttpStatusCode.Created, $"{requested.Status}: {requested.Body}");
        var id = JsonNode.Parse(requested.Body)!["id"]!.GetValue<Guid>();
        var approved = await _admin.PostAsync(Secretary, $"/api/investigations/{id}/approve", new JsonObject { ["deferDisclosure"] = true });
        Assert.True(approved.Status == HttpStatusCode.OK, $"{approved.Status}: {approved.Body}");

        // Before the window: approved, but nothing of his is recorded yet.
        var before = await Task.WhenAll(
            s.CurlAsync(Researcher, s.PlainUrl(BeforeHost, "/hello")),
            s.CurlAsync(Colleague, s.PlainUrl(BeforeHost, "/hello")));
        Assert.True(DateTimeOffset.UtcNow < start, "The checks before the window took until its start; the machine is too slow for this window.");
        Assert.All(before, AssertReachedOrigin);

        // Inside the window: his requests, plain and over HTTPS, and hers to the same site and to another.
        await DelayUntilAsync(start + Margin);
        var inside = await Task.WhenAll(
            s.CurlAsync(Researcher, s.PlainUrl(InsideHost, "/hello?case=2026-031")),
            s.CurlAsync(Researcher, s.PlainUrl(InsideHost, "/hello")),
            s.CurlAsync(Researcher, s.TlsUrl(NeutralHost, "/hello")),
            s.CurlAsync(Colleague, s.PlainUrl(InsideHost, "/hello")),
            s.CurlAsync(Colleague, s.PlainUrl(InsideHost, "/hello")),
            s.CurlAsync(Colleague, s.PlainUrl(ColleagueHost, "/hello")));
        Assert.True(DateTimeOffset.UtcNow < end - Margin, "The checks inside the window took until its end; the machine is too slow for this window.");
        Assert.All(inside, AssertReachedOrigin);

        // After the window: it stopped by itself.
        await DelayUntilAsync(end + Margin);
        var after = await Task.WhenAll(
            s.CurlAsync(Researcher, s.PlainUrl(AfterHost, "/hello")),
            s.CurlAsync(Colleague, s.PlainUrl(AfterHost, "/hello")));
        Assert.All(after, AssertReachedOrigin);

        const string purpose = "Preparing the hearing with the subject, case 2026-031";
        var report = await _admin.GetAsync(Reader, $"/api/investigations/{id}/report?purpose={Uri.EscapeDataString(purpose)}");
        Assert.True(report.Status == HttpStatusCode.OK, $"{report.Status}: {report.Body}");
        _output.WriteLine(report.Body);
        using var json = JsonDocument.Parse(report.Body);
        Assert.False(json.RootElement.GetProperty("investigation").GetProperty("recording").GetBoolean());
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToArray();
        var hosts = records.Select(r => r.GetProperty("host").GetString()).ToArray();
        Assert.Equal(2, hosts.Count(h => h == InsideHost));
        Assert.Contains(NeutralHost, hosts);
        Assert.All(hosts, h => Assert.True(h is InsideHost or NeutralHost, $"{h} was recorded: {report.Body}"));
        Assert.All(records, r =>
        {
            var at = r.GetProperty("capturedAt").GetDateTimeOffset();
            Assert.True(start <= at && at < end, $"A request at {at:O} was recorded, outside {start:O} .. {end:O}.");
            Assert.False(r.TryGetProperty("url", out _), $"A traffic-scope record holds a URL: {r}");
            Assert.Equal("allowed", r.GetProperty("decision").GetString());
        });
        Assert.DoesNotContain("/hello", report.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("case=2026-031", report.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(OriginBody, report.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ColleagueHost, report.Body, StringComparison.Ordinal);

        // The requester, the approver and the privacy officer know of it but are not named readers; a colleague of
        // the subject does not even learn it exists.
        foreach (var (caller, status) in new[] { (Manager, HttpStatusCode.Forbidden), (Secretary, HttpStatusCode.Forbidden), (PrivacyOfficer, HttpStatusCode.Forbidden), (OtherManager, HttpStatusCode.NotFound), (Colleague, HttpStatusCode.NotFound) })
        {
            var refused = await _admin.GetAsync(caller, $"/api/investigations/{id}/report?purpose=curious");
            Assert.True(refused.Status == status, $"{caller}: {refused.Status} {refused.Body}");
            Assert.Equal("application/problem+json", refused.MediaType);
        }

        var log = s.ReadGovernanceLog();
        var read = Assert.Single(log, r => r.Action == GovernanceAction.InvestigationReportRead);
        Assert.Equal((Reader, Researcher, purpose), (read.Actor, read.Subject, read.Purpose));
        Assert.Single(log, r => r.Action == GovernanceAction.InvestigationRequested && r.Actor == Manager && r.Subject == Researcher);
        Assert.Single(log, r => r.Action == GovernanceAction.InvestigationApproved && r.Actor == Secretary && r.Subject == Researcher);
        var verify = await WebProxyExecutable.RunAsync(["log", "verify", "--data", s.DataDirectory], s.Proxy.WorkDirectory);
        Assert.True(verify.ExitCode == 0, verify.Describe());
        _output.WriteLine($"The test took {total.Elapsed.TotalSeconds:F1} s after the proxy started.");
    }

    private static async Task DelayUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
