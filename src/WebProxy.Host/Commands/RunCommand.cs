using System.CommandLine;
using System.Runtime.InteropServices;
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

    public static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = CommonOptions.LoadSettings(parseResult);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => RequestStop(context, stop));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => RequestStop(context, stop));
        var stopping = stop.Token;
        WebProxyServer? running = null;

        // SIGHUP re-reads the compiled category index, as daemons conventionally reload on it.
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            var result = running?.ReloadCategories();
            Console.Out.WriteLine(result is null || result.Succeeded ? "Category index reloaded." : $"Category index not reloaded: {result.Error}");
            if (running?.ReloadSuffixList(settings) is { } suffixes)
            {
                Console.Out.WriteLine(suffixes);
            }
        });
        await using var server = await WebProxyServer.StartAsync(settings, TimeProvider.System, cancellationToken: stopping).ConfigureAwait(false);
        running = server;
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

        await Console.Out.WriteLineAsync("WebProxy is stopping: open requests and tunnels get the drain time to finish.").ConfigureAwait(false);
        using var drain = new CancellationTokenSource(settings.Proxy.Limits.ShutdownDrainTimeout);
        await server.StopAsync(drain.Token).ConfigureAwait(false);
        return 0;
    }

    private static void RequestStop(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Keep the process alive: the run command drains and exits by itself.
        context.Cancel = true;
        stop.Cancel();
    }
}
