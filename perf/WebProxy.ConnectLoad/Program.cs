namespace WebProxy.ConnectLoad;

/// <summary>Entry point: parse, resolve, run, print one JSON line. Exit 0 when any request succeeded.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            await Console.Error.WriteLineAsync(LoadOptions.Usage).ConfigureAwait(false);
            return args.Length == 0 ? 2 : 0;
        }

        var options = LoadOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"connectload: {error}\n\n{LoadOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var target = await LoadTarget.CreateAsync(options, cancel.Token).ConfigureAwait(false);
        var result = await new LoadRunner(target, TimeProvider.System).RunAsync(cancel.Token).ConfigureAwait(false);

        await using (var stdout = Console.OpenStandardOutput())
        {
            result.WriteJson(stdout);
            stdout.WriteByte((byte)'\n');
        }

        foreach (var (message, count) in result.FailureLog.MostFrequent())
        {
            await Console.Error.WriteLineAsync($"connectload: {count} x {message}").ConfigureAwait(false);
        }

        return result.Requests > 0 ? 0 : 1;
    }
}
