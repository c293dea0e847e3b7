using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Governance;
using WebProxy.Host.Configuration;
using WebProxy.Host.Governance;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Governance;

/// <summary>
/// Issue 6, article 7.1, with a fake clock: an exemption — who may visit which blocked categories, and why — is
/// deleted <c>Identity.ExemptionRetentionDays</c> (183) after it ended, by running out or by revocation, not before;
/// the deletion is one <c>records_deleted</c> governance record with a count (never who), the grant's own governance
/// records stay, and <c>webproxy_retention_deleted_records_total{class}</c> counts it.
/// </summary>
public sealed class ExemptionRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly WebProxySettings _settings;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _deleted = new(StringComparer.Ordinal);

    public ExemptionRetentionTests()
    {
        _settings = new WebProxySettings { DataDirectory = Path.Combine(_temp.Path, "data") };
        TestOrganisation.WriteTo(_settings.DataDirectory);
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == RetentionMetrics.DeletedCounter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var retentionClass = (string)tags[0].Value!;
            _deleted[retentionClass] = _deleted.GetValueOrDefault(retentionClass) + value;
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void An_exemption_goes_183_days_after_it_ran_out_and_its_governance_records_stay()
    {
        Guid expired;
        using (var runtime = Open())
        {
            expired = Grant(runtime, days: 10).Id;
        }

        // Ten days to its end, 183 days of retention after that, less a minute: it is kept, its expiry recorded.
        _clock.Advance(TimeSpan.FromDays(10 + 183) - TimeSpan.FromMinutes(1));
        using (var runtime = Open())
        {
            Assert.Contains(runtime.State.Exemptions.All, e => e.Id == expired && e.ExpiryRecorded);
            Assert.Empty(Records(runtime, GovernanceAction.RecordsDeleted));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        using (var runtime = Open())
        {
            Assert.DoesNotContain(runtime.State.Exemptions.All, e => e.Id == expired);
            var listed = runtime.Exemptions.List(Actor.Api(TestOrganisation.Manager), new ExemptionQuery(Subject: TestOrganisation.Researcher), "retention check");
            Assert.True(listed.Succeeded, listed.Problem?.ToString());
            Assert.Empty(listed.Value);

            var deletion = Assert.Single(Records(runtime, GovernanceAction.RecordsDeleted));
            Assert.Contains("\"kind\":\"exemptions-ended\"", deletion.Details, StringComparison.Ordinal);
            Assert.Contains("\"count\":1", deletion.Details, StringComparison.Ordinal);
            Assert.Null(deletion.Subject);
            Assert.DoesNotContain(TestOrganisation.Researcher, deletion.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("Fraud case", deletion.Details, StringComparison.Ordinal);

            // The evidence of who granted what stays in the log (article 6.1d); only the exemption itself went.
            Assert.Single(Records(runtime, GovernanceAction.ExemptionGranted));
            Assert.Single(Records(runtime, GovernanceAction.ExemptionExpired));
            Assert.True(runtime.State.Log.Verify().IsValid);
        }

        Assert.Equal(1, _deleted["exemptions"]);
        Assert.Equal(0, _deleted["captured_requests"]);
    }

    [Fact]
    public void A_revoked_exemption_goes_183_days_after_its_revocation_while_a_running_one_stays()
    {
        Guid revoked;
        Guid running;
        using (var runtime = Open())
        {
            revoked = Grant(runtime, days: 90).Id;
            Assert.True(runtime.Exemptions.Revoke(Actor.Api(TestOrganisation.Manager), revoked, "investigation closed").Succeeded);
            running = Grant(runtime, days: 90).Id;
        }

        // 183 days after the revocation: long past the revoked one's retention, but the other ended only 93 days ago.
        _clock.Advance(TimeSpan.FromDays(183));
        using (var runtime = Open())
        {
            Assert.DoesNotContain(runtime.State.Exemptions.All, e => e.Id == revoked);
            Assert.Contains(runtime.State.Exemptions.All, e => e.Id == running);
        }

        Assert.Equal(1, _deleted["exemptions"]);
    }

    [Fact]
    public void A_shorter_configured_retention_deletes_sooner()
    {
        _settings.Identity.ExemptionRetentionDays = 30;
        Guid exemption;
        using (var runtime = Open())
        {
            exemption = Grant(runtime, days: 5).Id;
        }

        _clock.Advance(TimeSpan.FromDays(5 + 30));
        using var reopened = Open();
        Assert.DoesNotContain(reopened.State.Exemptions.All, e => e.Id == exemption);
        Assert.Contains("\"retentionDays\":30", Assert.Single(Records(reopened, GovernanceAction.RecordsDeleted)).Details, StringComparison.Ordinal);
    }

    /// <summary>Opens the runtime as the server does at start, which records expiries and applies the retention.</summary>
    private GovernanceRuntime Open()
    {
        var runtime = GovernanceRuntime.Open(_settings, _clock);
        runtime.StartTimers(NullLogger.Instance, new RetentionMetrics(_metrics.GetRequiredService<IMeterFactory>()));
        return runtime;
    }

    private Policy.Exemptions.Exemption Grant(GovernanceRuntime runtime, int days)
    {
        var now = _clock.GetUtcNow();
        var granted = runtime.Exemptions.GrantResearch(Actor.Api(TestOrganisation.Manager), new ResearchGrantRequest(
            TestOrganisation.Researcher, ["gambling"], now, now.AddDays(days), "Fraud case 2026-04"));
        Assert.True(granted.Succeeded, granted.Problem?.ToString());
        return granted.Value;
    }

    private IReadOnlyList<GovernanceRecord> Records(GovernanceRuntime runtime, GovernanceAction action) =>
        [.. runtime.State.Log.Read(Start.AddDays(-1), _clock.GetUtcNow().AddDays(1)).Where(r => r.Action == action)];
}
