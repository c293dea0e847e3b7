using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WebProxy.Admin.Governance;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using WebProxy.Policy.Identity;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// <c>GET /me</c>, "My data": article 8's overview of everything held about the signed-in person, the same
/// <see cref="SubjectAccessService.Report"/> as <c>GET /api/me/data</c>, readable without tools. It is their own data,
/// so it takes no purpose and the service records nothing. Its last section is what article 4.3 and the ombudsman case
/// promise: every governance record about them, so they see who read their data, when and why.
/// </summary>
internal static class MyDataPage
{
    private const string Title = "My data";

    public static IEndpointRouteBuilder MapMyDataPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/me", (HttpContext http, AdminSessions sessions, GovernanceEndpointsContext governance, [FromServices] SubjectAccessService access) =>
            ManagerPageEndpoints.WithPerson(http, sessions, governance, person => Show(governance, access, person))).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Show(GovernanceEndpointsContext governance, SubjectAccessService access, Person person)
    {
        var report = access.Report(Actor.Page(person.Id));
        if (!report.Succeeded)
        {
            return RightsPageParts.Refused(Title, report.Problem, person.DisplayName);
        }

        var data = report.Value;
        var zone = governance.TimeZone;
        var directory = governance.State.Directory;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <p>Everything the proxy holds about you (article 8 of the regulation), as of {PageTimes.Show(data.ProducedAt, zone)} ({PageHtml.Encode(zone.Id)}).
            Looking at this page is not recorded: it is your own data. To have something corrected, completed, deleted or blocked,
            <a href="/me/requests">file a request</a>; a privacy officer answers within four weeks.</p>
            """);
        AppendEntry(body, data.Person, directory);
        AppendExemptions(body, data.Exemptions, directory, zone);
        AppendInvestigations(body, data.Investigations, directory, zone);
        body.Append("<h2>Your rights requests</h2>");
        RightsPageParts.AppendRequests(body, data.RightsRequests, directory, zone);
        AppendLog(body, data.GovernanceLog, zone);
        return PageHtml.Page(Title, body.ToString(), person.DisplayName);
    }

    private static void AppendEntry(StringBuilder body, PersonView person, PersonDirectory directory)
    {
        var manager = person.Manager is { } id ? RightsPageParts.Who(id, directory) : "none";
        var protectedRoles = person.Protected is { Count: > 0 } roles ? PageHtml.Encode(string.Join(", ", roles)) : "none";
        body.Append(CultureInfo.InvariantCulture, $"""
            <h2>Your directory entry</h2><table id="entry"><tbody>
            <tr><th scope="row">Name</th><td>{PageHtml.Encode(person.Name)}</td></tr>
            <tr><th scope="row">User name</th><td>{PageHtml.Encode(person.Id)}</td></tr>
            <tr><th scope="row">Roles</th><td>{PageHtml.Encode(string.Join(", ", person.Roles))}</td></tr>
            <tr><th scope="row">Manager</th><td>{manager}</td></tr>
            <tr><th scope="row">Protected role (article 6.6)</th><td>{protectedRoles}</td></tr>
            </tbody></table>
            """);
    }

    private static void AppendExemptions(StringBuilder body, IReadOnlyList<ExemptionView> exemptions, PersonDirectory directory, TimeZoneInfo zone)
    {
        body.Append("<h2>Your exemptions</h2>");
        if (exemptions.Count == 0)
        {
            body.Append("<p id=\"no-exemptions\">No exemption was ever granted to you: the regulation's limits apply to you as to everyone.</p>");
            return;
        }

        body.Append("<table id=\"exemptions\"><thead><tr><th>Exemption</th><th>From</th><th>Until</th><th>Granted by</th><th>Reason</th><th>State</th></tr></thead><tbody>");
        foreach (var exemption in exemptions)
        {
            var state = exemption is { RevokedAt: { } revokedAt, RevokedBy: { } revokedBy } && exemption.State == "revoked"
                ? $"revoked {PageTimes.Show(revokedAt, zone)} by {RightsPageParts.Who(revokedBy, directory)}"
                : PageHtml.Encode(exemption.State);
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-exemption="{exemption.Id}"><td>{PageHtml.Encode(ExemptionText.What(exemption))}</td><td>{PageTimes.Show(exemption.Start, zone)}</td>
                <td>{PageTimes.Show(exemption.End, zone)}</td><td>{RightsPageParts.Who(exemption.GrantedBy, directory)}</td>
                <td>{PageHtml.Encode(exemption.Reason)}</td><td>{state}</td></tr>
                """);
        }

        body.Append("</tbody></table>");
    }

    private static void AppendInvestigations(StringBuilder body, IReadOnlyList<SubjectInvestigationView> investigations, PersonDirectory directory, TimeZoneInfo zone)
    {
        body.Append("<h2>Investigations that named you</h2>");
        if (investigations.Count == 0)
        {
            // Worded so that it says nothing about one not yet disclosed (article 8 allows deferring that to its end).
            body.Append("""
                <p id="no-investigations">None has been disclosed to you. An investigation is shown here once refused, withdrawn or approved,
                or, when the approver deferred disclosure, once its recording ended.</p>
                """);
            return;
        }

        foreach (var investigation in investigations)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <section class="card" data-investigation="{investigation.Id}">
                <h3>{PageTimes.Show(investigation.Start, zone)} to {PageTimes.Show(investigation.End, zone)}: {PageHtml.Encode(investigation.State)}</h3>
                <table class="particulars"><tbody>
                <tr><th scope="row">Purpose</th><td>{PageHtml.Encode(investigation.Purpose)}</td></tr>
                <tr><th scope="row">Legal ground</th><td>{PageHtml.Encode(investigation.LegalGround)}</td></tr>
                <tr><th scope="row">What is recorded</th><td>{Scope(investigation.Scope)}</td></tr>
                <tr><th scope="row">Kind</th><td>{PageHtml.Encode(investigation.Kind)}</td></tr>
                <tr><th scope="row">Requested</th><td>{RightsPageParts.Who(investigation.RequestedBy, directory)}, {PageTimes.Show(investigation.RequestedAt, zone)}</td></tr>
                {Row("Decided", investigation.DecidedBy, investigation.DecidedAt, null, directory, zone)}
                {Row("Refused because", null, null, investigation.RefusalReason, directory, zone)}
                {Row("Withdrawn", investigation.WithdrawnBy, investigation.WithdrawnAt, investigation.WithdrawalReason, directory, zone)}
                {Row("Kept longer (legal hold) because", null, null, investigation.LegalHoldReason, directory, zone)}
                {Row("Blocked at your request: kept, no longer provided to the readers, since", null, investigation.RecordsBlockedAt, null, directory, zone)}
                <tr><th scope="row">Who may read the report</th><td>{string.Join(", ", investigation.Readers.Select(r => RightsPageParts.Who(r, directory)))}</td></tr>
                </tbody></table>
                """);
            AppendRecords(body, investigation, zone);
            body.Append("</section>");
        }
    }

    /// <summary>The requests recorded about the person: traffic data only, and the URL for a content investigation (article 6.3).</summary>
    private static void AppendRecords(StringBuilder body, SubjectInvestigationView investigation, TimeZoneInfo zone)
    {
        if (investigation.Records.Count == 0)
        {
            body.Append("<p class=\"no-records\">Nothing was recorded about you under it.</p>");
            return;
        }

        var withUrls = investigation.Scope == "content";
        body.Append(CultureInfo.InvariantCulture, $"<h4>What was recorded ({investigation.Records.Count.ToString(CultureInfo.InvariantCulture)} requests)</h4>\n");
        CapturedRequestsTable.Append(body, investigation.Records, withUrls,
            tableAttributes: " class=\"records\"", timeHeader: "Time", bytesToClientHeader: "Bytes to you",
            time: at => PageTimes.Show(at, zone), rowAttributes: string.Empty);
    }

    private static void AppendLog(StringBuilder body, IReadOnlyList<SubjectLogEntry> log, TimeZoneInfo zone)
    {
        body.Append("<h2>The governance log about you</h2>");
        if (log.Count == 0)
        {
            body.Append("<p id=\"no-log\">The governance log holds no record about you.</p>");
            return;
        }

        body.Append("""
            <p>Every record about you, oldest first: your sign-ins, what was granted or decided about you, and every time someone
            read your data, with the purpose they had to state (article 4.3). The log is append-only and hash-chained.</p>
            <table id="log"><thead><tr><th>No.</th><th>When</th><th>Who</th><th>What</th><th>Purpose</th><th>Details</th></tr></thead><tbody>
            """);
        foreach (var entry in log)
        {
            var who = entry.ActorName is { } name ? $"{PageHtml.Encode(name)} ({PageHtml.Encode(entry.Actor)})" : PageHtml.Encode(entry.Actor);
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-action="{PageHtml.Encode(entry.Action)}" data-actor="{PageHtml.Encode(entry.Actor)}"><td>{entry.Sequence}</td><td>{PageTimes.Show(entry.RecordedAt, zone)}</td>
                <td>{who}</td><td>{PageHtml.Encode(entry.Action)}</td><td>{PageHtml.Encode(entry.Purpose)}</td><td class="details">{PageHtml.Encode(entry.Details)}</td></tr>
                """);
        }

        body.Append("</tbody></table>");
    }

    /// <summary>A row of the particulars when there is something to say: who and when, and why.</summary>
    private static string Row(string label, string? by, DateTimeOffset? at, string? why, PersonDirectory directory, TimeZoneInfo zone)
    {
        var parts = new List<string>();
        if (by is not null)
        {
            parts.Add(RightsPageParts.Who(by, directory));
        }

        if (at is { } time)
        {
            parts.Add(PageTimes.Show(time, zone));
        }

        if (why is not null)
        {
            parts.Add(PageHtml.Encode(why));
        }

        return parts.Count == 0 ? string.Empty : $"<tr><th scope=\"row\">{PageHtml.Encode(label)}</th><td>{string.Join(", ", parts)}</td></tr>";
    }

    private static string Scope(string scope) => scope == "content"
        ? "content: the full addresses you visited, besides time, host, bytes, category and decision (approved by the municipal secretary, article 6.3)"
        : "traffic: time, host, bytes, category and decision; not the addresses within a site";
}
