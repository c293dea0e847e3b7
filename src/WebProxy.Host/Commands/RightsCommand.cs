using System.CommandLine;
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
/// without access to the admin port, helped by IT at their desk. Refusals: one line naming the option, exit code 1.
/// </summary>
internal static class RightsCommand
{
    public static Command Create()
    {
        var rights = new Command(
            "rights",
            "The employee's own rights (article 8): their overview, and requests to correct, complete, delete or block, answered by a privacy officer " +
            "within four weeks; through the same services as the admin API. Refusals and input problems: one line 'error: --option: reason', exit code 1.");
        rights.Subcommands.Add(CreateFile());
        rights.Subcommands.Add(CreateList());
        rights.Subcommands.Add(CreateAnswer());
        rights.Subcommands.Add(CreateOverview());
        return rights;
    }

    private static Command CreateFile()
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

            using var runtime = OpenRuntime(parseResult, out var settings);
            var outcome = runtime.RightsRequests.File(Actor.CommandLine(person), new RightsRequestFiling(parseResult.GetValue(kind), typed.Text));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            var view = RightsRequestView.Of(outcome.Value, TimeProvider.System.GetUtcNow());
            await Console.Out.WriteAsync(
                $"Filed rights request {view.Id}:\n{RightsText.Describe(view, ZoneOf(settings))}" +
                $"A privacy officer answers by {Show(view.DueAt, ZoneOf(settings))}; the answer appears in 'webproxy rights overview --by {view.Person}'.\n").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateList()
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

            using var runtime = OpenRuntime(parseResult, out var settings);
            var now = TimeProvider.System.GetUtcNow();
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
                .Select(v => (IReadOnlyList<string>)[v.Id.ToString(), v.Person, v.Kind, Show(v.FiledAt, zone), Show(v.DueAt, zone), v.State, v.Text.ReplaceLineEndings(" ")])
                .ToArray();
            await Console.Out.WriteAsync(Table(["ID", "PERSON", "KIND", "FILED", "DUE", "STATE", "TEXT"], rows)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateAnswer()
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

            using var runtime = OpenRuntime(parseResult, out var settings);
            var answered = runtime.RightsRequests.Answer(
                Actor.CommandLine(person), requestId, new RightsRequestAnswer(parseResult.GetValue(outcome), typed.Text, parseResult.GetValue(erase), parseResult.GetValue(block)));
            if (!answered.Succeeded)
            {
                return await RefuseAsync(answered.Problem).ConfigureAwait(false);
            }

            var view = RightsRequestView.Of(answered.Value, TimeProvider.System.GetUtcNow());
            await Console.Out.WriteAsync($"Answered rights request {view.Id}:\n{RightsText.Describe(view, ZoneOf(settings))}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateOverview()
    {
        var by = By("The person whose overview it is (directory id): their own data, so no purpose and no record.");
        var json = new Option<bool>("--json") { Description = "JSON as the admin API answers GET /api/me/data." };
        var command = new Command(
            "overview",
            "Everything held about the person named by --by (article 8): directory entry, exemptions, disclosed investigations with what was recorded, " +
            "rights requests with their answers, and every governance record about them: who read their data, when and why.");
        command.Options.Add(by);
        command.Options.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await RequireByAsync(parseResult, by, "the overview is of that person's own data").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, out var settings);
            var outcome = runtime.SubjectAccess.Report(Actor.CommandLine(person));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            await Console.Out.WriteAsync(parseResult.GetValue(json) ? Json(outcome.Value) : RightsText.Overview(outcome.Value, ZoneOf(settings))).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Option<string?> By(string description) => new("--by") { Description = description, HelpName = "ID" };

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
