using System.CommandLine;
using System.Globalization;
using WebProxy.Governance;
using WebProxy.Policy.Investigations;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy investigations request|approve|refuse|withdraw|legal-hold|release-hold|list|show|report</c>: the
/// investigations of articles 6.2-6.7 and the legal hold of article 7.1 on the server's command line. Every action
/// goes through <see cref="InvestigationService"/>, the same service as <c>/api/investigations</c>, so the same rules
/// apply (requester and approver differ; the municipal secretary approves, the mayor alone for a political office
/// holder; nobody with an article-6.6 role is named) and the same governance records are written, with
/// <c>via: cli</c>. Reading an investigation or its report states a purpose, recorded as the admin API records it.
/// <c>--by</c> names the person acting. Refusals and input problems: one line naming the option, exit code 1.
/// </summary>
internal static class InvestigationsCommand
{
    /// <summary>A decision names no subject, period or readers: what stands in the way is the investigation itself.</summary>
    private static readonly Dictionary<string, string> DecisionFields = new(StringComparer.Ordinal)
    {
        ["subject"] = IdArgument,
        ["kind"] = IdArgument,
        ["end"] = IdArgument,
        ["readers"] = IdArgument,
    };

    /// <summary>At the request the kind follows from the subject (article 6.7), so a problem with it is about <c>--subject</c>.</summary>
    private static readonly Dictionary<string, string> RequestFields = new(StringComparer.Ordinal)
    {
        ["kind"] = "--subject",
    };

    /// <param name="clock">The command's one clock: what the services record and what "now" is in what it prints.</param>
    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var investigations = new Command(
            "investigations",
            "Investigations of one person (articles 6.2-6.7) and legal holds (7.1), through the same service as the admin API. " +
            $"Refusals and input problems: one line 'error: --option: reason', exit code 1. {PickUpNote}");
        investigations.Subcommands.Add(CreateRequest(clock));
        investigations.Subcommands.Add(CreateApprove(clock));
        investigations.Subcommands.Add(CreateReasoned(
            clock, "refuse", "Refuse a requested investigation: whoever could approve it, with a reason.",
            "Why it is refused (required; written to the governance log).", (s, a, id, r) => s.Refuse(a, id, r)));
        investigations.Subcommands.Add(CreateReasoned(
            clock, "withdraw", "Withdraw a requested investigation, or stop an approved one before its end (recording stops at once): the requester or the approving role.",
            "Why (optional; written to the governance log).", (s, a, id, r) => s.Withdraw(a, id, r)));
        investigations.Subcommands.Add(CreateReasoned(
            clock, "legal-hold", "Keep an approved investigation's records past their retention (article 7.1): the municipal secretary, with a reason.",
            "The weighty reason to keep the records (required; written to the governance log).", (s, a, id, r) => s.SetLegalHold(a, id, r)));
        investigations.Subcommands.Add(CreateReasoned(
            clock, "release-hold", "Release the legal hold on an investigation's records; retention applies again: the municipal secretary, with a reason.",
            "Why the records need no longer be kept (required; written to the governance log).", (s, a, id, r) => s.ReleaseLegalHold(a, id, r)));
        investigations.Subcommands.Add(InvestigationReadCommands.CreateList(clock));
        investigations.Subcommands.Add(InvestigationReadCommands.CreateShow(clock));
        investigations.Subcommands.Add(InvestigationReportCommand.Create(clock));
        return investigations;
    }

    private static Command CreateRequest(TimeProvider clock)
    {
        var by = By("The requester: a manager or a security officer (directory id).");
        var subject = new Option<string?>("--subject")
        {
            Description = "The person to investigate (directory id). Nobody with an article-6.6 role; a political office holder makes it an article-6.7 investigation, approved and read by the mayor alone.",
            HelpName = "ID",
        };
        var purpose = new Option<string?>("--purpose") { Description = "The suspicion the investigation looks into (article 6.2).", HelpName = "TEXT" };
        var legalGround = new Option<string?>("--legal-ground") { Description = "The legal ground relied on.", HelpName = "TEXT" };
        var scope = new Option<string?>("--scope")
        {
            Description = "traffic (time, host, bytes, category, decision; the default) or content (full URLs as well; article 6.3, only the municipal secretary approves it).",
            HelpName = "traffic|content",
        };
        var start = new Option<string?>("--start") { Description = $"When recording may start (ISO 8601, e.g. {DateExample}; UTC without an offset). Default: now; it waits for the approval in any case.", HelpName = "INSTANT" };
        var end = new Option<string?>("--end") { Description = $"When recording stops by itself (ISO 8601, e.g. {DateExample}); at most Investigations.MaxPeriodDays (14) after the start.", HelpName = "INSTANT" };
        var readers = new Option<string[]>("--reader")
        {
            Description = "A person who may read the report (directory id); nobody else will. Repeat for more; for a political office holder, the mayor only.",
            HelpName = "ID",
        };
        var command = new Command("request", "Request an investigation of one person; it records nothing until it is approved. Prints the new id.");
        foreach (var option in new Option[] { by, subject, purpose, legalGround, scope, start, end, readers })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await RequireByAsync(parseResult, by, "investigations are requested by a manager or a security officer").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            if (!TryReadInstant(parseResult.GetValue(start), out var from, out var startProblem))
            {
                return await FailAsync("--start", startProblem).ConfigureAwait(false);
            }

            if (!TryReadInstant(parseResult.GetValue(end), out var until, out var endProblem))
            {
                return await FailAsync("--end", endProblem).ConfigureAwait(false);
            }

            var request = new InvestigationRequest(
                parseResult.GetValue(subject), parseResult.GetValue(purpose), parseResult.GetValue(legalGround), parseResult.GetValue(scope),
                from, until, parseResult.GetValue(readers) ?? []);
            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var outcome = runtime.Investigations.Request(Actor.CommandLine(person), request);
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem, RequestFields).ConfigureAwait(false);
            }

            var approver = outcome.Value.Kind == InvestigationKind.PoliticalOfficeHolder ? "the mayor" : "the municipal secretary";
            await WriteTextAsync(
                $"Requested investigation {outcome.Value.Id}:\n{InvestigationText.Describe(outcome.Value, ZoneOf(settings), clock.GetUtcNow())}" +
                $"It records nothing until {approver} approves it.\n").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateApprove(TimeProvider clock)
    {
        var id = Id();
        var by = By("The approver: the municipal secretary, or the mayor for a political office holder; never the requester (directory id).");
        var deferDisclosure = new Option<bool>("--defer-disclosure")
        {
            Description = "The subject sees the investigation in their own overview (article 8) only after it ended, instead of at once.",
        };
        var command = new Command("approve", $"Approve a requested investigation; recording starts at its start. {PickUpNote}");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(deferDisclosure);
        command.SetAction((parseResult, cancellationToken) => DecideAsync(parseResult, clock, id, by, "Approved investigation {0}",
            (service, actor, investigation) => service.Approve(actor, investigation, new InvestigationApprovalRequest(parseResult.GetValue(deferDisclosure)))));
        return command;
    }

    /// <summary>A decision that takes <c>--reason</c>: refuse, withdraw, legal hold and its release.</summary>
    private static Command CreateReasoned(
        TimeProvider clock, string name, string description, string reasonDescription, Func<InvestigationService, Actor, Guid, string?, Outcome<Investigation>> act)
    {
        var id = Id();
        var by = By("The person acting (directory id); the service checks they may.");
        var reason = new Option<string?>("--reason") { Description = reasonDescription, HelpName = "TEXT" };
        var command = new Command(name, $"{description} {PickUpNote}");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(reason);
        var done = name switch
        {
            "refuse" => "Refused investigation {0}",
            "withdraw" => "Withdrew investigation {0}",
            "legal-hold" => "Put investigation {0} on legal hold",
            _ => "Released the legal hold on investigation {0}",
        };
        command.SetAction((parseResult, cancellationToken) =>
            DecideAsync(parseResult, clock, id, by, done, (service, actor, investigation) => act(service, actor, investigation, parseResult.GetValue(reason))));
        return command;
    }

    /// <param name="done">What the first line says, with <c>{0}</c> for the id.</param>
    private static async Task<int> DecideAsync(
        ParseResult parseResult, TimeProvider clock, Argument<string> id, Option<string?> by, string done, Func<InvestigationService, Actor, Guid, Outcome<Investigation>> act)
    {
        if (await ReadIdAsync(parseResult, id, "an investigation").ConfigureAwait(false) is not { } investigationId)
        {
            return Refused;
        }

        if (await RequireByAsync(parseResult, by, "investigations are decided by people, not by the local administrator").ConfigureAwait(false) is not { } person)
        {
            return Refused;
        }

        using var runtime = OpenRuntime(parseResult, clock, out var settings);
        var outcome = act(runtime.Investigations, Actor.CommandLine(person), investigationId);
        if (!outcome.Succeeded)
        {
            return await RefuseAsync(outcome.Problem, DecisionFields).ConfigureAwait(false);
        }

        await WriteTextAsync(
            $"{string.Format(CultureInfo.InvariantCulture, done, outcome.Value.Id)}:\n{InvestigationText.Describe(outcome.Value, ZoneOf(settings), clock.GetUtcNow())}{PickUpNote}\n").ConfigureAwait(false);
        return 0;
    }

    internal static Argument<string> Id() => new("id") { Description = "The investigation's id, as request and list print it." };
}
