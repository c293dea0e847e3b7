namespace WebProxy.Governance.Rights;

/// <summary>A rights request as a person files it (admin API body).</summary>
/// <param name="Kind"><c>correct</c>, <c>complete</c>, <c>delete</c> or <c>block</c>.</param>
/// <param name="Text">Which data and what should change, in the person's own words.</param>
public sealed record RightsRequestFiling(string? Kind, string? Text);

/// <summary>A privacy officer's answer to a rights request (admin API body).</summary>
/// <param name="Outcome"><c>granted</c> or <c>refused</c>.</param>
/// <param name="Text">What was done (granted) or the reasons (refused); required either way.</param>
/// <param name="EraseCapturedRequests">
/// With a granted <c>delete</c> request: also erase every request captured about the person under investigations
/// that have ended, now (refused while one still records or is on legal hold).
/// </param>
/// <param name="BlockCapturedRequests">
/// With a granted <c>block</c> request: block those records instead — kept until their retention ends, shown to the
/// person, no longer provided to the readers (same conditions).
/// </param>
public sealed record RightsRequestAnswer(string? Outcome, string? Text, bool? EraseCapturedRequests = null, bool? BlockCapturedRequests = null);
