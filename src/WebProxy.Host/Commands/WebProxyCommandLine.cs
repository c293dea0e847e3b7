using System.CommandLine;
using WebProxy.Categories;
using WebProxy.CertificateAuthority;
using WebProxy.Host.Configuration;

namespace WebProxy.Host.Commands;

/// <summary>The <c>webproxy</c> command line: one entry point for running the proxy and administering it.</summary>
public static class WebProxyCommandLine
{
    public static RootCommand Create()
    {
        // One clock for the governance commands: what their services record and what "now" is in what they print.
        var clock = TimeProvider.System;
        var root = new RootCommand("WebProxy: a forward web proxy that enforces the municipality's internet regulation with privacy by design.");
        root.Options.Add(CommonOptions.Config);
        root.Options.Add(CommonOptions.DataDirectory);
        root.SetAction(RunCommand.RunAsync);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CaCommand.Create());
        root.Subcommands.Add(CategoriesCommand.Create());
        root.Subcommands.Add(LogCommand.Create());
        root.Subcommands.Add(ExemptionsCommand.Create(clock));
        root.Subcommands.Add(DirectoryCommand.Create(clock));
        root.Subcommands.Add(InvestigationsCommand.Create(clock));
        root.Subcommands.Add(RightsCommand.Create(clock));
        return root;
    }

    /// <summary>Runs a command line; configuration and CA problems become one clear line on stderr and exit code 2.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        try
        {
            // Our own handling: configuration errors become one line, not a stack trace; and the run command
            // handles SIGTERM/SIGINT itself so the drain is not cut short by the parser's termination timeout.
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConfigurationException or CertificateAuthorityException or CategoryImportException or IOException or UnauthorizedAccessException)
        {
            // Problems an operator fixes (a bad file, a taken port, a missing folder) are one line, not a stack trace.
            await error.WriteLineAsync($"webproxy: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
