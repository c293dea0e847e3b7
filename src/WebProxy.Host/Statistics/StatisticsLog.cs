using Microsoft.Extensions.Logging;

namespace WebProxy.Host.Statistics;

/// <summary>Operational messages of the statistics; counts and paths only, never a site visited by someone or a client.</summary>
internal static partial class StatisticsLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Statistics could not be written; the counts of this interval are lost: {Problem}")]
    public static partial void FlushFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Retention: {Rows} aggregate rows older than {Days} days deleted.")]
    public static partial void RetentionApplied(ILogger logger, long rows, int days);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Retention of the statistics failed: {Problem}")]
    public static partial void RetentionFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Public Suffix List {Path} not found: sites are the last two labels of a host (wrong for names like example.co.uk). Fetch it with 'webproxy categories update --suffix-list URL|FILE'.")]
    public static partial void NoSuffixList(ILogger logger, string path);
}
