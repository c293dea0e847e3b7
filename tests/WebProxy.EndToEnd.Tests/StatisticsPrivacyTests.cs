using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// Issue 5's privacy proof: a few thousand requests from several client addresses, some signed in as named people,
/// through the real <c>webproxy</c> process; then every file the proxy wrote (databases with their WAL, the suffix
/// list, snapshots, the CA) and everything it logged is searched for those addresses and names, as text in UTF-8 and
/// UTF-16: nothing. The statistics themselves are there: counts per site, and visitor estimates.
/// </summary>
public sealed class StatisticsPrivacyTests : IAsyncLifetime
{
    private static readonly string[] ClientAddresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7"];
    private static readonly string[] SignedIn = [TestOrganisation.Researcher, TestOrganisation.Colleague, TestOrganisation.OtherEmployee];

    private readonly TestCertificates _certificates = new();
    private OriginServer _plain = null!;
    private OriginServer _tls = null!;
    private ProxyProcess _proxy = null!;

    public async Task InitializeAsync()
    {
        _plain = await OriginServer.StartAsync();
        _tls = await OriginServer.StartAsync(_certificates);
        _proxy = await ProxyProcess.StartAsync(_certificates, [_tls.Port], config =>
        {
            config["Policy"]!["InterceptionMode"] = "BlockedOnly";
            config["Statistics"] = new JsonObject { ["FlushInterval"] = "00:00:00.5" };
            var data = (string)config["DataDirectory"]!;
            TestOrganisation.WriteTo(data);
            var suffixes = Path.Combine(data, "psl", "public_suffix_list.dat");
            Directory.CreateDirectory(Path.GetDirectoryName(suffixes)!);
            File.Copy(SharedData.File("psl", "public_suffix_list.dat"), suffixes);
        });
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _tls.DisposeAsync();
        await _plain.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task After_thousands_of_requests_no_file_or_log_line_holds_a_client_address_or_a_user_name()
    {
        var plain = Enumerable.Range(0, 400).Select(i => $"http://plain.test:{_plain.Port}/hello?n={i}").ToArray();
        var tunnels = Enumerable.Range(0, 50).Select(i => $"https://good.test:{_tls.Port}/hello?n={i}").ToArray();
        var runs = new List<Task<ChildProcessResult>>();
        for (var i = 0; i < ClientAddresses.Length; i++)
        {
            string[] credentials = i < SignedIn.Length ? ["--proxy-user", $"{SignedIn[i]}:{TestOrganisation.Password}"] : [];
            runs.Add(Curl.RunRawAsync(["--interface", ClientAddresses[i], "-x", _proxy.ProxyUrl, .. credentials, "-o", "/dev/null", .. plain], TimeSpan.FromMinutes(2)));
            runs.Add(Curl.RunRawAsync(["--interface", ClientAddresses[i], "-x", _proxy.ProxyUrl, .. credentials, "--cacert", _certificates.WriteRootPem(_proxy.WorkDirectory),
                "-o", "/dev/null", .. tunnels], TimeSpan.FromMinutes(2)));
        }

        foreach (var run in await Task.WhenAll(runs))
        {
            Assert.True(run.ExitCode == 0, run.Describe());
        }

        // An orderly stop flushes the last counts; then nothing more is written.
        _proxy.Signal(NativeMethods.SigTerm);
        Assert.True(await _proxy.WaitForExitAsync(TimeSpan.FromSeconds(30)), _proxy.Output);

        var data = Path.Combine(_proxy.WorkDirectory, "data");
        var statistics = Path.Combine(data, "statistics.db");
        Assert.Equal(ClientAddresses.Length * plain.Length, Sum(statistics, "SELECT SUM(requests) FROM site_hour WHERE site = 'plain.test'"));
        Assert.Equal(ClientAddresses.Length, Math.Round(Visitors(statistics, "plain.test")));
        Assert.Equal(ClientAddresses.Length, Math.Round(Visitors(statistics, "good.test")));

        var written = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "directory.json") // the test's own input
            .ToArray();
        Assert.Contains(written, path => path.EndsWith("statistics.db", StringComparison.Ordinal));
        var needles = ClientAddresses.Concat(SignedIn).SelectMany(Forms).ToArray();
        var hits = written
            .SelectMany(path => needles.Where(needle => Contains(File.ReadAllBytes(path), needle.Bytes)).Select(needle => $"{path}: {needle.Text}"))
            .Concat(needles.Where(needle => Contains(Encoding.UTF8.GetBytes(_proxy.Output), needle.Bytes)).Select(needle => $"log: {needle.Text}"))
            .ToArray();
        Assert.True(hits.Length == 0, "Personal data found:\n" + string.Join('\n', hits));
    }

    private static IEnumerable<(string Text, byte[] Bytes)> Forms(string value)
    {
        yield return ($"{value} (UTF-8)", Encoding.UTF8.GetBytes(value));
        yield return ($"{value} (UTF-16)", Encoding.Unicode.GetBytes(value));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static double Visitors(string database, string site)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sketch FROM site_day WHERE site = $site";
        command.Parameters.AddWithValue("$site", site);
        return WebProxy.Statistics.Sketches.HyperLogLog.FromBytes((byte[])command.ExecuteScalar()!).Estimate();
    }

    private static long Sum(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
