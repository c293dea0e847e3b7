namespace WebProxy.Host.Configuration;

/// <summary>The identity-free statistics and the top-ten report (issue 5; articles 6.1a and 6.2).</summary>
public sealed class StatisticsSection
{
    /// <summary>Whether to count at all. Off, the proxy tallies nothing and the report is empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often counts move from memory to <c>statistics.db</c>; a crash loses at most this much.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long aggregates are kept, in days (the report's year-on-year comparison needs a year and a month).</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>A site seen from fewer distinct clients than this in a report's period is never named (k-anonymity).</summary>
    public int KAnonymity { get; set; } = 5;

    /// <summary>
    /// The Public Suffix List used to tell sites apart (<c>public_suffix_list.dat</c>);
    /// <c>psl/public_suffix_list.dat</c> in the data folder when not set. Without one, the last two labels of a
    /// host are its site (documented fallback; wrong for names like <c>example.co.uk</c>).
    /// </summary>
    public string? PublicSuffixListFile { get; set; }
}
