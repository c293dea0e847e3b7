namespace WebProxy.Statistics.Reports;

/// <summary>Requests under one rule with one decision, summed over a report period.</summary>
/// <param name="Rule">The rule (<c>adult</c>, ..., <c>download-size</c>), or empty for requests no rule applied to.</param>
/// <param name="Decision"><c>allowed</c>, <c>blocked</c> or <c>exempted</c>.</param>
public sealed record RuleDecisionTotals(string Rule, string Decision, long Requests);
