namespace WebProxy.Policy.Investigations;

/// <summary>
/// Which article an investigation rests on, fixed at the request from the subject's protected roles. Stored by name
/// (<see cref="InvestigationNames"/>).
/// </summary>
public enum InvestigationKind
{
    /// <summary><c>regular</c>: article 6.2; approved by the municipal secretary, read by the named readers.</summary>
    Regular,

    /// <summary>
    /// <c>political-office-holder</c>: article 6.7; the subject is a political office holder, only the mayor approves
    /// and only the mayor reads the report.
    /// </summary>
    PoliticalOfficeHolder,
}
