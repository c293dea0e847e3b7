using WebProxy.Policy.Investigations;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>An investigation as asked for (admin API body, command line options).</summary>
/// <param name="Subject">The person's id.</param>
/// <param name="Purpose">What it is for: the suspicion it looks into (article 6.2).</param>
/// <param name="LegalGround">The legal ground relied on (text).</param>
/// <param name="Scope"><c>traffic</c> (time, host, bytes, category, decision) or <c>content</c> (full URLs as well); null for traffic.</param>
/// <param name="Start">When recording may start; null for now (it waits for the approval in any case).</param>
/// <param name="End">When recording stops by itself; at most the maximum period after the start.</param>
/// <param name="Readers">The ids of the people who may read the report; for a political office holder, the mayor.</param>
public sealed record InvestigationRequest(
    string? Subject,
    string? Purpose,
    string? LegalGround,
    string? Scope,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    IReadOnlyList<string>? Readers);

/// <summary>The body of an approval.</summary>
/// <param name="DeferDisclosure">Whether the subject learns of the investigation only after it ended (article 8).</param>
public sealed record InvestigationApprovalRequest(bool DeferDisclosure = false);

/// <summary>The body of a refusal, a withdrawal, or the setting or release of a legal hold: why.</summary>
public sealed record InvestigationReasonRequest(string? Reason);

/// <summary>An investigation's report: the investigation and every request recorded for it, oldest first.</summary>
public sealed record InvestigationReport(Investigation Investigation, IReadOnlyList<CapturedRequest> Records);
