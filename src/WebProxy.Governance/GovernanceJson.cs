using System.Text.Json;

namespace WebProxy.Governance;

/// <summary>How governance records' details are serialised: camelCase, compact, stable.</summary>
internal static class GovernanceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
