using System.CommandLine;
using System.Text.Json;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using WebProxy.Storage;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy rights file|list|answer|overview</c>: the employee's rights of article 8 on the server's command line,
/// through <see cref="RightsRequestService"/> and <see cref="SubjectAccessService"/>, the services behind
/// <c>/api/me/data</c>, <c>/api/me/requests</c> and <c>/api/rights-requests</c>: the same rules (a privacy officer
/// answers; a refusal needs reasons; due 28 days after filing) and the same governance records, with <c>via: cli</c>.
/// <c>file</c> and <c>overview</c> act for the person named by <c>--by</c> about their own data, for an employee
/// without access to the admin port, helped by IT at their desk. Here <c>--by</c> is only asserted by whoever has the
/// shell, so <c>overview</c> records each read (<c>personal_data_read</c> about the person, <c>what: overview</c>,
/// <c>via: cli</c>; article 4.3) and the person sees it in their next overview. Refusals: one line naming the
/// option, exit code 1.
/// </summary>
internal static class RightsCommand
{
    /// <summary>The purpose recorded for an overview printed on the command line when <c>--purpose</c> gives none.</summary>
    public const string OverviewPurpose = "subject-access overview printed on the command line";

    /// <summary>Governance details as the services write them: camelCase, compact.</summary>
    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    /// <param name="clock">The command's one clock: what the services record and what "now" is in what it prints.</param>
    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var rights = new Command(
            "rights",
            "The employee's own rights (article 8): their overview, and requests to correct, complete, delete or block, answered by a privacy officer " +
            "within four weeks; through the same services as the admin API. Refusals and input problems: one line 'error: --option: reason', exit code 1.");
        rights.Subcommands.Add(CreateFile(clock));
        rights.Subcommands.Add(CreateList(clock));
        rights.Subcommands.Add(CreateAnswer(clock));
        rights.Subcommands.Add(CreateOverview(clock));
        return rights;
    }

    private static Command CreateFile(TimeProvider clock)
    {
        var by = By("The person filing, about their own data (directory id); run it with them, for instance at their desk.");
        var kind = new Option<string?>("--kind") { Description = "What is asked: correct, complete, delete or block.", HelpName = "correct|complete|delete|block" };
        var text = new Option<string?>("--text")
        {
            Description = $"Which data it is about and what should change, in the person's own words (at most {RightsRequestService.MaxTextLength} characters).",
            HelpName = "TEXT",
        };
        var textStdin = TextStdin();
        var command = new Command("file", "File a request to correct, complete, delete or block one's own data (article 8); a privacy officer answers within 28 days. Prints the new id.");
        command.Options.Add(by);
        command.Options.Add(kind);
        command.Options.Add(text);
        command.Options.Add(textStdin);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await RequireByAsync(parseResult, by, "a rights request is filed by the person it is about").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            if (await ReadTextAsync(parseResult, text, textStdin).ConfigureAwait(false) is not { } typed)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var outcome = runtime.RightsRequests.File(Actor.CommandLine(person), new RightsRequestFiling(parseResult.GetValue(kind), typed.Text));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            var view = RightsRequestView.Of(outcome.Value, clock.GetUtcNow());
            await WriteTextAsync(
                $"Filed rights request {view.Id}:\n{RightsText.Describe(view, ZoneOf(settings))}" +
                $"A privacy officer answers by {Show(view.DueAt, ZoneOf(settings))}; the answer appears in 'webproxy rights overview --by {view.Person}'.\n").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateList(TimeProvider clock)
    {
        var by = By("The privacy officer looking (directory id).");
        var purpose = new Option<string?>("--purpose")
        {
            Description = "Why you read these requests (article 4.3); required, and written to the governance log once for each person listed.",
            HelpName = "TEXT",
        };
        var overdue = new Option<bool>("--overdue") { Description = "Only the requests past their due date." };
        var json = new Option<bool>("--json") { Description = "JSON as the admin API answers GET /api/rights-requests." };
        var command = new Command("list", "Show the unanswered rights requests, oldest due date first (privacy officers).");
        foreach (var option in new Option[] { by, purpose, overdue, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await RequireByAsync(parseResult, by, "rights requests are read by a privacy officer").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var now = clock.GetUtcNow();
            var outcome = runtime.RightsRequests.ListOpen(Actor.CommandLine(person), parseResult.GetValue(overdue), now, parseResult.GetValue(purpose));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            var views = outcome.Value.Select(r => RightsRequestView.Of(r, now)).ToArray();
            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteAsync(Json(views)).ConfigureAwait(false);
                return 0;
            }

            if (views.Length == 0)
            {
                await Console.Out.WriteLineAsync(parseResult.GetValue(overdue) ? "No overdue rights requests." : "No unanswered rights requests.").ConfigureAwait(false);
                return 0;
            }

            var zone = ZoneOf(settings);
            var rows = views
                .Select(v => (IReadOnlyList<string>)[v.Id.ToString(), v.Person, v.Kind, Show(v.FiledAt, zone), Show(v.DueAt, zone), v.State, v.Text])
                .ToArray();
            await WriteTextAsync(Table(["ID", "PERSON", "KIND", "FILED", "DUE", "STATE", "TEXT"], rows)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateAnswer(TimeProvider clock)
    {
        var id = new Argument<string>("id") { Description = "The rights request's id, as file and list print it." };
        var by = By("The privacy officer answering (directory id).");
        var outcome = new Option<string?>("--outcome") { Description = "granted or refused.", HelpName = "granted|refused" };
        var text = new Option<string?>("--text")
        {
            Description = "What was done (granted) or the reasons (refused); required either way, and given to the person.",
            HelpName = "TEXT",
        };
        var erase = new Option<bool>("--erase-captured-requests")
        {
            Description = "With a granted delete request: erase every request captured about the person under investigations that ended " +
                "(refused, erasing nothing, while one records or is on legal hold).",
        };
        var block = new Option<bool>("--block-captured-requests")
        {
            Description = "With a granted block request: block every request captured about the person under investigations that ended: " +
                "kept until their retention ends, no longer provided to the readers (refused while one records or is on legal hold).",
        };
        var textStdin = TextStdin();
        var command = new Command("answer", "Answer a rights request (privacy officers); an answer after the due date is accepted and recorded as late.");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(outcome);
        command.Options.Add(text);
        command.Options.Add(textStdin);
        command.Options.Add(erase);
        command.Options.Add(block);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ReadIdAsync(parseResult, id, "a rights request").ConfigureAwait(false) is not { } requestId)
            {
                return Refused;
            }

            if (await RequireByAsync(parseResult, by, "rights requests are answered by a privacy officer").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            if (await ReadTextAsync(parseResult, text, textStdin).ConfigureAwait(false) is not { } typed)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var answered = runtime.RightsRequests.Answer(
                Actor.CommandLine(person), requestId, new RightsRequestAnswer(parseResult.GetValue(outcome), typed.Text, parseResult.GetValue(erase), parseResult.GetValue(block)));
            if (!answered.Succeeded)
            {
                return await RefuseAsync(answered.Problem).ConfigureAwait(false);
            }

            var view = RightsRequestView.Of(answered.Value, clock.GetUtcNow());
            await WriteTextAsync($"Answered rights request {view.Id}:\n{RightsText.Describe(view, ZoneOf(settings))}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateOverview(TimeProvider clock)
    {
        var by = By("The person whose overview it is (directory id): their own data, printed for whoever runs the command, so the read is recorded.");
        var purpose = new Option<string?>("--purpose")
        {
            Description = $"Why the overview is printed, for the governance record of the read (optional; default: '{OverviewPurpose}').",
            HelpName = "TEXT",
        };
        var json = new Option<bool>("--json") { Description = "JSON as the admin API answers GET /api/me/data." };
        var command = new Command(
            "overview",
            "Everything held about the person named by --by (article 8): directory entry, exemptions, disclosed investigations with what was recorded, " +
            "rights requests with their answers, and every governance record about them: who read their data, when and why. " +
            "On the command line --by is only asserted by whoever runs it, so each overview printed is itself recorded (article 4.3) and shows in the next one.");
        command.Options.Add(by);
        command.Options.Add(purpose);
        command.Options.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await RequireByAsync(parseResult, by, "the overview is of that person's own data").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var actor = Actor.CommandLine(person);
            var outcome = runtime.SubjectAccess.Report(actor);
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            // Recorded before anything is printed: a read that could not be recorded shows nothing.
            var stated = parseResult.GetValue(purpose);
            runtime.State.Log.Append(new GovernanceEntry(
                actor.PersonId, GovernanceAction.PersonalDataRead, actor.PersonId,
                JsonSerializer.Serialize(new { what = "overview", via = actor.Via }, RecordJson),
                string.IsNullOrWhiteSpace(stated) ? OverviewPurpose : stated.Trim()));
            await (parseResult.GetValue(json)
                ? Console.Out.WriteAsync(Json(outcome.Value))
                : WriteTextAsync(RightsText.Overview(outcome.Value, ZoneOf(settings)))).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>--text-stdin</c>: a request or an answer often names the data it is about; read from standard input it stays
    /// out of the shell history and the process list, where <c>--text</c> would leave it.
    /// </summary>
    private static Option<bool> TextStdin() => new("--text-stdin")
    {
        Description = "Read the text from standard input (all of it) instead of --text, so it stays out of the shell history and the process list.",
    };

    /// <summary>The text from <c>--text</c> or standard input; null, with the error written, when both are given.</summary>
    private static async Task<TypedText?> ReadTextAsync(ParseResult parseResult, Option<string?> text, Option<bool> textStdin)
    {
        if (!parseResult.GetValue(textStdin))
        {
            return new TypedText(parseResult.GetValue(text));
        }

        if (parseResult.GetValue(text) is not null)
        {
            await FailAsync("--text-stdin", "give the text with --text or on standard input, not both").ConfigureAwait(false);
            return null;
        }

        return new TypedText(await Console.In.ReadToEndAsync().ConfigureAwait(false));
    }

    /// <summary>The text as given; the service says when it is missing or too long.</summary>
    private sealed record TypedText(string? Text);
}
