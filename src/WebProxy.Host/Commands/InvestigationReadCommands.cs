using System.CommandLine;
using WebProxy.Admin.Investigations;
using WebProxy.Governance;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy investigations list|show</c>: the investigations a person may know of, as
/// <see cref="InvestigationService.List"/> and <see cref="InvestigationService.Get"/> answer <c>GET /api/investigations</c>
/// and <c>GET /api/investigations/{id}</c>. Reading about others states a purpose, written to the governance log by
/// the service (<c>personal_data_read</c>, <c>via: cli</c>). The records themselves are read with
/// <see cref="InvestigationReportCommand"/>.
/// </summary>
internal static class InvestigationReadCommands
{
    public static Command CreateList(TimeProvider clock)
    {
        var by = By("Who is looking (directory id): they see the investigations the admin API would show them.");
        var purpose = Purpose();
        var json = new Option<bool>("--json") { Description = "JSON as the admin API answers GET /api/investigations." };
        var command = new Command("list", "Show the investigations you may know of, with their state; others' need --purpose, which is recorded.");
        command.Options.Add(by);
        command.Options.Add(purpose);
        command.Options.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await RequireByAsync(parseResult, by, "investigations are read by people, not by the local administrator").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var outcome = runtime.Investigations.List(Actor.CommandLine(person), parseResult.GetValue(purpose));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            var now = clock.GetUtcNow();
            var views = outcome.Value.Select(i => InvestigationView.Of(i, now)).ToArray();
            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteAsync(Json(views)).ConfigureAwait(false);
                return 0;
            }

            if (views.Length == 0)
            {
                await Console.Out.WriteLineAsync("No investigations.").ConfigureAwait(false);
                return 0;
            }

            var zone = ZoneOf(settings);
            var rows = views
                .Select(v => (IReadOnlyList<string>)[v.Id.ToString(), v.Kind, v.Subject, v.Scope, Show(v.Start, zone), Show(v.End, zone), List(v.Readers), InvestigationText.State(v)])
                .ToArray();
            await WriteTextAsync(Table(["ID", "KIND", "SUBJECT", "SCOPE", "START", "END", "READERS", "STATE"], rows)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static Command CreateShow(TimeProvider clock)
    {
        var id = InvestigationsCommand.Id();
        var by = By("Who is looking (directory id).");
        var purpose = Purpose();
        var json = new Option<bool>("--json") { Description = "JSON as the admin API answers GET /api/investigations/{id}." };
        var command = new Command("show", "Show one investigation (not its records); --purpose is required unless it is about you, and is recorded.");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(purpose);
        command.Options.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ReadIdAsync(parseResult, id, "an investigation").ConfigureAwait(false) is not { } investigationId)
            {
                return Refused;
            }

            if (await RequireByAsync(parseResult, by, "investigations are read by people, not by the local administrator").ConfigureAwait(false) is not { } person)
            {
                return Refused;
            }

            using var runtime = OpenRuntime(parseResult, clock, out var settings);
            var outcome = runtime.Investigations.Get(Actor.CommandLine(person), investigationId, parseResult.GetValue(purpose));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            var now = clock.GetUtcNow();
            await (parseResult.GetValue(json)
                ? Console.Out.WriteAsync(Json(InvestigationView.Of(outcome.Value, now)))
                : WriteTextAsync(InvestigationText.Describe(outcome.Value, ZoneOf(settings), now, indent: string.Empty, withId: true))).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Option<string?> Purpose() => new("--purpose")
    {
        Description = "Why you read this personal data (article 4.3); required when it is about others, and written to the governance log.",
        HelpName = "TEXT",
    };
}
