using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Rules;

namespace WebProxy.Governance;

/// <summary>An exemption as the admin API and the command line show it, with its state at the time of the answer.</summary>
/// <param name="State"><c>scheduled</c>, <c>active</c>, <c>ended</c> or <c>revoked</c>.</param>
public sealed record ExemptionView(
    Guid Id,
    string Kind,
    string Subject,
    string GrantedBy,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Reason,
    IReadOnlyList<string>? Categories,
    long? MaxBytes,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    string State)
{
    public static ExemptionView Of(Exemption exemption, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        var state = exemption.RevokedAt is { } revoked && revoked <= now ? "revoked"
            : now < exemption.Start ? "scheduled"
            : now < exemption.End ? "active"
            : "ended";
        return new ExemptionView(
            exemption.Id,
            exemption is ResearchExemption ? "research" : "size",
            exemption.SubjectId,
            exemption.GrantedBy,
            exemption.Start,
            exemption.End,
            exemption.Reason,
            exemption is ResearchExemption research ? [.. research.Categories.Order().Select(RegulationCategoryNames.Name)] : null,
            (exemption as SizeExemption)?.MaxBytes,
            exemption.RevokedAt,
            exemption.RevokedBy,
            state);
    }
}

/// <summary>The body of a revocation: why, in the revoker's words (optional).</summary>
public sealed record RevokeRequest(string? Reason);
