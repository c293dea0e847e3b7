namespace WebProxy.Policy.Connect;

/// <summary>A CONNECT decision and the rule behind it, for the per-category statistics (issue 5).</summary>
/// <param name="Action">What to do.</param>
/// <param name="Rule">The rule's name (a regulation category) that refused it or that an exemption lifted; else null.</param>
/// <param name="Exempted">True when it is allowed only because of the person's exemption.</param>
public readonly record struct ConnectVerdict(ConnectAction Action, string? Rule, bool Exempted);
