using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using WebProxy.Proxy.Connect;

namespace WebProxy.Benchmarks;

/// <summary>
/// <see cref="ConnectHeadReader"/> runs on the first read of every connection to the proxy port: for a CONNECT
/// it parses the whole head, for anything else it must say "not CONNECT" after eight bytes.
/// </summary>
[MemoryDiagnoser]
public class ConnectHeadReaderBenchmarks
{
    private const int MaxHeadBytes = 16 * 1024;

    // What a current browser sends (Chrome and Firefox send Host, User-Agent and Proxy-Connection).
    private static readonly byte[] BrowserConnect = Encoding.ASCII.GetBytes(
        "CONNECT www.example.org:443 HTTP/1.1\r\n" +
        "Host: www.example.org:443\r\n" +
        "Proxy-Connection: keep-alive\r\n" +
        "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
        "\r\n");

    private static readonly byte[] PlainGet = Encoding.ASCII.GetBytes(
        "GET http://www.example.org/ HTTP/1.1\r\nHost: www.example.org\r\nAccept: */*\r\n\r\n");

    private ReadOnlySequence<byte> _browserConnect;
    private ReadOnlySequence<byte> _browserConnectSplit;
    private ReadOnlySequence<byte> _browserConnectHalf;
    private ReadOnlySequence<byte> _plainGet;

    [GlobalSetup]
    public void Setup()
    {
        _browserConnect = new ReadOnlySequence<byte>(BrowserConnect);
        _browserConnectSplit = BufferSegment.Split(BrowserConnect, BrowserConnect.Length / 2);
        _browserConnectHalf = new ReadOnlySequence<byte>(BrowserConnect.AsMemory(0, BrowserConnect.Length / 2));
        _plainGet = new ReadOnlySequence<byte>(PlainGet);
    }

    [Benchmark(Baseline = true, Description = "CONNECT, browser head, one segment")]
    public long BrowserConnect_OneSegment() => ConnectHeadReader.Read(_browserConnect, MaxHeadBytes).Length;

    [Benchmark(Description = "CONNECT, browser head, two segments")]
    public long BrowserConnect_TwoSegments() => ConnectHeadReader.Read(_browserConnectSplit, MaxHeadBytes).Length;

    [Benchmark(Description = "CONNECT, head incomplete")]
    public int BrowserConnect_Incomplete() => (int)ConnectHeadReader.Read(_browserConnectHalf, MaxHeadBytes).Status;

    [Benchmark(Description = "GET absolute-form (not CONNECT)")]
    public int PlainGet_NotConnect() => (int)ConnectHeadReader.Read(_plainGet, MaxHeadBytes).Status;
}
