using System.Buffers;
using WebProxy.Proxy.Interception;

namespace WebProxy.Proxy.Tests.Interception;

public sealed class ClientHelloSnifferTests
{
    private static ClientHelloVerdict Inspect(params byte[] bytes) => ClientHelloSniffer.Inspect(new ReadOnlySequence<byte>(bytes));

    [Fact]
    public void A_TLS_record_starting_a_ClientHello_is_recognised()
    {
        // Record: handshake (22), legacy version 3.1, length 0x00c8; handshake type client_hello (1).
        Assert.Equal(ClientHelloVerdict.ClientHello, Inspect(22, 3, 1, 0, 200, 1, 0, 0, 196));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'G', (byte)'E', (byte)'T' })]
    [InlineData(new byte[] { (byte)'S', (byte)'S', (byte)'H', (byte)'-' })]
    [InlineData(new byte[] { 22, 2 })]
    [InlineData(new byte[] { 22, 3, 1, 0, 200, 2 })]
    [InlineData(new byte[] { 23, 3, 3, 0, 20, 1 })]
    public void Bytes_that_do_not_open_a_ClientHello_are_not_TLS(byte[] bytes)
    {
        Assert.Equal(ClientHelloVerdict.NotTls, Inspect(bytes));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 22 })]
    [InlineData(new byte[] { 22, 3, 1, 0, 200 })]
    public void A_prefix_of_a_ClientHello_asks_for_more_bytes(byte[] bytes)
    {
        Assert.Equal(ClientHelloVerdict.NeedMoreData, Inspect(bytes));
    }
}
