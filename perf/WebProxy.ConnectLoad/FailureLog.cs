using System.Collections.Concurrent;

namespace WebProxy.ConnectLoad;

/// <summary>Distinct failure messages with their counts, for the summary on standard error.</summary>
internal sealed class FailureLog
{
    private const int MaxDistinct = 20;

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string message)
    {
        if (_counts.Count < MaxDistinct || _counts.ContainsKey(message))
        {
            _counts.AddOrUpdate(message, 1, (_, count) => count + 1);
        }
    }

    public IEnumerable<KeyValuePair<string, int>> MostFrequent() => _counts.OrderByDescending(pair => pair.Value);
}
