namespace WebProxy.Governance;

/// <summary>A research exemption as asked for (admin API body, manager page form, command line options).</summary>
/// <param name="Subject">The person's id.</param>
/// <param name="Categories">Regulation category names: <c>adult</c>, <c>hate</c>, <c>gambling</c>, <c>chat</c>, <c>warez</c>.</param>
/// <param name="Start">When it starts; null for now.</param>
/// <param name="End">When it ends by itself.</param>
/// <param name="Reason">Why: the investigation or control task it serves.</param>
public sealed record ResearchGrantRequest(string? Subject, IReadOnlyList<string>? Categories, DateTimeOffset? Start, DateTimeOffset? End, string? Reason);

/// <summary>An oversized-transfer exemption as asked for.</summary>
/// <param name="Subject">The person's id.</param>
/// <param name="MaxBytes">The largest transfer allowed, in bytes; null for no limit.</param>
/// <param name="Start">When it starts; null for now.</param>
/// <param name="End">When it ends by itself.</param>
/// <param name="Reason">Why: the outcome of the consultation.</param>
public sealed record SizeGrantRequest(string? Subject, long? MaxBytes, DateTimeOffset? Start, DateTimeOffset? End, string? Reason);

/// <summary>Which exemptions to list; every filter is optional.</summary>
/// <param name="Subject">Only this person's.</param>
/// <param name="ActiveOnly">Only those that apply now.</param>
public sealed record ExemptionQuery(string? Subject = null, bool ActiveOnly = false);
