using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Governance;
using WebProxy.Host.Configuration;
using WebProxy.Host.Governance;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Governance;

/// <summary>
/// The server records an exemption's expiry by itself, on a timer set to its end (issue 4), with a fake clock: no
/// record a moment before the end, one record at the end, none twice; and one that ended while the server was down
/// is recorded at the next start.
/// </summary>
public sealed class ExpiryTimerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly WebProxySettings _settings;

    public ExpiryTimerTests()
    {
        _settings = new WebProxySettings { DataDirectory = Path.Combine(_temp.Path, "data") };
        TestOrganisation.WriteTo(_settings.DataDirectory);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_expiry_is_recorded_when_the_exemption_ends_and_only_once()
    {
        using var runtime = GovernanceRuntime.Open(_settings, _clock);
        runtime.StartTimers(NullLogger.Instance);
        // Minutes, not hours: the server's poll for other processes' changes also runs on this clock.
        Grant(runtime, TimeSpan.FromMinutes(2));

        _clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Empty(Expiries(runtime));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(Expiries(runtime));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(Expiries(runtime));
        Assert.True(runtime.State.Log.Verify().IsValid);
    }

    [Fact]
    public void An_exemption_that_ended_while_the_server_was_down_is_recorded_at_the_next_start()
    {
        using (var first = GovernanceRuntime.Open(_settings, _clock))
        {
            Grant(first, TimeSpan.FromHours(1));
        }

        _clock.Advance(TimeSpan.FromHours(3));
        using var second = GovernanceRuntime.Open(_settings, _clock);
        Assert.Empty(Expiries(second));

        second.StartTimers(NullLogger.Instance);

        Assert.Single(Expiries(second));
    }

    [Fact]
    public void A_90_day_exemption_is_granted_while_the_server_runs()
    {
        // 90 days is past the longest wait a timer takes (2^32-2 ms, ~49.7 days); the grant must not fail on it.
        using var runtime = GovernanceRuntime.Open(_settings, _clock);
        runtime.StartTimers(NullLogger.Instance);

        Grant(runtime, TimeSpan.FromDays(90));

        Assert.Single(runtime.State.Exemptions.All);
    }

    private void Grant(GovernanceRuntime runtime, TimeSpan period)
    {
        var granted = runtime.Exemptions.GrantResearch(Actor.Api(TestOrganisation.Manager),
            new ResearchGrantRequest(TestOrganisation.Researcher, ["gambling"], null, _clock.GetUtcNow() + period, "Investigation 2026-09"));
        Assert.True(granted.Succeeded, granted.Problem?.ToString());
    }

    private IReadOnlyList<GovernanceRecord> Expiries(GovernanceRuntime runtime) =>
        [.. runtime.State.Log.Read(Start.AddDays(-1), Start.AddDays(30)).Where(r => r.Action == GovernanceAction.ExemptionExpired)];
}
