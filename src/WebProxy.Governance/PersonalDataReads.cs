using System.Text.Json;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// Article 4.3 and the ombudsman case: whoever reads someone's personal data states why, and the read leaves a trace
/// the person can later see (article 8). One <c>personal_data_read</c> record per person read about; reading only
/// one's own data needs no purpose and leaves none.
/// </summary>
internal static class PersonalDataReads
{
    public static Problem? Record(GovernanceLog log, Actor actor, IEnumerable<string> subjects, string what, string? purpose)
    {
        var others = subjects
            .Where(s => !string.Equals(s, actor.PersonId, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (others.Length == 0)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(purpose))
        {
            return Problem.Invalid("purpose", "reading other people's data needs a stated purpose (article 4.3); it is written to the governance log");
        }

        var details = JsonSerializer.Serialize(new { what, via = actor.Via }, GovernanceJson.Options);
        foreach (var subject in others)
        {
            log.Append(new GovernanceEntry(actor.PersonId, GovernanceAction.PersonalDataRead, subject, details, purpose.Trim()));
        }

        return null;
    }
}
