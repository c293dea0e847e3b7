namespace WebProxy.Statistics.Counting;

/// <summary>The counts of one site, hour and rule while they are in memory; added to with interlocked operations.</summary>
internal sealed class SiteCounter
{
    private long _requests;
    private long _bytesToClient;
    private long _bytesToOrigin;
    private long _blocked;

    public void Add(long bytesToClient, long bytesToOrigin, bool blocked)
    {
        Interlocked.Increment(ref _requests);
        if (bytesToClient != 0)
        {
            Interlocked.Add(ref _bytesToClient, bytesToClient);
        }

        if (bytesToOrigin != 0)
        {
            Interlocked.Add(ref _bytesToOrigin, bytesToOrigin);
        }

        if (blocked)
        {
            Interlocked.Increment(ref _blocked);
        }
    }

    public SiteHourCounts ToCounts(DateTimeOffset hour, string site, string rule) =>
        new(hour, site, rule, Volatile.Read(ref _requests), Volatile.Read(ref _bytesToClient), Volatile.Read(ref _bytesToOrigin), Volatile.Read(ref _blocked));
}
