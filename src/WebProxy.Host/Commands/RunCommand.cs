using System.CommandLine;
using Microsoft.Extensions.Logging;
using WebProxy.Host.Hosting;

namespace WebProxy.Host.Commands;

/// <summary><c>webproxy run</c> (also the default): start the proxy and admin ports and serve until stopped.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Start the proxy (default when no command is given).");
        command.SetAction(RunAsync);
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parseResult, CancellationToken stopping)
    {
        var settings = CommonOptions.LoadSettings(parseResult);
        await using var server = await WebProxyServer.StartAsync(settings, TimeProvider.System, cancellationToken: stopping).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(
            $"WebProxy is listening: proxy http://{server.ProxyEndPoint}, admin http://{server.AdminEndPoint} " +
            $"(PAC file /proxy.pac, CA certificate /ca.pem, metrics /metrics). Data folder: {Path.GetFullPath(settings.DataDirectory)}").ConfigureAwait(false);

        try
        {
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: drain below.
        }

        using var drain = new CancellationTokenSource(settings.Proxy.Limits.ShutdownDrainTimeout);
        await server.StopAsync(drain.Token).ConfigureAwait(false);
        return 0;
    }
}
