using Microsoft.Data.Sqlite;
using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Rules;

namespace WebProxy.Storage;

/// <summary>How an <see cref="Exemption"/> maps onto a row of the <c>exemptions</c> table.</summary>
internal static class ExemptionRow
{
    private const string Research = "research";
    private const string Size = "size";

    public static void Bind(SqliteCommand command, Exemption exemption)
    {
        command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(exemption.Id));
        command.Parameters.AddWithValue("$subject", exemption.SubjectId);
        command.Parameters.AddWithValue("$granted_by", exemption.GrantedBy);
        command.Parameters.AddWithValue("$start_at", GovernanceHash.FormatTimestamp(exemption.Start));
        command.Parameters.AddWithValue("$end_at", GovernanceHash.FormatTimestamp(exemption.End));
        command.Parameters.AddWithValue("$reason", exemption.Reason);
        switch (exemption)
        {
            case ResearchExemption research:
                command.Parameters.AddWithValue("$kind", Research);
                command.Parameters.AddWithValue("$categories", string.Join(',', research.Categories.Order().Select(RegulationCategoryNames.Name)));
                command.Parameters.AddWithValue("$max_bytes", DBNull.Value);
                break;
            case SizeExemption size:
                command.Parameters.AddWithValue("$kind", Size);
                command.Parameters.AddWithValue("$categories", DBNull.Value);
                command.Parameters.AddWithValue("$max_bytes", (object?)size.MaxBytes ?? DBNull.Value);
                break;
            default:
                throw new ArgumentException($"Unknown kind of exemption {exemption.GetType().Name}.", nameof(exemption));
        }
    }

    /// <summary>Reads the row at the reader's position (columns in <see cref="ExemptionStore"/>'s order).</summary>
    public static Exemption Read(SqliteDataReader reader)
    {
        var idText = reader.GetString(0);
        if (!Guid.TryParseExact(idText, "D", out var id))
        {
            throw Unreadable(idText, "id");
        }

        var start = GovernanceRows.Time(reader, 4, idText, "start_at", Unreadable);
        var end = GovernanceRows.Time(reader, 5, idText, "end_at", Unreadable);
        var revokedAt = GovernanceRows.OptionalTime(reader, 9, idText, "revoked_at", Unreadable);
        var subject = reader.GetString(2);
        var grantedBy = reader.GetString(3);
        var reason = reader.GetString(6);
        var revokedBy = reader.IsDBNull(10) ? null : reader.GetString(10);
        var expiryRecorded = reader.GetInt64(11) != 0;
        return reader.GetString(1) switch
        {
            Research => new ResearchExemption
            {
                Id = id, SubjectId = subject, GrantedBy = grantedBy, Start = start, End = end, Reason = reason,
                RevokedAt = revokedAt, RevokedBy = revokedBy, ExpiryRecorded = expiryRecorded,
                Categories = Categories(reader.IsDBNull(7) ? string.Empty : reader.GetString(7), idText),
            },
            Size => new SizeExemption
            {
                Id = id, SubjectId = subject, GrantedBy = grantedBy, Start = start, End = end, Reason = reason,
                RevokedAt = revokedAt, RevokedBy = revokedBy, ExpiryRecorded = expiryRecorded,
                MaxBytes = reader.IsDBNull(8) ? null : reader.GetInt64(8),
            },
            var kind => throw Unreadable(idText, $"kind '{kind}'"),
        };
    }

    private static HashSet<RegulationCategory> Categories(string text, string id)
    {
        var categories = new HashSet<RegulationCategory>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!RegulationCategoryNames.TryParse(name, out var category))
            {
                throw Unreadable(id, $"category '{name}'");
            }

            categories.Add(category);
        }

        return categories.Count > 0 ? categories : throw Unreadable(id, "categories");
    }

    private static InvalidDataException Unreadable(string id, string what) =>
        new($"Exemption {id} in the governance database cannot be read ({what}); it was changed outside WebProxy.");
}
