using WebProxy.Storage;

namespace WebProxy.Governance.Rights;

/// <summary>A rights request as the admin API shows it, with its state at the time of the answer.</summary>
/// <param name="State"><c>open</c>, <c>overdue</c> (unanswered from its due date on), <c>granted</c> or <c>refused</c>.</param>
public sealed record RightsRequestView(
    Guid Id,
    string Person,
    string Kind,
    string Text,
    DateTimeOffset FiledAt,
    DateTimeOffset DueAt,
    string State,
    bool Overdue,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    string? Answer)
{
    public static RightsRequestView Of(RightsRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = request.Outcome is { } outcome ? RightsRequestNames.Name(outcome)
            : request.IsOverdue(now) ? "overdue"
            : "open";
        return new RightsRequestView(
            request.Id,
            request.PersonId,
            RightsRequestNames.Name(request.Kind),
            request.Text,
            request.FiledAt,
            request.DueAt,
            state,
            request.IsOverdue(now),
            request.AnsweredBy,
            request.AnsweredAt,
            request.Answer);
    }
}
