using System.Globalization;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>
/// A process's memory as the kernel counts it (<c>/proc/&lt;pid&gt;/status</c>): resident set now (VmRSS) and its
/// peak over the process's life (VmHWM). The peak catches a spike that is freed again before anyone looks.
/// </summary>
internal sealed record ProcessMemory(long ResidentBytes, long PeakResidentBytes)
{
    public const long MiB = 1024 * 1024;

    public static ProcessMemory Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new ProcessMemory(Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    private static long Field(string[] status, string name)
    {
        // "VmRSS:	   73600 kB"
        var line = status.Single(l => l.StartsWith(name, StringComparison.Ordinal));
        var parts = line[name.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kB", parts[1]);
        return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
    }
}
