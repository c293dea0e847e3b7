using System.Diagnostics;

namespace WebProxy.Testing;

/// <summary>
/// The built <c>webproxy</c> program, run as an operator runs it: <c>dotnet webproxy.dll ...</c> in a child
/// process. WebProxy.Testing references WebProxy.Host, so the build copies webproxy.dll (with its
/// runtimeconfig.json and deps.json) next to every test assembly.
/// </summary>
public static class WebProxyExecutable
{
    /// <summary>webproxy.dll next to the running test assembly.</summary>
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "webproxy.dll");
            Assert.True(File.Exists(path), $"The built proxy was not found at {path}; the test project must reference WebProxy.Testing (which references WebProxy.Host).");
            Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"webproxy.runtimeconfig.json is missing next to {path}.");
            return path;
        }
    }

    /// <summary>The dotnet host that runs these tests, so the child uses the same runtime.</summary>
    public static string DotnetHost
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            var processPath = Environment.ProcessPath;
            return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
        }
    }

    /// <summary>A start description for <c>dotnet webproxy.dll &lt;arguments&gt;</c>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string? workingDirectory = null) =>
        ChildProcess.StartInfo(DotnetHost, [DllPath, .. arguments], workingDirectory);

    /// <summary>Runs a command that ends by itself (<c>ca export</c>, a bad configuration) and captures its output.</summary>
    public static Task<ChildProcessResult> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null) =>
        ChildProcess.RunAsync(StartInfo(arguments, workingDirectory), timeout ?? TimeSpan.FromSeconds(60));
}
