using System.Diagnostics;
using System.Globalization;

namespace WebProxy.Testing.Chromium;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> package), driven over the DevTools Protocol, for tests
/// that need what only a browser does: forms, scripts, its own proxy authentication and tunnels. Each instance
/// is a private browser with a throw-away profile; dispose kills it and everything it started.
/// </summary>
/// <example>
/// <code>
/// await using var chromium = await HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions { Proxy = proxy.ProxyUri });
/// await using var page = await chromium.NewPageAsync();
/// Assert.Equal(200, await page.NavigateAsync("http://plain.test:8080/form"));
/// await page.FillAsync("#name", "Jan");
/// Assert.Equal(200, await page.SubmitAndWaitForNavigationAsync("button[type=submit]"));
/// Assert.Equal("Hello, Jan", await page.TextAsync("#greeting"));
/// </code>
/// </example>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private const int StandardErrorLines = 200;

    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly HeadlessChromiumOptions _options;
    private readonly Queue<string> _standardError;

    private HeadlessChromium(Process process, TempDirectory profile, HeadlessChromiumOptions options, Queue<string> standardError, CdpConnection connection)
    {
        _process = process;
        _profile = profile;
        _options = options;
        _standardError = standardError;
        Connection = connection;
    }

    /// <summary>The browser-level DevTools connection, for commands the page helpers do not cover.</summary>
    public CdpConnection Connection { get; }

    /// <summary>
    /// The last lines Chromium wrote to stderr, for failure messages. Chromium is noisy here (no D-Bus in a
    /// container), so these lines are a clue, not an error by themselves.
    /// </summary>
    public string StandardErrorTail
    {
        get
        {
            lock (_standardError)
            {
                return string.Join('\n', _standardError);
            }
        }
    }

    /// <summary>
    /// Starts Chromium and connects to it. It picks its own DevTools port (<c>--remote-debugging-port=0</c>) and
    /// writes it to <c>DevToolsActivePort</c> in the profile folder, which is read here: no port is guessed, so
    /// parallel tests cannot collide.
    /// </summary>
    public static async Task<HeadlessChromium> LaunchAsync(HeadlessChromiumOptions? options = null)
    {
        options ??= new HeadlessChromiumOptions();
        var executable = RequiredTool.Find("chromium", "chromium");
        var profile = new TempDirectory();
        var standardError = new Queue<string>();
        Process? process = null;
        try
        {
            // ChildProcess.StartInfo drops http_proxy and friends: the browser uses exactly the proxy named here.
            var start = ChildProcess.StartInfo(executable, Arguments(options, profile.Path));
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
            process.StandardInput.Close();

            // Both pipes must be drained, or a chatty browser fills the pipe buffer and blocks.
            process.ErrorDataReceived += (_, line) => Remember(standardError, line.Data);
            process.OutputDataReceived += (_, line) => Remember(standardError, line.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();

            var endpoint = await WaitForDevToolsAsync(process, profile.Path, options.StartupTimeout, standardError).ConfigureAwait(false);
            var connection = await CdpConnection.ConnectAsync(endpoint, options.Timeout).ConfigureAwait(false);
            return new HeadlessChromium(process, profile, options, standardError, connection);
        }
        catch
        {
            if (process is not null)
            {
                await StopAsync(process).ConfigureAwait(false);
                process.Dispose();
            }

            DeleteProfile(profile);
            throw;
        }
    }

    /// <summary>Opens a new tab on <c>about:blank</c>, with the launch options' proxy credentials if any.</summary>
    public async Task<ChromiumPage> NewPageAsync()
    {
        var created = await Connection.SendAsync("Target.createTarget", new { url = "about:blank" }).ConfigureAwait(false);
        var targetId = created.GetProperty("targetId").GetString()!;
        return await ChromiumPage.AttachAsync(Connection, targetId, _options.Timeout, _options.ProxyCredentials).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
        DeleteProfile(_profile);
    }

    private static List<string> Arguments(HeadlessChromiumOptions options, string profile)
    {
        List<string> arguments =
        [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            $"--user-data-dir={profile}",
            "--remote-debugging-port=0",
        ];
        if (options.Proxy is { } proxy)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--proxy-server=http://{proxy.Host}:{proxy.Port}"));

            // "<-loopback>" removes Chromium's implicit bypass of localhost and 127.0.0.1, so test origins on
            // loopback are reached through the proxy like any other site.
            arguments.Add("--proxy-bypass-list=<-loopback>");
        }

        if (options.IgnoreCertificateErrors)
        {
            arguments.Add("--ignore-certificate-errors");
        }

        arguments.AddRange(options.ExtraArguments);
        arguments.Add("about:blank");
        return arguments;
    }

    private static void Remember(Queue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Enqueue(line);
            while (lines.Count > StandardErrorLines)
            {
                lines.Dequeue();
            }
        }
    }

    /// <summary>
    /// Polls for <c>DevToolsActivePort</c> (first line the port, second the browser's WebSocket path). Chromium
    /// writes it non-atomically, so a file without both lines yet is read again rather than trusted.
    /// </summary>
    private static async Task<Uri> WaitForDevToolsAsync(Process process, string profile, TimeSpan timeout, Queue<string> standardError)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (File.Exists(file))
            {
                var lines = (await File.ReadAllTextAsync(file).ConfigureAwait(false)).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (lines.Length >= 2 && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0
                    && lines[1].StartsWith("/devtools/browser/", StringComparison.Ordinal))
                {
                    return new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{port}{lines[1]}"));
                }
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Chromium exited with code {process.ExitCode} before opening its DevTools port.\n--- chromium stderr ---\n{Tail(standardError)}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException(
            $"Chromium did not write {file} within {timeout}.\n--- chromium stderr ---\n{Tail(standardError)}");
    }

    private static string Tail(Queue<string> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }

    /// <summary>Kills the browser and its renderers, zygotes and helpers: it is this test's own child.</summary>
    private static async Task StopAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Chromium (pid {process.Id}) did not exit within 10 s of being killed.");
        }
    }

    /// <summary>Deletes the profile; a killed browser's last writes can race the first attempt, so it retries briefly.</summary>
    private static void DeleteProfile(TempDirectory profile)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                profile.Dispose();
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100);
            }
        }
    }
}
