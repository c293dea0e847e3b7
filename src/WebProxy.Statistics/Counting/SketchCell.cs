using WebProxy.Statistics.Sketches;

namespace WebProxy.Statistics.Counting;

/// <summary>One site's distinct-visitor sketch of one day while it is in memory; the sketch is single-writer, so a lock.</summary>
internal sealed class SketchCell
{
    private readonly Lock _lock = new();
    private readonly HyperLogLog _sketch = new();

    public void Add(ulong hash)
    {
        lock (_lock)
        {
            _sketch.Add(hash);
        }
    }

    public byte[] ToBytes()
    {
        lock (_lock)
        {
            return _sketch.ToBytes();
        }
    }
}
