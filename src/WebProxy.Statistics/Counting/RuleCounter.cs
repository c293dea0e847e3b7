namespace WebProxy.Statistics.Counting;

/// <summary>Requests of one rule, decision and hour while they are in memory.</summary>
internal sealed class RuleCounter
{
    private long _requests;

    public long Requests => Volatile.Read(ref _requests);

    public void Add() => Interlocked.Increment(ref _requests);
}
