using System.Globalization;
using System.Text;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// Rights requests and the article-8 overview as the <c>rights</c> command prints them, for a person to read; every
/// value through <see cref="GovernanceCommandOutput.Table"/> and <see cref="GovernanceCommandOutput.Fields"/>, the
/// whole through <see cref="GovernanceCommandOutput.WriteTextAsync"/>, so nobody's text reaches the terminal as a control sequence.
/// </summary>
internal static class RightsText
{
    /// <summary>Label-value lines for one rights request, its answer included; the id only when no heading names it.</summary>
    public static string Describe(RightsRequestView view, TimeZoneInfo zone, string indent = "  ", bool withId = false)
    {
        ArgumentNullException.ThrowIfNull(view);
        var fields = new List<(string, string)>();
        if (withId)
        {
            fields.Add(("id", view.Id.ToString()));
        }

        fields.AddRange(
        [
            ("person", view.Person),
            ("kind", view.Kind),
            ("text", view.Text),
            ("filed", Show(view.FiledAt, zone)),
            ("due", Show(view.DueAt, zone)),
            ("state", view.State),
        ]);
        if (view.AnsweredAt is { } answeredAt)
        {
            fields.Add(("answered", $"{Show(answeredAt, zone)} by {view.AnsweredBy}"));
            fields.Add(("answer", view.Answer ?? string.Empty));
        }

        return Fields(fields, indent);
    }

    /// <summary>The whole overview, section by section, as readable text.</summary>
    public static string Overview(SubjectAccessReport report, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var person = report.Person;
        text.Append(CultureInfo.InvariantCulture, $"Everything held about {person.Id} ({person.Name}), put together {Show(report.ProducedAt, zone)} (article 8).\n\n");

        text.Append("Directory entry\n").Append(Fields(
        [
            ("id", person.Id),
            ("name", person.Name),
            ("manager", person.Manager ?? "-"),
            ("roles", List(person.Roles)),
            ("protected roles", List(person.Protected)),
            ("password", person.HasPassword ? "set (only a hash is kept)" : "none"),
        ]));

        text.Append(CultureInfo.InvariantCulture, $"\nExemptions ({report.Exemptions.Count})\n");
        if (report.Exemptions.Count > 0)
        {
            text.Append(Indent(Table(
                ["ID", "KIND", "GRANTED BY", "CATEGORIES/LIMIT", "START", "END", "STATE", "REASON"],
                [.. report.Exemptions.Select(e => (IReadOnlyList<string>)[e.Id.ToString(), e.Kind, e.GrantedBy, What(e), Show(e.Start, zone), Show(e.End, zone), e.State, e.Reason])])));
        }

        text.Append(CultureInfo.InvariantCulture, $"\nInvestigations that named you ({report.Investigations.Count})\n");
        text.AppendJoin('\n', report.Investigations.Select(i => Investigation(i, zone)));

        text.Append(CultureInfo.InvariantCulture, $"\nRights requests ({report.RightsRequests.Count})\n");
        text.AppendJoin('\n', report.RightsRequests.Select(r => Describe(r, zone, withId: true)));

        text.Append(CultureInfo.InvariantCulture, $"\nGovernance records about you ({report.GovernanceLog.Count}): who did what with your data, when and why\n");
        if (report.GovernanceLog.Count > 0)
        {
            text.Append(Indent(Table(
                ["SEQ", "WHEN", "WHO", "ACTION", "PURPOSE", "DETAILS"],
                [.. report.GovernanceLog.Select(r => (IReadOnlyList<string>)[
                    r.Sequence.ToString(CultureInfo.InvariantCulture),
                    Show(r.RecordedAt, zone),
                    r.ActorName is { } name ? $"{r.Actor} ({name})" : r.Actor,
                    r.Action,
                    r.Purpose ?? "-",
                    r.Details])])));
        }

        return text.ToString();
    }

    private static string Investigation(SubjectInvestigationView investigation, TimeZoneInfo zone)
    {
        var fields = new List<(string, string)>
        {
            ("id", investigation.Id.ToString()),
            ("kind", investigation.Kind),
            ("scope", investigation.Scope),
            ("state", investigation.State),
            ("purpose", investigation.Purpose),
            ("legal ground", investigation.LegalGround),
            ("period", $"{Show(investigation.Start, zone)} until {Show(investigation.End, zone)}"),
            ("readers", List(investigation.Readers)),
            ("requested", $"{Show(investigation.RequestedAt, zone)} by {investigation.RequestedBy}"),
        };
        if (investigation.DecidedAt is { } decidedAt)
        {
            fields.Add(("decided", $"{Show(decidedAt, zone)} by {investigation.DecidedBy}"));
        }

        if (investigation.RefusalReason is { } refusal)
        {
            fields.Add(("refusal reason", refusal));
        }

        if (investigation.WithdrawnAt is { } withdrawnAt)
        {
            fields.Add(("withdrawn", $"{Show(withdrawnAt, zone)} by {investigation.WithdrawnBy}{(investigation.WithdrawalReason is { } why ? $": {why}" : string.Empty)}"));
        }

        if (investigation.LegalHoldReason is { } hold)
        {
            fields.Add(("legal hold", hold));
        }

        fields.Add(("recorded requests", investigation.Records.Count.ToString(CultureInfo.InvariantCulture)));
        var text = new StringBuilder(Fields(fields));
        if (investigation.Records.Count > 0)
        {
            text.Append(Indent(Table(
                ["CAPTURED AT", "HOST", "URL", "TO CLIENT", "TO ORIGIN", "CATEGORY", "DECISION"],
                [.. investigation.Records.Select(r => (IReadOnlyList<string>)[
                    Show(r.CapturedAt, zone), r.Host, r.Url ?? "-",
                    r.BytesToClient.ToString(CultureInfo.InvariantCulture), r.BytesToOrigin.ToString(CultureInfo.InvariantCulture),
                    r.Category ?? "-", r.Decision])]), "    "));
        }

        return text.ToString();
    }

    private static string Indent(string lines, string indent = "  ") =>
        string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"{indent}{l}\n"));
}
