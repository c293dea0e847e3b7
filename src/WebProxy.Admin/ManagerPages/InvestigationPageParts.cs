using System.Globalization;
using Microsoft.AspNetCore.Routing;
using WebProxy.Governance;
using WebProxy.Policy.Identity;
using WebProxy.Policy.Investigations;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// What the investigation pages share (<see cref="InvestigationListPage"/>, <see cref="InvestigationRequestPage"/>,
/// <see cref="InvestigationDetailPage"/>, <see cref="InvestigationReportPage"/>): the page purpose every read of an
/// investigation states (article 4.3), their mapping, and how an investigation's state and period read on a page. The
/// rules stay <see cref="InvestigationService"/>'s: the pages call it with <see cref="Actor.Page"/> and show its refusals.
/// </summary>
internal static class InvestigationPageParts
{
    /// <summary>The purpose a listing or a detail page states; each is a <c>personal_data_read</c> record per subject.</summary>
    public const string Purpose = "managing investigations (investigation pages)";

    /// <summary>The longest purpose or reason a form accepts (the service trims; this only bounds what is typed).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The link back to the list that a refused investigation page ends with.</summary>
    public const string BackToList = "<p><a href=\"/investigations\">Back to the investigations</a></p>";

    /// <summary>
    /// Maps every investigation page. They need <see cref="InvestigationService"/> registered as a singleton, as the
    /// host does; it is resolved per request, so a host without investigations still serves the other pages.
    /// </summary>
    public static IEndpointRouteBuilder MapInvestigationPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInvestigationListPage();
        endpoints.MapInvestigationRequestPage();
        endpoints.MapInvestigationDetailPage();
        endpoints.MapInvestigationReportPage();
        return endpoints;
    }

    /// <summary>Whether <paramref name="person"/> may request an investigation at all (article 6.2: a manager or security officer).</summary>
    public static bool MayRequest(Person person) => person.HasRole(Role.Manager) || person.HasRole(Role.SecurityOfficer);

    /// <summary>"requested", "approved, recording", "approved, on legal hold, records blocked", … (encoded).</summary>
    public static string State(Investigation investigation, DateTimeOffset now)
    {
        var parts = new List<string> { InvestigationNames.Name(investigation.State) };
        if (InvestigationSet.IsCapturing(investigation, now))
        {
            parts.Add("recording");
        }

        if (investigation.IsOnLegalHold)
        {
            parts.Add("on legal hold");
        }

        if (investigation.Block is not null)
        {
            parts.Add("records blocked");
        }

        return PageHtml.Encode(string.Join(", ", parts));
    }

    /// <summary>"2025-03-03 10:00 to 2025-03-10 10:00" in the admin time zone.</summary>
    public static string Period(Investigation investigation, TimeZoneInfo zone) =>
        $"{PageTimes.Show(investigation.Start, zone)} to {PageTimes.Show(investigation.End, zone)}";

    /// <summary>What a scope records, as article 6.3 puts it.</summary>
    public static string Scope(InvestigationScope scope) => scope == InvestigationScope.Content
        ? "content: time, host, full URL, bytes, category, decision (article 6.3: weighty reasons, the municipal secretary's prior approval)"
        : "traffic: time, host, bytes, category, decision (no URLs, no paths)";

    /// <summary>The kind, with the article it falls under.</summary>
    public static string Kind(InvestigationKind kind) => kind == InvestigationKind.PoliticalOfficeHolder
        ? "political office holder (article 6.7: the mayor decides and alone reads the report)"
        : "regular (article 6.2)";

    /// <summary>A time to the second, in the admin time zone, for the records of a report.</summary>
    public static string Moment(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
