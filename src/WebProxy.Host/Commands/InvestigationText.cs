using System.Globalization;
using WebProxy.Admin.Investigations;
using WebProxy.Policy.Investigations;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// An investigation and its report as the <c>investigations</c> command prints them, from the admin API's views; every
/// value through <see cref="GovernanceCommandOutput.Table"/> and <see cref="GovernanceCommandOutput.Fields"/>, so
/// nobody's text (a purpose, a reason, a host or URL) reaches the terminal as a control sequence.
/// </summary>
internal static class InvestigationText
{
    /// <summary>
    /// Label-value lines for one investigation, times in <paramref name="zone"/>, whether it records as at
    /// <paramref name="now"/> (the command's clock); the id only when no heading names it.
    /// </summary>
    public static string Describe(Investigation investigation, TimeZoneInfo zone, DateTimeOffset now, string indent = "  ", bool withId = false)
    {
        var view = InvestigationView.Of(investigation, now);
        var fields = new List<(string, string)>();
        if (withId)
        {
            fields.Add(("id", view.Id.ToString()));
        }

        fields.AddRange(
        [
            ("kind", view.Kind == "political-office-holder" ? "political-office-holder (article 6.7: the mayor approves and reads)" : view.Kind),
            ("subject", view.Subject),
            ("purpose", view.Purpose),
            ("legal ground", view.LegalGround),
            ("scope", view.Scope),
            ("start", Show(view.Start, zone)),
            ("end", Show(view.End, zone)),
            ("readers", List(view.Readers)),
            ("requested", $"{Show(view.RequestedAt, zone)} by {view.RequestedBy}"),
            ("state", State(view)),
        ]);
        if (view.DecidedAt is { } decidedAt)
        {
            fields.Add(("decided", $"{Show(decidedAt, zone)} by {view.DecidedBy}"));
        }

        if (view.RefusalReason is { } refusal)
        {
            fields.Add(("refusal reason", refusal));
        }

        if (view.State is "approved" || view.DeferDisclosure)
        {
            fields.Add(("disclosure", view.DeferDisclosure ? "deferred: the subject sees it once it ended" : "the subject sees it in their overview (article 8)"));
        }

        if (view.CaptureStart is { } captureStart && view.CaptureEnd is { } captureEnd)
        {
            fields.Add(("recording", $"{Show(captureStart, zone)} until {Show(captureEnd, zone)}{(view.Recording ? " (recording now)" : string.Empty)}"));
        }

        if (view.WithdrawnAt is { } withdrawnAt)
        {
            fields.Add(("withdrawn", $"{Show(withdrawnAt, zone)} by {view.WithdrawnBy}{(view.WithdrawalReason is { } why ? $": {why}" : string.Empty)}"));
        }

        if (view.LegalHold is { } hold)
        {
            fields.Add(("legal hold", hold.InForce
                ? $"in force since {Show(hold.SetAt, zone)} by {hold.SetBy}: {hold.Reason}"
                : $"released {Show(hold.ReleasedAt ?? hold.SetAt, zone)} by {hold.ReleasedBy}: {hold.ReleaseReason} (set {Show(hold.SetAt, zone)} by {hold.SetBy}: {hold.Reason})"));
        }

        if (view.RecordsBlockedAt is { } blockedAt)
        {
            fields.Add(("records blocked", $"since {Show(blockedAt, zone)} at the subject's request: kept, no longer provided"));
        }

        return Fields(fields, indent);
    }

    /// <summary>The state, with <c>recording</c> and <c>legal hold</c> when they apply.</summary>
    public static string State(InvestigationView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Recording ? $"{view.State}, recording" : view.State;
        return view.LegalHold is { InForce: true } ? $"{state}, legal hold" : state;
    }

    /// <summary>
    /// The recorded requests as a table, oldest first, times in <paramref name="zone"/>. The URL column exists only for
    /// a content-scope investigation, as in the admin API's CSV (article 6.3).
    /// </summary>
    public static string Records(InvestigationReportView report, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Records.Count == 0)
        {
            return "No requests recorded.\n";
        }

        var withUrl = report.Investigation.Scope == "content";
        string[] headers = withUrl
            ? ["CAPTURED AT", "HOST", "URL", "TO CLIENT", "TO ORIGIN", "CATEGORY", "DECISION"]
            : ["CAPTURED AT", "HOST", "TO CLIENT", "TO ORIGIN", "CATEGORY", "DECISION"];
        var rows = report.Records.Select(r =>
        {
            var row = new List<string> { Show(r.CapturedAt, zone), r.Host };
            if (withUrl)
            {
                row.Add(r.Url ?? "-");
            }

            row.Add(r.BytesToClient.ToString(CultureInfo.InvariantCulture));
            row.Add(r.BytesToOrigin.ToString(CultureInfo.InvariantCulture));
            row.Add(r.Category ?? "-");
            row.Add(r.Decision);
            return (IReadOnlyList<string>)row;
        }).ToArray();
        return Table(headers, rows);
    }
}
