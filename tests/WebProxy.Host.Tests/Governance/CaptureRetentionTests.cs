using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using WebProxy.Host.Configuration;
using WebProxy.Host.Governance;
using WebProxy.Proxy.Telemetry;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Governance;

/// <summary>
/// Issue 6, articles 7.1 and 7.2, with a fake clock: requests captured under an investigation are deleted 183 days
/// after capture unless the investigation is on legal hold; the deletion is a governance record (a count, not the
/// data); and when <c>investigations.db</c> is copied back from a backup, the recorded deletions are applied again
/// before anything can be read.
/// </summary>
public sealed class CaptureRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly WebProxySettings _settings;

    public CaptureRetentionTests()
    {
        _settings = new WebProxySettings { DataDirectory = Path.Combine(_temp.Path, "data") };
        TestOrganisation.WriteTo(_settings.DataDirectory);
    }

    private string CapturesPath => Path.Combine(_settings.DataDirectory, CaptureStore.FileName);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Records_go_after_183_days_and_a_restored_backup_cannot_bring_them_back()
    {
        // The grace period of closed investigations as long as the retention, so this is the 183-day rule alone.
        _settings.Investigations.ClosedGraceDays = 183;
        var investigation = ApprovedWithOneCapture();

        var backup = Path.Combine(_temp.Path, "investigations.backup.db");
        File.Copy(CapturesPath, backup);

        _clock.Advance(TimeSpan.FromDays(183) + TimeSpan.FromMinutes(1));
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            runtime.StartTimers(NullLogger.Instance);
            Assert.Equal(0, runtime.Captures.Count(investigation));
            var deletion = Assert.Single(Records(runtime, GovernanceAction.RecordsDeleted));
            Assert.Contains("\"count\":1", deletion.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("intranet", deletion.Details, StringComparison.Ordinal);
        }

        // An operator restores yesterday's backup of the captured requests.
        File.Copy(backup, CapturesPath, overwrite: true);
        foreach (var journal in Directory.GetFiles(_settings.DataDirectory, CaptureStore.FileName + "-*"))
        {
            File.Delete(journal);
        }

        Assert.Equal(1L, CountRows(CapturesPath));
        using (var restored = GovernanceRuntime.Open(_settings, _clock))
        {
            // Opening re-applies the deletion before the runtime can serve anything.
            Assert.Equal(0, restored.Captures.Count(investigation));
            var read = restored.Investigations.ReadReport(Actor.Api(TestOrganisation.SecurityOfficer), investigation, "audit after restore");
            Assert.True(read.Succeeded, read.Problem?.ToString());
            Assert.Empty(read.Value.Records);
        }
    }

    [Fact]
    public void A_legal_hold_keeps_the_records_past_183_days_until_it_is_released()
    {
        var investigation = ApprovedWithOneCapture();
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            Assert.True(runtime.Investigations.SetLegalHold(Actor.Api(TestOrganisation.Secretary), investigation, "court case 2026/114").Succeeded);
        }

        // Each start applies the retention (the server's timer does the same every hour).
        _clock.Advance(TimeSpan.FromDays(200));
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            runtime.StartTimers(NullLogger.Instance);
            Assert.Equal(1, runtime.Captures.Count(investigation));
            Assert.True(runtime.Investigations.ReleaseLegalHold(Actor.Api(TestOrganisation.Secretary), investigation, "case closed").Succeeded);
        }

        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            runtime.StartTimers(NullLogger.Instance);
            Assert.Equal(0, runtime.Captures.Count(investigation));
        }
    }

    [Fact]
    public void A_closed_investigations_records_go_after_its_grace_period_and_stay_gone_after_a_restore()
    {
        var investigation = ApprovedWithOneCapture();

        var backup = Path.Combine(_temp.Path, "investigations.backup.db");
        File.Copy(CapturesPath, backup);

        // Recording ended after 7 days; 30 days of grace later the records go, long before 183 days.
        _clock.Advance(TimeSpan.FromDays(7 + 30) - TimeSpan.FromMinutes(1));
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            runtime.StartTimers(NullLogger.Instance);
            Assert.Equal(1, runtime.Captures.Count(investigation));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            runtime.StartTimers(NullLogger.Instance);
            Assert.Equal(0, runtime.Captures.Count(investigation));
            Assert.Contains(Records(runtime, GovernanceAction.RecordsDeleted), r => r.Details.Contains("investigation-closed", StringComparison.Ordinal));
        }

        File.Copy(backup, CapturesPath, overwrite: true);
        using var restored = GovernanceRuntime.Open(_settings, _clock);
        Assert.Equal(0, restored.Captures.Count(investigation));
    }

    [Fact]
    public void An_erasure_on_a_persons_request_stays_applied_after_a_restored_backup()
    {
        var investigation = ApprovedWithOneCapture();

        var backup = Path.Combine(_temp.Path, "investigations.backup.db");
        File.Copy(CapturesPath, backup);

        // A week later the investigation has ended; the subject asks for deletion and the privacy officer erases.
        _clock.Advance(TimeSpan.FromDays(8));
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            var filed = runtime.RightsRequests.File(Actor.Api(TestOrganisation.Researcher), new RightsRequestFiling("delete", "Delete what was recorded about me"));
            var answered = runtime.RightsRequests.Answer(Actor.Api(TestOrganisation.PrivacyOfficer), filed.Value!.Id,
                new RightsRequestAnswer("granted", "Erased the records of the closed investigation", EraseCapturedRequests: true));
            Assert.True(answered.Succeeded, answered.Problem?.ToString());
            Assert.Equal(0, runtime.Captures.Count(investigation));
        }

        File.Copy(backup, CapturesPath, overwrite: true);
        Assert.Equal(1L, CountRows(CapturesPath));
        using var restored = GovernanceRuntime.Open(_settings, _clock);
        Assert.Equal(0, restored.Captures.Count(investigation));
    }

    [Fact]
    public void Re_applying_after_a_restore_keeps_to_the_holds_of_each_recorded_deletion()
    {
        _settings.Investigations.ClosedGraceDays = 183;
        Guid released;
        Guid heldLater;
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            released = Approve(runtime);
            heldLater = Approve(runtime, TestOrganisation.Colleague);
            Capture(runtime, "intranet.example.nl");
            Capture(runtime, "news.example.nl", TestOrganisation.Colleague);
            runtime.Captures.Flush();
            Assert.True(runtime.Investigations.SetLegalHold(Actor.Api(TestOrganisation.Secretary), released, "court case 2026/114").Succeeded);
        }

        var backup = Path.Combine(_temp.Path, "investigations.backup.db");
        File.Copy(CapturesPath, backup);

        // Past 183 days: one run deletes the unheld investigation's record and keeps the held one.
        _clock.Advance(TimeSpan.FromDays(183) + TimeSpan.FromMinutes(1));
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            runtime.StartTimers(NullLogger.Instance);
            Assert.Equal((1L, 0L), (runtime.Captures.Count(released), runtime.Captures.Count(heldLater)));

            // The hold is released, and a hold is set on the investigation whose records went already.
            Assert.True(runtime.Investigations.ReleaseLegalHold(Actor.Api(TestOrganisation.Secretary), released, "case closed").Succeeded);
            Assert.True(runtime.Investigations.SetLegalHold(Actor.Api(TestOrganisation.Secretary), heldLater, "appeal 2026/115").Succeeded);
        }

        // The next start deletes the released investigation's record with a record of its own, not silently.
        _clock.Advance(TimeSpan.FromMinutes(1));
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            runtime.StartTimers(NullLogger.Instance);
            Assert.Equal(0, runtime.Captures.Count(released));
            Assert.Equal(2, Records(runtime, GovernanceAction.RecordsDeleted).Count(r => r.Details.Contains("\"count\":1", StringComparison.Ordinal)));
        }

        // A backup from before both runs comes back: both records go again, the later hold notwithstanding (7.2).
        File.Copy(backup, CapturesPath, overwrite: true);
        using var restored = GovernanceRuntime.Open(_settings, _clock);
        Assert.Equal((0L, 0L), (restored.Captures.Count(released), restored.Captures.Count(heldLater)));
        Assert.Contains(Records(restored, GovernanceAction.RecordsDeleted), r => r.Details.Contains("reapplied-after-restore", StringComparison.Ordinal)
            && r.Details.Contains("\"count\":2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_a_granted_answer_named_but_a_stop_left_undone_is_placed_at_the_next_start()
    {
        var investigation = ApprovedWithOneCapture();
        var request = Guid.NewGuid();
        DateTimeOffset answeredAt;
        using (var runtime = GovernanceRuntime.Open(_settings, _clock))
        {
            // The answer is on record (it is written first); the process stopped before the block was placed.
            var details = $$"""{"request":"{{request}}","kind":"block","outcome":"granted","blockedInvestigations":["{{investigation}}"],"via":"page"}""";
            answeredAt = runtime.State.Log.Append(new GovernanceEntry(TestOrganisation.PrivacyOfficer, GovernanceAction.RightsRequestAnswered, TestOrganisation.Researcher, details)).RecordedAt;
            Assert.Null(runtime.State.Investigations.Find(investigation)!.Block);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        using var restarted = GovernanceRuntime.Open(_settings, _clock);

        Assert.Equal(new Policy.Investigations.RecordsBlock(request, TestOrganisation.PrivacyOfficer, answeredAt), restarted.State.Investigations.Find(investigation)!.Block);
        Assert.Single(Records(restarted, GovernanceAction.RecordsBlocked));
        Assert.Equal(1, restarted.Captures.Count(investigation));
    }

    /// <summary>An approved investigation of the researcher with one request captured now, the runtime closed again.</summary>
    private Guid ApprovedWithOneCapture()
    {
        using var runtime = GovernanceRuntime.Open(_settings, _clock);
        var investigation = Approve(runtime);
        Capture(runtime, "intranet.example.nl");
        runtime.Captures.Flush();
        return investigation;
    }

    private Guid Approve(GovernanceRuntime runtime, string subject = TestOrganisation.Researcher)
    {
        var requested = runtime.Investigations.Request(Actor.Api(TestOrganisation.Manager), new InvestigationRequest(
            subject, "Report of misuse 2026-03", "Article 6.2 of the regulation", "traffic", null,
            _clock.GetUtcNow().AddDays(7), [TestOrganisation.SecurityOfficer]));
        Assert.True(requested.Succeeded, requested.Problem?.ToString());
        var approved = runtime.Investigations.Approve(Actor.Api(TestOrganisation.Secretary), requested.Value.Id, new InvestigationApprovalRequest());
        Assert.True(approved.Succeeded, approved.Problem?.ToString());
        return approved.Value.Id;
    }

    private void Capture(GovernanceRuntime runtime, string host, string subject = TestOrganisation.Researcher)
    {
        var capture = new InvestigationCapture(runtime.State, runtime.Captures, _clock);
        capture.Capture(new TrafficEvent(host, 1024, 0, TrafficDecision.Allowed, null), subject, $"http://{host}/");
    }

    private IReadOnlyList<GovernanceRecord> Records(GovernanceRuntime runtime, GovernanceAction action) =>
        [.. runtime.State.Log.Read(Start.AddDays(-1), _clock.GetUtcNow().AddDays(1)).Where(r => r.Action == action)];

    private static long CountRows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM captured_requests";
        return (long)command.ExecuteScalar()!;
    }
}
