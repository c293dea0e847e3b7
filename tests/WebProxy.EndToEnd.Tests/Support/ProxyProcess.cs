using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WebProxy.Testing;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// The built proxy as a child process, started as an operator starts it: <c>dotnet webproxy.dll --config
/// webproxy.json</c>, with a configuration file written the way people write it. Ports are chosen free
/// beforehand; the proxy counts as started when the admin port's /healthz answers. On dispose, this process
/// (and only this one, by its Process object) is killed if it is still running.
/// </summary>
internal sealed class ProxyProcess : IAsyncDisposable
{
    public const string CaCommonName = "Gemeente Testdorp Proxy CA";
    public const string CaOrganisation = "Gemeente Testdorp";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly HttpClient Direct = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _output = new();

    private ProxyProcess(Process process, TempDirectory directory, string configPath, int proxyPort, int adminPort)
    {
        _process = process;
        _directory = directory;
        ConfigPath = configPath;
        ProxyPort = proxyPort;
        AdminPort = adminPort;
    }

    public int ProxyPort { get; }

    public int AdminPort { get; }

    public string ConfigPath { get; }

    /// <summary>The value for curl's <c>-x</c>.</summary>
    public string ProxyUrl => $"http://127.0.0.1:{ProxyPort}";

    public Uri AdminUri => new($"http://127.0.0.1:{AdminPort}");

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>A folder of this proxy's for files a test needs (the exported CA, an upload).</summary>
    public string WorkDirectory => _directory.Path;

    /// <summary>Everything the proxy wrote to stdout and stderr so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a proxy that pins the test host names to 127.0.0.1, trusts the test origin root for upstream TLS,
    /// allows CONNECT to <paramref name="extraConnectPorts"/>, and intercepts (unless <paramref name="configure"/>
    /// changes the written configuration).
    /// </summary>
    public static async Task<ProxyProcess> StartAsync(TestCertificates certificates, IEnumerable<int> extraConnectPorts, Action<JsonObject>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var ports = extraConnectPorts.ToArray();

        // A port chosen free can be taken by someone else before the proxy binds it: try again with new ports.
        for (var attempt = 1; ; attempt++)
        {
            var directory = new TempDirectory();
            try
            {
                var proxy = await TryStartAsync(directory, certificates, ports, configure, lastAttempt: attempt == 3);
                if (proxy is not null)
                {
                    return proxy;
                }
            }
            catch
            {
                directory.Dispose();
                throw;
            }

            directory.Dispose();
        }
    }

    /// <summary>Runs <c>webproxy ca export --config &lt;this proxy's file&gt; --out ca.pem</c> and returns the file.</summary>
    public async Task<string> ExportCaAsync()
    {
        var path = Path.Combine(WorkDirectory, "organisation-ca.pem");
        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--config", ConfigPath, "--out", path], WorkDirectory);
        Assert.True(result.ExitCode == 0, $"webproxy ca export failed: {result.Describe()}");
        return path;
    }

    /// <summary>GET on the admin port, without any proxy.</summary>
    public async Task<string> GetAdminTextAsync(string path)
    {
        using var response = await Direct.GetAsync(new Uri(AdminUri, path));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The Prometheus text from the admin port's /metrics.</summary>
    public Task<string> ScrapeMetricsAsync() => GetAdminTextAsync("/metrics");

    /// <summary>Scrapes until <paramref name="condition"/> holds, for measurements recorded after the client is done.</summary>
    public async Task<string> ScrapeMetricsUntilAsync(Func<string, bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var text = await ScrapeMetricsAsync();
            if (condition(text))
            {
                return text;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"The metrics did not reach the expected state in time:\n{text}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends a signal with kill(2); SIGTERM is what service managers send to stop a program.</summary>
    public void Signal(int signal)
    {
        var result = NativeMethods.Kill(_process.Id, signal);
        Assert.True(result == 0, $"kill({_process.Id}, {signal}) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
    }

    /// <summary>Waits for the process to end; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ProcessMemory Memory() => ProcessMemory.Read(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _directory.Dispose();
    }

    /// <summary>The started proxy, or null when one of its ports was taken in the meantime.</summary>
    private static async Task<ProxyProcess?> TryStartAsync(TempDirectory directory, TestCertificates certificates, int[] extraConnectPorts, Action<JsonObject>? configure, bool lastAttempt)
    {
        var free = FreeTcpPorts.Take(2);
        var config = Configuration(directory.Path, certificates, extraConnectPorts, free[0], free[1]);
        configure?.Invoke(config);
        var configPath = Path.Combine(directory.Path, "webproxy.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString(Indented));

        var process = Process.Start(WebProxyExecutable.StartInfo(["--config", configPath], directory.Path))
            ?? throw new InvalidOperationException("Could not start the proxy.");
        var proxy = new ProxyProcess(process, directory, configPath, (int)config["Proxy"]!["Port"]!, (int)config["Admin"]!["Port"]!);
        process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        try
        {
            if (await proxy.WaitUntilHealthyAsync())
            {
                return proxy;
            }

            if (lastAttempt)
            {
                throw new InvalidOperationException($"The proxy found its port taken on every attempt:\n{proxy.Output}");
            }
        }
        catch
        {
            await proxy.StopWithoutCleanupAsync();
            throw;
        }

        await proxy.StopWithoutCleanupAsync();
        return null;
    }

    private static JsonObject Configuration(string directory, TestCertificates certificates, int[] extraConnectPorts, int proxyPort, int adminPort)
    {
        var hosts = new JsonObject();
        foreach (var host in ProxyUnderTest.TestHosts)
        {
            hosts[host] = "127.0.0.1";
        }

        return new JsonObject
        {
            ["DataDirectory"] = Path.Combine(directory, "data"),
            ["Proxy"] = new JsonObject
            {
                ["ListenAddress"] = "127.0.0.1",
                ["Port"] = proxyPort,
                ["ExtraConnectPorts"] = new JsonArray([.. extraConnectPorts.Select(port => (JsonNode)port)]),
                ["Hosts"] = hosts,
                ["UpstreamExtraCaFile"] = certificates.WriteRootPem(directory),
                ["Limits"] = new JsonObject { ["ShutdownDrainTimeout"] = "00:00:05" },
            },
            ["Admin"] = new JsonObject
            {
                ["ListenAddress"] = "127.0.0.1",
                ["Port"] = adminPort,
            },
            ["Policy"] = new JsonObject
            {
                // The engine's tests look inside every tunnel and move bodies of any size; rule tests opt in.
                ["InterceptionMode"] = "All",
                ["DownloadLimitBytes"] = null,
                ["UploadLimitBytes"] = null,
            },
            ["CertificateAuthority"] = new JsonObject
            {
                ["CommonName"] = CaCommonName,
                ["Organisation"] = CaOrganisation,
            },
        };
    }

    /// <summary>True once /healthz answers; false when the process ended because a port was taken.</summary>
    private async Task<bool> WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                var output = Output;
                if (output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                throw new InvalidOperationException($"The proxy exited with code {_process.ExitCode} before it was healthy:\n{output}");
            }

            try
            {
                using var response = await Direct.GetAsync(new Uri(AdminUri, "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The proxy's /healthz did not answer within {StartTimeout}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task StopWithoutCleanupAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
