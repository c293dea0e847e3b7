using System.Runtime.CompilerServices;
using WebProxy.Statistics.Sites;

namespace WebProxy.Benchmarks.Statistics;

/// <summary>
/// The Public Suffix List for the statistics benchmarks: <c>../shared/psl/public_suffix_list.dat</c> beside the
/// repository (never copied into it). Set <c>WEBPROXY_PERF_PSL</c> to use another file.
/// </summary>
internal static class StatisticsData
{
    /// <summary>Hosts as a municipality's workstations ask for them: government, office suites, CDNs, analytics,
    /// news, a multi-label public suffix, private-section suffixes, a wildcard, upper case, an address.</summary>
    public static readonly string[] Hosts =
    [
        "www.rijksoverheid.nl", "mijn.belastingdienst.nl", "www.almere.nl", "login.microsoftonline.com",
        "outlook.office365.com", "teams.microsoft.com", "fonts.gstatic.com", "www.google.com",
        "cdn.jsdelivr.net", "www.googletagmanager.com", "nos.nl", "www.bbc.co.uk",
        "municipality.github.io", "bucket.s3.amazonaws.com", "ec2-1-2-3-4.eu-west-1.compute.amazonaws.com",
        "www.city.kobe.jp", "WWW.Example.ORG", "nl.wikipedia.org", "example.com", "192.0.2.10",
    ];

    public static PublicSuffixList LoadList()
    {
        var path = ListPath();
        using var reader = new StreamReader(path);
        return PublicSuffixList.Parse(reader, Path.GetFileName(path));
    }

    // BenchmarkDotNet may run from a generated folder outside the repository (--artifacts-path), so the compiled-in
    // path of this source file is tried as well.
    private static string ListPath([CallerFilePath] string sourceFile = "")
    {
        var configured = Environment.GetEnvironmentVariable("WEBPROXY_PERF_PSL");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WebProxy.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "psl", "public_suffix_list.dat"));
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository (WebProxy.sln) above the working directory.");
    }
}
