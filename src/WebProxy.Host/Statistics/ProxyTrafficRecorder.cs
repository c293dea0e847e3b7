using System.Net;
using WebProxy.Proxy.Telemetry;
using WebProxy.Statistics.Counting;

namespace WebProxy.Host.Statistics;

/// <summary>
/// The proxy's <see cref="ITrafficRecorder"/> on the statistics recorder: the request's host becomes its site, and the
/// person (or else the address) is counted once per connection, site and day in the site's sketch, as a keyed hash.
/// </summary>
internal sealed class ProxyTrafficRecorder : ITrafficRecorder
{
    private readonly StatisticsRecorder _recorder;
    private readonly TimeProvider _timeProvider;

    public ProxyTrafficRecorder(StatisticsRecorder recorder, TimeProvider timeProvider)
    {
        _recorder = recorder;
        _timeProvider = timeProvider;
    }

    public bool IsEnabled => true;

    public void Record(in TrafficEvent traffic, ClientSlot client, string? personId)
    {
        var site = _recorder.SiteOf(traffic.Host);
        _recorder.Count(site, traffic.BytesToClient, traffic.BytesToOrigin, Name(traffic.Decision), traffic.Rule);

        object? who = personId ?? (object?)client.Address;
        if (who is null)
        {
            return;
        }

        // The same client, site and day as last time on this connection: already in the sketch.
        if (Equals(who, client.CountedFor) && string.Equals(site, client.CountedSite, StringComparison.Ordinal) && _timeProvider.GetUtcNow().UtcTicks < client.CountedUntilTicks)
        {
            return;
        }

        long until;
        if (personId is not null)
        {
            until = _recorder.CountVisitor(site, personId);
        }
        else
        {
            Span<char> text = stackalloc char[64];
            until = client.Address!.TryFormat(text, out var written)
                ? _recorder.CountVisitor(site, text[..written])
                : _recorder.CountVisitor(site, client.Address.ToString());
        }

        client.CountedFor = who;
        client.CountedSite = site;
        client.CountedUntilTicks = until;
    }

    /// <summary>The stored name of a decision, for the statistics and the investigations' records alike.</summary>
    internal static string Name(TrafficDecision decision) => decision switch
    {
        TrafficDecision.Blocked => Decisions.Blocked,
        TrafficDecision.Exempted => Decisions.Exempted,
        _ => Decisions.Allowed,
    };
}
