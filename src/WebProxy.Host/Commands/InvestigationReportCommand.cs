using System.CommandLine;
using WebProxy.Admin.Investigations;
using WebProxy.Governance;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy investigations report ID --by ID --purpose TEXT [--json|--csv]</c>: the requests recorded for an
/// investigation, for its named readers only, once approved. Each read states a purpose and is written to the
/// governance log by <see cref="InvestigationService.ReadReport"/> exactly as the admin API's
/// <c>GET /api/investigations/{id}/report</c> is (<c>investigation_report_read</c>, with the purpose, the number of
/// records and the format <c>report</c>; <c>via: cli</c>).
/// </summary>
internal static class InvestigationReportCommand
{
    public static Command Create(TimeProvider clock)
    {
        var id = InvestigationsCommand.Id();
        var by = By("The reader: a person named on the investigation with --reader (for a political office holder, the mayor).");
        var purpose = new Option<string?>("--purpose")
        {
            Description = "Why you read the report (article 4.3); required, and written to the governance log with the read.",
            HelpName = "TEXT",
        };
        var json = new Option<bool>("--json") { Description = "JSON as the admin API answers GET /api/investigations/{id}/report." };
        var csv = new Option<bool>("--csv") { Description = "CSV as the admin API's report.csv export (recorded as a csv read)." };
        var command = new Command(
            "report",
            "Show the requests recorded for an investigation: its named readers only, once approved, with a stated purpose; " +
            "each read is written to the governance log (investigation_report_read).");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(purpose);
        command.Options.Add(json);
        command.Options.Add(csv);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ReadIdAsync(parseResult, id, "an investigation").ConfigureAwait(false) is not { } investigationId)
            {
                return Refused;
            }

            if (await RequireByAsync(parseResult, by, "a report is read by the people named on the investigation").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            if (parseResult.GetValue(json) && parseResult.GetValue(csv))
            {
                return await RefuseAsync(Problem.Invalid("csv", "choose --json or --csv, not both")).ConfigureAwait(false);
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var format = parseResult.GetValue(csv) ? "csv" : "report";
            var outcome = runtime.Investigations.ReadReport(Actor.CommandLine(person), investigationId, parseResult.GetValue(purpose), format);
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            if (parseResult.GetValue(csv))
            {
                // The admin API's export as it is, for a file: RFC 4180 quoting, no terminal filtering.
                await Console.Out.WriteAsync(InvestigationReportCsv.Write(outcome.Value)).ConfigureAwait(false);
                return 0;
            }

            var now = clock.GetUtcNow();
            var report = InvestigationReportView.Of(outcome.Value, now);
            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteAsync(Json(report)).ConfigureAwait(false);
                return 0;
            }

            var zone = ZoneOf(settings);
            await WriteTextAsync(
                $"Investigation {report.Investigation.Id}:\n{InvestigationText.Describe(outcome.Value.Investigation, zone, now)}\n" +
                $"{InvestigationText.Records(report, zone)}\n" +
                $"{report.Records.Count} recorded requests. This read is in the governance log with your purpose; the subject sees it once the investigation is disclosed to them (article 8).\n").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
