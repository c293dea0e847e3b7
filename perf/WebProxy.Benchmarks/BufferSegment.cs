using System.Buffers;

namespace WebProxy.Benchmarks;

/// <summary>A segment of a hand-built <see cref="ReadOnlySequence{T}"/>, as a socket pipe produces when a head spans reads.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    public BufferSegment(ReadOnlyMemory<byte> memory)
    {
        Memory = memory;
    }

    public BufferSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new BufferSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }

    /// <summary>The bytes split in two segments at <paramref name="split"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int split)
    {
        var first = new BufferSegment(bytes.AsMemory(0, split));
        var last = first.Append(bytes.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
