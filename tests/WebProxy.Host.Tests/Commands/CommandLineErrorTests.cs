using System.Net;
using System.Net.Sockets;
using WebProxy.Host.Commands;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// A configuration the proxy cannot use ends the program with exit code 2 and one line on stderr naming the file,
/// the line and the field: no stack trace, which an operator would have to read from the bottom up.
/// </summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task InvokeAsync_returns_2_and_writes_one_line_for_a_bad_configuration()
    {
        var (config, line) = await WriteBadConfigAsync();
        using var error = new StringWriter();

        var exitCode = await WebProxyCommandLine.InvokeAsync(["--config", config], error);

        Assert.True(exitCode == 2, $"exit code {exitCode}, stderr:\n{error}");
        AssertOneLineNaming(error.ToString(), config, line, "Proxy.Port");
    }

    [Fact]
    public async Task InvokeAsync_returns_2_for_a_bad_configuration_given_to_a_subcommand()
    {
        var (config, line) = await WriteBadConfigAsync();
        using var error = new StringWriter();

        var exitCode = await WebProxyCommandLine.InvokeAsync(["ca", "export", "--config", config, "--out", Path.Combine(_temp.Path, "ca.pem")], error);

        Assert.True(exitCode == 2, $"exit code {exitCode}, stderr:\n{error}");
        AssertOneLineNaming(error.ToString(), config, line, "Proxy.Port");
        Assert.False(File.Exists(Path.Combine(_temp.Path, "ca.pem")));
    }

    [Fact]
    public async Task The_program_exits_with_2_and_one_line_on_stderr_for_a_bad_configuration()
    {
        var (config, line) = await WriteBadConfigAsync();

        var result = await WebProxyExecutable.RunAsync(["--config", config], _temp.Path, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 2, result.Describe());
        AssertOneLineNaming(result.StandardError, config, line, "Proxy.Port");
        Assert.DoesNotContain("listening", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_directory_of_people_stops_the_start_naming_its_file_and_line()
    {
        var people = Path.Combine(_temp.Path, "people.json");
        await File.WriteAllTextAsync(people, """
            {
              "people": [
                { "id": "j.jansen", "name": "Jan Jansen", "roles": [ "manager" ] },
                { "id": "p.pietersen", "name": "Piet", "manager": "nobody", "roles": [ "employee" ] }
              ]
            }
            """);
        var config = Path.Combine(_temp.Path, "webproxy.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "DataDirectory": "{{Path.Combine(_temp.Path, "data")}}",
              "Proxy": { "Port": 0 },
              "Admin": { "Port": 0 },
              "Identity": { "DirectoryFile": "{{people}}" }
            }
            """);

        var result = await WebProxyExecutable.RunAsync(["--config", config], _temp.Path, TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.StartsWith("webproxy: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(people, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("line 4", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("manager", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_program_exits_with_2_for_a_value_that_parses_but_is_invalid()
    {
        var config = Path.Combine(_temp.Path, "webproxy.json");
        await File.WriteAllTextAsync(config, """
            {
              "Admin": {
                "DirectDomains": [
                  "intranet.gemeente.nl",
                  "not a domain!"
                ]
              }
            }
            """);

        var result = await WebProxyExecutable.RunAsync(["--config", config], _temp.Path, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 2, result.Describe());
        AssertOneLineNaming(result.StandardError, config, 5, "Admin.DirectDomains[1]");
    }

    [Fact]
    public async Task The_program_exits_with_2_and_names_a_configuration_file_that_does_not_exist()
    {
        var config = Path.Combine(_temp.Path, "absent.json");

        var result = await WebProxyExecutable.RunAsync(["--config", config], _temp.Path, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 2, result.Describe());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"webproxy: {config}:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_refused_with_a_message_naming_it()
    {
        var result = await WebProxyExecutable.RunAsync(["--no-such-option"], _temp.Path, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode != 0, result.Describe());
        Assert.Contains("--no-such-option", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_port_already_in_use_stops_the_start_with_exit_code_2_and_one_line()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var busyPort = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var adminPort = FreeTcpPorts.Take(1)[0];
        var config = Path.Combine(_temp.Path, "webproxy.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "DataDirectory": "{{Path.Combine(_temp.Path, "data")}}",
              "Proxy": { "Port": {{busyPort}} },
              "Admin": { "Port": {{adminPort}} }
            }
            """);

        var result = await WebProxyExecutable.RunAsync(["--config", config], _temp.Path, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 2, result.Describe());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("webproxy: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{busyPort}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    private async Task<(string Path, int Line)> WriteBadConfigAsync()
    {
        var path = Path.Combine(_temp.Path, "bad.json");
        await File.WriteAllTextAsync(path, """
            {
              "DataDirectory": "data",
              "Proxy": {
                "ListenAddress": "127.0.0.1",
                "Port": "abc"
              }
            }
            """);
        return (path, 5);
    }

    private static void AssertOneLineNaming(string stderr, string path, int line, string field)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"Expected one line on stderr, got {lines.Length}:\n{stderr}");
        Assert.StartsWith($"webproxy: {path}:{line}: field {field}: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
