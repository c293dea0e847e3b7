using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebProxy.Governance;

/// <summary>How governance records' details are serialised: camelCase, compact, stable.</summary>
internal static class GovernanceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The lower-case hex SHA-256 of a free text, for records that must prove which text was given without keeping it
    /// in the log, which is never deleted.
    /// </summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
