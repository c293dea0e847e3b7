using System.Buffers;
using System.Text;
using WebProxy.Proxy.Connect;

namespace WebProxy.Proxy.Tests.Connect;

public sealed class ConnectHeadReaderTests
{
    private const int Max = 16 * 1024;

    private static ConnectHead Read(string text, int max = Max) => ConnectHeadReader.Read(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text)), max);

    [Theory]
    [InlineData("GET http://example.com/ HTTP/1.1\r\n")]
    [InlineData("G")]
    [InlineData("POST / HTTP/1.1\r\n\r\n")]
    [InlineData("CONNECTX example.com:443 HTTP/1.1\r\n\r\n")]
    [InlineData("connect example.com:443 HTTP/1.1\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001")]
    public void Anything_that_is_not_a_CONNECT_is_left_to_Kestrel(string start)
    {
        Assert.Equal(ConnectHeadStatus.NotConnect, Read(start).Status);
    }

    [Theory]
    [InlineData("C")]
    [InlineData("CONNE")]
    [InlineData("CONNECT ")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n")]
    public void A_partial_CONNECT_head_asks_for_more_bytes(string start)
    {
        Assert.Equal(ConnectHeadStatus.Incomplete, Read(start).Status);
    }

    [Fact]
    public void A_complete_CONNECT_head_yields_its_target_and_length_without_the_bytes_after_it()
    {
        const string head = "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nUser-Agent: curl/8\r\n\r\n";
        var result = Read(head + "\u0016\u0003\u0001 tls bytes");
        Assert.Equal(ConnectHeadStatus.Complete, result.Status);
        Assert.Equal("example.com:443", result.Target);
        Assert.Equal(head.Length, result.Length);
    }

    [Fact]
    public void A_head_split_over_several_segments_is_read_whole()
    {
        var parts = new[] { "CONN", "ECT a.example:443 HT", "TP/1.1\r\nHost: a.example:443\r", "\n\r\n" };
        var sequence = Segments.Create(parts.Select(Encoding.ASCII.GetBytes).ToArray());
        var result = ConnectHeadReader.Read(sequence, Max);
        Assert.Equal(ConnectHeadStatus.Complete, result.Status);
        Assert.Equal("a.example:443", result.Target);
    }

    [Fact]
    public void A_head_larger_than_the_bound_is_too_large_even_before_it_ends()
    {
        var longHeader = "CONNECT example.com:443 HTTP/1.1\r\nX-Filler: " + new string('a', 2000);
        Assert.Equal(ConnectHeadStatus.TooLarge, Read(longHeader, max: 1024).Status);
        Assert.Equal(ConnectHeadStatus.TooLarge, Read(longHeader + "\r\n\r\n", max: 1024).Status);
    }

    [Theory]
    [InlineData("CONNECT example.com:443\r\n\r\n", "request line")]
    [InlineData("CONNECT  example.com:443 HTTP/1.1\r\n\r\n", "request line")]
    [InlineData("CONNECT example.com:443 HTTP/2\r\n\r\n", "HTTP/1.1")]
    [InlineData("CONNECT example.com:443 HTTP/1.1 extra\r\n\r\n", "request line")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\n folded\r\n\r\n", "folding")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\nNo colon here\r\n\r\n", "field name")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\nHost : example.com\r\n\r\n", "invalid character")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\n: empty name\r\n\r\n", "field name")]
    public void A_malformed_CONNECT_head_is_rejected_with_a_reason(string head, string reasonFragment)
    {
        var result = Read(head);
        Assert.Equal(ConnectHeadStatus.Malformed, result.Status);
        Assert.Contains(reasonFragment, result.Error, StringComparison.Ordinal);
    }

    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Create(byte[][] parts)
        {
            var first = new Segments(parts[0], 0);
            var last = first;
            for (var i = 1; i < parts.Length; i++)
            {
                var next = new Segments(parts[i], last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
