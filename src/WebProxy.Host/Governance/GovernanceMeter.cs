namespace WebProxy.Host.Governance;

/// <summary>The meter of the governance metrics (rights requests, retention); the exporter takes every <c>WebProxy*</c> meter.</summary>
internal static class GovernanceMeter
{
    public const string Name = "WebProxy.Governance";
}
