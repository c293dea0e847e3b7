using System.CommandLine;
using System.Text;
using WebProxy.Governance;
using static WebProxy.Host.Commands.GovernanceCommandOutput;

namespace WebProxy.Host.Commands;

/// <summary>
/// <c>webproxy directory list|show|set|remove</c>: the directory of people (<c>data/directory.json</c> or
/// <c>Identity.DirectoryFile</c>) on the server's command line, through <see cref="DirectoryService"/>, the same
/// service as the admin API: the same validation, the file replaced atomically, and a <c>directory_changed</c>
/// record for every change. Without <c>--by</c> the actor is the local administrator (whoever can run this on the
/// server can write the file anyway; recorded as <c>local-administrator</c> via <c>cli</c>); with <c>--by</c> the
/// service checks that the person is IT. Passwords are read from standard input, never from an option.
/// </summary>
internal static class DirectoryCommand
{
    /// <param name="clock">The command's one clock, for the services and what they record.</param>
    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var directory = new Command(
            "directory",
            "The directory of people, through the same service as the admin API; every change is recorded in the governance log. " +
            $"Refusals and input problems: one line 'error: --option: reason', exit code 1. {PickUpNote}");
        directory.Subcommands.Add(CreateList(clock));
        directory.Subcommands.Add(CreateShow(clock));
        directory.Subcommands.Add(CreateSet(clock));
        directory.Subcommands.Add(CreateRemove(clock));
        return directory;
    }

    private static Command CreateList(TimeProvider clock)
    {
        var (command, by, purpose, json) = ReadCommand(
            "list", "Show the people (never their password hashes). Reading others needs --purpose, which is recorded.", "GET /api/directory");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = OpenRuntime(parseResult, clock);
            var outcome = runtime.Directory.List(Actor.CommandLine(parseResult.GetValue(by)), parseResult.GetValue(purpose));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteAsync(Json(outcome.Value)).ConfigureAwait(false);
                return 0;
            }

            if (outcome.Value.Count == 0)
            {
                await Console.Out.WriteLineAsync($"The directory is empty ({runtime.State.DirectorySource.Describe()}).").ConfigureAwait(false);
                return 0;
            }

            var rows = outcome.Value
                .Select(p => (IReadOnlyList<string>)[p.Id, p.Name, p.Manager ?? "-", List(p.Roles), Protected(p), p.HasPassword ? "set" : "none"])
                .ToArray();
            await WriteTextAsync(Table(["ID", "NAME", "MANAGER", "ROLES", "PROTECTED", "PASSWORD"], rows)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateShow(TimeProvider clock)
    {
        var id = Id();
        var (command, by, purpose, json) = ReadCommand(
            "show", "Show one person's entry. Reading someone else's needs --purpose, which is recorded.", "GET /api/directory/{id}");
        command.Arguments.Add(id);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = OpenRuntime(parseResult, clock);
            var outcome = runtime.Directory.Get(Actor.CommandLine(parseResult.GetValue(by)), parseResult.GetValue(id) ?? string.Empty, parseResult.GetValue(purpose));
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            await (parseResult.GetValue(json) ? Console.Out.WriteAsync(Json(outcome.Value)) : WriteTextAsync(Describe(outcome.Value, indent: string.Empty))).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateSet(TimeProvider clock)
    {
        var id = Id();
        var name = new Option<string?>("--name") { Description = "The display name.", HelpName = "NAME" };
        var roles = new Option<string[]>("--role")
        {
            Description = "A role: employee, manager, technical-architect, municipal-secretary, mayor, privacy-officer, security-officer, it. Repeat for more; at least one.",
            HelpName = "ROLE",
        };
        var manager = new Option<string?>("--manager") { Description = "The person's manager (directory id); absent for the top of a line.", HelpName = "ID" };
        var protectedRoles = new Option<string[]>("--protected")
        {
            Description = "An article 6.6 role: works-council, go-member, mediator, company-doctor, confidential-role, political-office-holder. Repeat for more.",
            HelpName = "ROLE",
        };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = $"Read a new password (at least {DirectoryService.MinimumPasswordLength} characters) from standard input, one line, " +
                "so it never appears in the shell history or the process list; on a terminal it is asked for without echo. Without it the current password stays.",
        };
        var by = ActingPerson();
        var command = new Command(
            "set",
            "Add a person or replace their entry: name, roles, manager and protected roles as given (an option left out is cleared); " +
            $"the password stays unless --password-stdin is given. {PickUpNote}");
        command.Arguments.Add(id);
        foreach (var option in new Option[] { name, roles, manager, protectedRoles, passwordStdin, by })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? password = null;
            if (parseResult.GetValue(passwordStdin))
            {
                password = ReadPassword();
                if (string.IsNullOrEmpty(password))
                {
                    return await FailAsync("--password-stdin", "no password on standard input (one line)").ConfigureAwait(false);
                }
            }

            var personId = parseResult.GetValue(id) ?? string.Empty;
            var request = new PersonRequest(
                parseResult.GetValue(name), parseResult.GetValue(manager), parseResult.GetValue(roles) ?? [], parseResult.GetValue(protectedRoles) ?? [], password);
            using var runtime = OpenRuntime(parseResult, clock);
            var existed = runtime.State.Directory.Find(personId) is not null;
            var outcome = runtime.Directory.Put(Actor.CommandLine(parseResult.GetValue(by)), personId, request);
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            await WriteTextAsync(
                $"{(existed ? "Updated" : "Added")} {outcome.Value.Id} in {runtime.State.DirectorySource.Describe()}:\n{Describe(outcome.Value, indent: "  ")}{PickUpNote}\n").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateRemove(TimeProvider clock)
    {
        var id = Id();
        var by = ActingPerson();
        var command = new Command("remove", $"Remove a person; refused while someone has them as manager. {PickUpNote}");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = OpenRuntime(parseResult, clock);
            var outcome = runtime.Directory.Remove(Actor.CommandLine(parseResult.GetValue(by)), parseResult.GetValue(id) ?? string.Empty);
            if (!outcome.Succeeded)
            {
                return await RefuseAsync(outcome.Problem).ConfigureAwait(false);
            }

            await Console.Out.WriteAsync($"Removed {outcome.Value} from {runtime.State.DirectorySource.Describe()}.\n{PickUpNote}\n").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// A command that reads the directory: <c>--by</c>, <c>--purpose</c> (recorded) and <c>--json</c> (the answer the
    /// admin API gives to <paramref name="apiRequest"/>).
    /// </summary>
    private static (Command Command, Option<string?> By, Option<string?> Purpose, Option<bool> Json) ReadCommand(string name, string description, string apiRequest)
    {
        var by = ActingPerson();
        var purpose = Purpose();
        var json = new Option<bool>("--json") { Description = $"JSON as the admin API answers {apiRequest}." };
        var command = new Command(name, description);
        command.Options.Add(by);
        command.Options.Add(purpose);
        command.Options.Add(json);
        return (command, by, purpose, json);
    }

    /// <summary>
    /// One line from standard input. When it is a terminal, the password is asked for without echo; when it is a
    /// pipe or a file (scripts), the first line is read as is.
    /// </summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine()?.TrimEnd('\r');
        }

        Console.Error.Write("Password: ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }

    private static string Describe(PersonView person, string indent) => Fields(
    [
        ("id", person.Id),
        ("name", person.Name),
        ("manager", person.Manager ?? "-"),
        ("roles", List(person.Roles)),
        ("protected", Protected(person)),
        ("password", person.HasPassword ? "set" : "none"),
    ], indent);

    /// <summary>Article 6.6 roles, or a note that the person acting may not see them (not "none", which would be a claim).</summary>
    private static string Protected(PersonView person) => person.Protected is null ? "(not shown to you)" : List(person.Protected);

    private static Argument<string> Id() => new("id") { Description = "The person's id (lower-case letters, digits, '.', '_', '-')." };

    private static Option<string?> ActingPerson() => By(
        "Act as this person (directory id; the service checks they are IT, or what they may see). " +
        "Without it: the local administrator, recorded as 'local-administrator' via 'cli'.");
}
