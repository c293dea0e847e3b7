using System.CommandLine;
using System.Globalization;
using WebProxy.Governance;
using WebProxy.Host.Governance;
using WebProxy.Policy.Exemptions;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy exemptions grant research|grant size|revoke|list</c>: the exemptions of article 5.4 on the server's
/// command line. Every action goes through <see cref="ExemptionService"/>, the same service the admin API and the
/// manager pages call, so the same rules apply (research: the subject's direct manager; size: a technical
/// architect; at most <c>Identity.MaxExemptionDays</c>) and the same governance records are written, with
/// <c>via: cli</c>. <c>--by</c> names the person acting; the command line trusts whoever runs it on the server as
/// it trusts whoever can write the data folder. Refusals and input problems: one line naming the option, exit code 1.
/// </summary>
internal static class ExemptionsCommand
{
    /// <summary>A revocation has no <c>--end</c>: an ended or revoked exemption is a problem with the id given.</summary>
    private static readonly Dictionary<string, string> RevokeFields = new(StringComparer.Ordinal)
    {
        ["end"] = IdArgument,
        ["revokedAt"] = IdArgument,
    };

    /// <summary>Why <c>--by</c> is required: there is no local administrator here.</summary>
    private const string ByPeople = "exemptions are granted, revoked and read by people, not by the local administrator";

    /// <param name="clock">The command's one clock: what the services record and what "now" is in what it prints.</param>
    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var grant = new Command("grant", "Grant an exemption: research (blocked categories) or size (oversized transfers).");
        grant.Subcommands.Add(CreateGrantResearch(clock));
        grant.Subcommands.Add(CreateGrantSize(clock));

        var exemptions = new Command(
            "exemptions",
            "Time-boxed exemptions (article 5.4), through the same service as the admin API. Refusals and input problems: " +
            $"one line 'error: --option: reason', exit code 1. {PickUpNote}");
        exemptions.Subcommands.Add(grant);
        exemptions.Subcommands.Add(CreateRevoke(clock));
        exemptions.Subcommands.Add(CreateList(clock));
        return exemptions;
    }

    private static Command CreateGrantResearch(TimeProvider clock)
    {
        var by = By("The subject's direct manager, who grants it (directory id).");
        var subject = Subject();
        var categories = new Option<string[]>("--category")
        {
            Description = "A blocked category the subject may visit: adult, hate, gambling, chat, warez. Repeat for more.",
            HelpName = "CATEGORY",
        };
        var (start, end, reason) = PeriodAndReason("The investigation or control task it serves (written to the governance log).");
        var command = new Command("research", $"Let a person visit blocked categories for an investigation or control task. {PickUpNote}");
        foreach (var option in new Option[] { by, subject, categories, start, end, reason })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ReadGrantAsync(parseResult, by, subject, start, end).ConfigureAwait(false) is not { } input)
            {
                return Refused;
            }

            var request = new ResearchGrantRequest(
                input.Subject, parseResult.GetValue(categories) ?? [], input.Start, input.End, parseResult.GetValue(reason));
            return await GrantAsync(parseResult, clock, runtime => runtime.Exemptions.GrantResearch(Actor.CommandLine(input.By), request)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateGrantSize(TimeProvider clock)
    {
        var by = By("The technical architect who grants it after the consultation (directory id).");
        var subject = Subject();
        var maxBytes = new Option<string?>("--max-bytes")
        {
            Description = "The largest transfer allowed, in bytes (a positive whole number, e.g. 5368709120 for 5 GiB).",
            HelpName = "BYTES",
        };
        var unlimited = new Option<bool>("--unlimited") { Description = "No size limit at all for the subject (instead of --max-bytes)." };
        var (start, end, reason) = PeriodAndReason("The outcome of the consultation (written to the governance log).");
        var command = new Command("size", $"Let a person transfer more than the download and upload limits. {PickUpNote}");
        foreach (var option in new Option[] { by, subject, maxBytes, unlimited, start, end, reason })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ReadGrantAsync(parseResult, by, subject, start, end).ConfigureAwait(false) is not { } input)
            {
                return Refused;
            }

            long? limit = null;
            var limitText = parseResult.GetValue(maxBytes);
            var noLimit = parseResult.GetValue(unlimited);
            if (limitText is not null && noLimit)
            {
                return await FailAsync("--max-bytes", "give either --max-bytes or --unlimited, not both").ConfigureAwait(false);
            }

            if (limitText is null && !noLimit)
            {
                return await FailAsync("--max-bytes", "give the largest transfer in bytes, or --unlimited for no limit").ConfigureAwait(false);
            }

            if (limitText is not null)
            {
                if (!long.TryParse(limitText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return await FailAsync("--max-bytes", $"'{limitText}' is not a whole number of bytes").ConfigureAwait(false);
                }

                limit = parsed;
            }

            var request = new SizeGrantRequest(input.Subject, limit, input.Start, input.End, parseResult.GetValue(reason));
            return await GrantAsync(parseResult, clock, runtime => runtime.Exemptions.GrantSize(Actor.CommandLine(input.By), request)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateRevoke(TimeProvider clock)
    {
        var id = new Argument<string>("id") { Description = "The exemption's id, as grant and list print it." };
        var by = By("Who revokes it: the grantor, a privacy officer or a manager in the subject's line (directory id).");
        var reason = new Option<string?>("--reason") { Description = "Why it is revoked (written to the governance log).", HelpName = "TEXT" };
        var command = new Command("revoke", $"End an exemption at once. {PickUpNote}");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(reason);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ReadIdAsync(parseResult, id, "an exemption", printedBy: "grant and list print it").ConfigureAwait(false) is not { } exemptionId)
            {
                return Refused;
            }

            if (await RequireByAsync(parseResult, by, ByPeople).ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var outcome = runtime.Exemptions.Revoke(Actor.CommandLine(person), exemptionId, parseResult.GetValue(reason));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem, RevokeFields).ConfigureAwait(false);
            }

            await WriteTextAsync(
                $"Revoked exemption {outcome.Value.Id}:\n{Describe(outcome.Value, ZoneOf(settings), clock.GetUtcNow())}{PickUpNote}\n").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateList(TimeProvider clock)
    {
        var by = By("Who is looking (directory id): they see what the admin API would show them.");
        var subject = new Option<string?>("--subject") { Description = "Only this person's exemptions.", HelpName = "ID" };
        var active = new Option<bool>("--active") { Description = "Only those that apply now." };
        var purpose = Purpose();
        var json = new Option<bool>("--json") { Description = "JSON as the admin API answers GET /api/exemptions." };
        var command = new Command("list", "Show exemptions with their state (scheduled, active, ended, revoked).");
        foreach (var option in new Option[] { by, subject, active, purpose, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await RequireByAsync(parseResult, by, ByPeople).ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var query = new ExemptionQuery(parseResult.GetValue(subject), parseResult.GetValue(active));
            var outcome = runtime.Exemptions.List(Actor.CommandLine(person), query, parseResult.GetValue(purpose));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            var now = clock.GetUtcNow();
            var views = outcome.Value.Select(e => ExemptionView.Of(e, now)).ToArray();
            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteAsync(Json(views)).ConfigureAwait(false);
                return 0;
            }

            if (views.Length == 0)
            {
                await Console.Out.WriteLineAsync("No exemptions.").ConfigureAwait(false);
                return 0;
            }

            var zone = ZoneOf(settings);
            var rows = views
                .Select(v => (IReadOnlyList<string>)[v.Id.ToString(), v.Kind, v.Subject, What(v), Show(v.Start, zone), Show(v.End, zone), v.State])
                .ToArray();
            await WriteTextAsync(Table(["ID", "KIND", "SUBJECT", "CATEGORIES/LIMIT", "START", "END", "STATE"], rows)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private sealed record GrantInput(string By, string Subject, DateTimeOffset? Start, DateTimeOffset? End);

    /// <summary>The options every grant shares, read and checked for form; the service checks everything else.</summary>
    private static async Task<GrantInput?> ReadGrantAsync(
        ParseResult parseResult, Option<string?> by, Option<string?> subject, Option<string?> start, Option<string?> end)
    {
        if (await RequireByAsync(parseResult, by, ByPeople).ConfigureAwait(false) is not { } person)
        {
            return null;
        }

        if (parseResult.GetValue(subject) is not { Length: > 0 } subjectId)
        {
            await FailAsync("--subject", "name the person the exemption is for (their directory id)").ConfigureAwait(false);
            return null;
        }

        if (!TryReadInstant(parseResult.GetValue(start), out var from, out var startProblem))
        {
            await FailAsync("--start", startProblem).ConfigureAwait(false);
            return null;
        }

        if (!TryReadInstant(parseResult.GetValue(end), out var until, out var endProblem))
        {
            await FailAsync("--end", endProblem).ConfigureAwait(false);
            return null;
        }

        return new GrantInput(person, subjectId, from, until);
    }

    private static async Task<int> GrantAsync(ParseResult parseResult, TimeProvider clock, Func<GovernanceRuntime, Outcome<Exemption>> grant)
    {
        using var runtime = OpenRuntime(parseResult, clock, out var settings);
        var outcome = grant(runtime);
        if (!outcome.Succeeded)
        {
            return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
        }

        await WriteTextAsync($"Granted exemption {outcome.Value.Id}:\n{Describe(outcome.Value, ZoneOf(settings), clock.GetUtcNow())}{PickUpNote}\n").ConfigureAwait(false);
        return 0;
    }

    private static string Describe(Exemption exemption, TimeZoneInfo zone, DateTimeOffset now)
    {
        var view = ExemptionView.Of(exemption, now);
        var fields = new List<(string, string)>
        {
            ("kind", view.Kind),
            ("subject", view.Subject),
            ("granted by", view.GrantedBy),
            (view.Kind == "research" ? "categories" : "limit", What(view)),
            ("start", Show(view.Start, zone)),
            ("end", Show(view.End, zone)),
            ("reason", view.Reason),
            ("state", view.State),
        };
        if (view.RevokedAt is { } revokedAt)
        {
            fields.Add(("revoked", $"{Show(revokedAt, zone)} by {view.RevokedBy}"));
        }

        return Fields(fields);
    }

    private static Option<string?> Subject() => new("--subject") { Description = "The person the exemption is for (directory id).", HelpName = "ID" };

    private static (Option<string?> Start, Option<string?> End, Option<string?> Reason) PeriodAndReason(string reasonDescription) =>
    (
        new("--start") { Description = $"When it starts (ISO 8601, e.g. {DateExample}; UTC without an offset). Default: now.", HelpName = "INSTANT" },
        new("--end") { Description = $"When it ends by itself (ISO 8601, e.g. {DateExample}); at most Identity.MaxExemptionDays (90) after the start.", HelpName = "INSTANT" },
        new("--reason") { Description = reasonDescription, HelpName = "TEXT" }
    );
}
