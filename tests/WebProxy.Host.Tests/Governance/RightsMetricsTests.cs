using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using WebProxy.Host.Governance;
using WebProxy.Policy.Exemptions;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Governance;

/// <summary>
/// Article 8 for IT: <c>webproxy.rights_requests.overdue</c> counts the rights requests unanswered from their due date
/// on, from the service at the clock's now on each collection.
/// </summary>
public sealed class RightsMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly GovernanceServices _governance;
    private readonly ServiceProvider _metrics;
    private readonly MeterListener _listener = new();
    private readonly List<int> _observed = [];

    public RightsMetricsTests()
    {
        _governance = GovernanceServices.Open(_temp.Path, new DirectoryFile(TestOrganisation.WriteTo(_temp.Path)), ExemptionSettings.Default, _clock);
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == GovernanceMeter.Name && instrument.Name == RightsMetrics.OverdueGauge)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _observed.Add(value));
        _listener.Start();
        _ = new RightsMetrics(factory, _governance.RightsRequests, _clock);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _governance.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void The_gauge_counts_unanswered_requests_from_their_due_date_on()
    {
        Assert.Equal(0, Observe());
        var first = File(TestOrganisation.Researcher);
        _clock.Advance(TimeSpan.FromDays(2));
        File(TestOrganisation.Colleague);

        _clock.SetUtcNow(first.DueAt.AddTicks(-1));
        Assert.Equal(0, Observe());

        _clock.SetUtcNow(first.DueAt);
        Assert.Equal(1, Observe());

        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, Observe());
        Assert.Equal(_governance.RightsRequests.CountOverdue(_clock.GetUtcNow()), Observe());

        Assert.True(_governance.RightsRequests.Answer(Actor.Api(TestOrganisation.PrivacyOfficer), first.Id, new RightsRequestAnswer("granted", "Corrected the department")).Succeeded);
        Assert.Equal(1, Observe());
    }

    private Storage.RightsRequest File(string person)
    {
        var filed = _governance.RightsRequests.File(Actor.Api(person), new RightsRequestFiling("correct", "My department is wrong"));
        Assert.True(filed.Succeeded, filed.Problem?.ToString());
        return filed.Value;
    }

    private int Observe()
    {
        _observed.Clear();
        _listener.RecordObservableInstruments();
        return Assert.Single(_observed);
    }
}
