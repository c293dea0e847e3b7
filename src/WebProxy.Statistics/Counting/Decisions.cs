namespace WebProxy.Statistics.Counting;

/// <summary>The decision names the statistics store and report (stable: they are in the database).</summary>
public static class Decisions
{
    public const string Allowed = "allowed";

    public const string Blocked = "blocked";

    public const string Exempted = "exempted";
}
