using System.Text.Json;

namespace WebProxy.Storage;

/// <summary>What a caller asks <see cref="GovernanceLog.Append"/> to record; the log adds the time, sequence and hashes.</summary>
/// <param name="Actor">Who did it: a directory person's id, or a fixed name such as <c>system</c> for expiries.</param>
/// <param name="Action">What was done.</param>
/// <param name="Subject">Whom it concerns (a directory person's id), when anyone.</param>
/// <param name="Details">A JSON value with the particulars (exemption id, categories, period, ...). Stored as given.</param>
/// <param name="Purpose">The purpose the actor stated, required in practice for <see cref="GovernanceAction.PersonalDataRead"/>.</param>
public sealed record GovernanceEntry(
    string Actor,
    GovernanceAction Action,
    string? Subject = null,
    string Details = "{}",
    string? Purpose = null)
{
    /// <summary>Throws a clear <see cref="ArgumentException"/> when the entry cannot be recorded.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Actor))
        {
            throw new ArgumentException("A governance entry needs an actor.", nameof(Actor));
        }

        // Throws for a value outside the vocabulary.
        _ = GovernanceActionNames.ToName(Action);

        if (Details is null)
        {
            throw new ArgumentException("A governance entry's details must be JSON; use \"{}\" for none.", nameof(Details));
        }

        try
        {
            using var _ = JsonDocument.Parse(Details);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"A governance entry's details are not valid JSON: {e.Message}", nameof(Details), e);
        }

        if (Action is GovernanceAction.PersonalDataRead or GovernanceAction.InvestigationReportRead && string.IsNullOrWhiteSpace(Purpose))
        {
            throw new ArgumentException("Reading personal data needs a stated purpose.", nameof(Purpose));
        }
    }
}
