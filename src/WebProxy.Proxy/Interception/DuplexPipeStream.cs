using System.Buffers;
using System.IO.Pipelines;

namespace WebProxy.Proxy.Interception;

/// <summary>
/// A <see cref="Stream"/> over a connection's pipes, so <see cref="System.Net.Security.SslStream"/> can run on
/// the transport Kestrel gave us (the same role as Kestrel's internal DuplexPipeStream in its HTTPS middleware).
/// </summary>
internal sealed class DuplexPipeStream : Stream
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    public DuplexPipeStream(IDuplexPipe transport)
    {
        _input = transport.Input;
        _output = transport.Output;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var readable = result.Buffer;
            if (!readable.IsEmpty)
            {
                var count = (int)Math.Min(readable.Length, buffer.Length);
                readable.Slice(0, count).CopyTo(buffer.Span);
                _input.AdvanceTo(readable.GetPosition(count));
                return count;
            }

            _input.AdvanceTo(readable.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return 0;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken) =>
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
