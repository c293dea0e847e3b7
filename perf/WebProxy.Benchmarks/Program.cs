using BenchmarkDotNet.Running;

namespace WebProxy.Benchmarks;

/// <summary>
/// Micro-benchmarks of the code every proxied connection or request runs through. Run from the repository root:
/// <c>dotnet run -c Release --project perf/WebProxy.Benchmarks -- --filter '*' --job short</c>.
/// </summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
