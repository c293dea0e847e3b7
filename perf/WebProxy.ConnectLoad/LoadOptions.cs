using System.Globalization;

namespace WebProxy.ConnectLoad;

/// <summary>The command line of one run. Every option has a default except <c>--target</c>.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        connectload: HTTPS load through a forward proxy (CONNECT + TLS + HTTP/1.1), or directly to the origin.

          --target host:port     origin authority: sent in CONNECT and Host, and the TLS name (required)
          --proxy host:port      proxy to CONNECT through; omit for a direct connection to the origin
          --host-name name       TLS server name and certificate name (default: the target's host)
          --ca file.pem          CA certificates to trust (default: the system trust store)
          --mode keepalive|newconn
                                 keepalive: one handshake per connection, then requests back to back;
                                 newconn: every request on a new connection (TCP + CONNECT + TLS)
          --connections n        concurrent connections (default 50)
          --duration seconds     measured time (default 10)
          --warmup seconds       unmeasured time before it (default 2)
          --path /p              request path (default /1k)
          --timeout seconds      bound on any one step (default 10)

        Prints one JSON line on standard output; a summary of errors goes to standard error.
        """;

    public required string TargetHost { get; init; }

    public required int TargetPort { get; init; }

    public string? ProxyHost { get; init; }

    public int ProxyPort { get; init; }

    public required string HostName { get; init; }

    public string? CaFile { get; init; }

    public LoadMode Mode { get; init; } = LoadMode.KeepAlive;

    public int Connections { get; init; } = 50;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public string Path { get; init; } = "/1k";

    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The authority as it appears in CONNECT and Host: the port is always written (RFC 9110 §7.2).</summary>
    public string Authority => $"{(TargetHost.Contains(':', StringComparison.Ordinal) ? $"[{TargetHost}]" : TargetHost)}:{TargetPort}";

    /// <summary>Parses the arguments; returns null with a message when they are wrong.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                error = $"expected --option value, got '{name}'";
                return null;
            }

            values[name[2..]] = args[++i];
        }

        string[] known = ["target", "proxy", "host-name", "ca", "mode", "connections", "duration", "warmup", "path", "timeout"];
        var unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            error = $"unknown option --{unknown}";
            return null;
        }

        if (!values.TryGetValue("target", out var target) || !TrySplitAuthority(target, out var targetHost, out var targetPort))
        {
            error = "--target host:port is required";
            return null;
        }

        string? proxyHost = null;
        var proxyPort = 0;
        if (values.TryGetValue("proxy", out var proxy) && !TrySplitAuthority(proxy, out proxyHost, out proxyPort))
        {
            error = "--proxy must be host:port";
            return null;
        }

        var mode = values.GetValueOrDefault("mode", "keepalive") switch
        {
            "keepalive" => LoadMode.KeepAlive,
            "newconn" => LoadMode.NewConnection,
            _ => (LoadMode?)null,
        };
        if (mode is null)
        {
            error = "--mode must be keepalive or newconn";
            return null;
        }

        if (!TryPositive(values, "connections", 50, out var connections)
            || !TrySeconds(values, "duration", 10, out var duration)
            || !TrySeconds(values, "warmup", 2, out var warmup)
            || !TrySeconds(values, "timeout", 10, out var timeout))
        {
            error = "--connections, --duration, --warmup and --timeout take positive numbers (warmup may be 0)";
            return null;
        }

        var path = values.GetValueOrDefault("path", "/1k");
        if (!path.StartsWith('/') || path.Any(c => c <= ' ' || c >= 0x7f))
        {
            error = "--path must start with / and contain no spaces or control characters";
            return null;
        }

        error = null;
        return new LoadOptions
        {
            TargetHost = targetHost!,
            TargetPort = targetPort,
            ProxyHost = proxyHost,
            ProxyPort = proxyPort,
            HostName = values.GetValueOrDefault("host-name", targetHost!),
            CaFile = values.GetValueOrDefault("ca"),
            Mode = mode.Value,
            Connections = connections,
            Duration = duration,
            Warmup = warmup,
            Path = path,
            StepTimeout = timeout,
        };
    }

    private static bool TrySplitAuthority(string text, out string? host, out int port)
    {
        host = null;
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = text[..colon].Trim('[', ']');
        return host.Length > 0;
    }

    private static bool TryPositive(Dictionary<string, string> values, string name, int fallback, out int value)
    {
        value = fallback;
        return !values.TryGetValue(name, out var text)
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0);
    }

    private static bool TrySeconds(Dictionary<string, string> values, string name, double fallback, out TimeSpan value)
    {
        value = TimeSpan.FromSeconds(fallback);
        if (!values.TryGetValue(name, out var text))
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 0 || (seconds == 0 && name != "warmup"))
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
