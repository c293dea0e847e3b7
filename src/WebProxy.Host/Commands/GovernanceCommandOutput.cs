using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WebProxy.Governance;
using WebProxy.Host.Configuration;
using WebProxy.Host.Governance;

namespace WebProxy.Host.Commands;

/// <summary>
/// What the <c>exemptions</c>, <c>directory</c>, <c>investigations</c> and <c>rights</c> commands share: reading their options, turning a service's
/// <see cref="Problem"/> into one line naming the option (exit code 1), and printing times, tables and JSON.
/// Every rule lives in the services; this class only translates between them and the terminal.
/// </summary>
internal static class GovernanceCommandOutput
{
    /// <summary>
    /// The exit code of a refusal and of every input problem (a missing option, a bad date, a bad id): the command
    /// changed nothing. Configuration problems stay 2, as for every command.
    /// </summary>
    public const int Refused = 1;

    /// <summary>What every changing command says after saving.</summary>
    public const string PickUpNote = "A running proxy picks the change up within a second by itself (it watches the governance log).";

    /// <summary>The example the help and the date errors give.</summary>
    public const string DateExample = "2026-12-01T17:00:00+01:00";

    /// <summary>How the positional id of a command is named in error lines, as the usage shows it.</summary>
    public const string IdArgument = "<id>";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// The option a <see cref="Problem.Field"/> (the admin API's JSON name) is called on the command line; the field
    /// itself when no option corresponds (for example <c>directory</c> when the directory is read-only).
    /// </summary>
    public static string OptionFor(string field) => field switch
    {
        "subject" => "--subject",
        "grantedBy" or "actor" or "revokedBy" => "--by",
        "categories" => "--category",
        "start" => "--start",
        "end" => "--end",
        "reason" => "--reason",
        "maxBytes" => "--max-bytes",
        "purpose" => "--purpose",
        "name" => "--name",
        "roles" => "--role",
        "manager" => "--manager",
        "protected" => "--protected",
        "password" => "--password-stdin",
        "id" or "person" => IdArgument,

        // Investigations (articles 6.2-6.7): whoever requests, decides, withdraws or reads is the person acting.
        "requestedBy" or "decidedBy" or "withdrawnBy" or "reader" => "--by",
        "legalGround" => "--legal-ground",
        "scope" => "--scope",
        "readers" => "--reader",
        "state" or "legalHold" => IdArgument,

        // Rights requests (article 8).
        "kind" => "--kind",
        "text" => "--text",
        "outcome" => "--outcome",
        "overdue" => "--overdue",
        "eraseCapturedRequests" => "--erase-captured-requests",
        "blockCapturedRequests" => "--block-captured-requests",
        "csv" => "--csv",
        _ => field,
    };

    /// <summary>Writes <c>error: --option: reason</c> for a refusal and returns <see cref="Refused"/>.</summary>
    /// <param name="overrides">Fields this command names differently (revoke has no <c>--end</c>: an ended exemption is about its id).</param>
    public static Task<int> RefuseAsync(Problem problem, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var option = overrides is not null && overrides.TryGetValue(problem.Field, out var named) ? named : OptionFor(problem.Field);
        return FailAsync(option, problem.Reason);
    }

    /// <summary><c>--by</c>: the person acting, as a directory id; <paramref name="description"/> says who that is for the command.</summary>
    public static Option<string?> By(string description) => new("--by") { Description = description, HelpName = "ID" };

    /// <summary>
    /// The person acting, from <paramref name="by"/>; when it is missing, writes <c>error: --by: ...</c> with
    /// <paramref name="why"/> and returns null (the caller returns <see cref="Refused"/>).
    /// </summary>
    public static async Task<string?> RequireByAsync(ParseResult parseResult, Option<string?> by, string why)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetValue(by) is { Length: > 0 } person)
        {
            return person;
        }

        await FailAsync("--by", $"name the person acting (their directory id); {why}").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The positional id as a GUID; when it is not one, writes <c>error: &lt;id&gt;: ...</c> naming
    /// <paramref name="what"/> and where such ids come from (<paramref name="printedBy"/>), and returns null (the
    /// caller returns <see cref="Refused"/>).
    /// </summary>
    public static async Task<Guid?> ReadIdAsync(
        ParseResult parseResult, Argument<string> id, string what, string printedBy = "the command that created it printed it")
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var text = parseResult.GetValue(id) ?? string.Empty;
        if (Guid.TryParse(text, out var value))
        {
            return value;
        }

        await FailAsync(IdArgument, $"'{text}' is not {what} id (a GUID as {printedBy})").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The governance database, the directory and the services, as the settings on the command line name them, on
    /// <paramref name="clock"/>: the one clock of the command, which also says what "now" is in what it prints.
    /// </summary>
    public static GovernanceRuntime OpenRuntime(ParseResult parseResult, TimeProvider clock, out WebProxySettings settings)
    {
        settings = CommonOptions.LoadSettings(parseResult);
        return GovernanceRuntime.Open(settings, clock);
    }

    /// <inheritdoc cref="OpenRuntime(ParseResult, TimeProvider, out WebProxySettings)"/>
    public static GovernanceRuntime OpenRuntime(ParseResult parseResult, TimeProvider clock) => OpenRuntime(parseResult, clock, out _);

    /// <summary>Writes <c>error: option: reason</c> (one line) and returns <see cref="Refused"/>.</summary>
    public static async Task<int> FailAsync(string option, string reason)
    {
        // A reason may quote what someone typed (a legal hold's reason, an id): printable, like everything shown.
        var line = Printable($"error: {option}: {reason}".ReplaceLineEndings(" "));
        await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
        return Refused;
    }

    /// <summary>
    /// Reads an instant as the options take it: ISO 8601 with an offset (<see cref="DateExample"/>); without an
    /// offset it is UTC. Absent (null) is fine: the service decides whether it is needed.
    /// </summary>
    public static bool TryReadInstant(string? text, out DateTimeOffset? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        reason = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        reason = $"'{text}' is not a date and time (ISO 8601, e.g. {DateExample})";
        return false;
    }

    /// <summary>The zone times are shown in: the municipality's (<c>Admin.TimeZone</c>), as on the manager pages.</summary>
    public static TimeZoneInfo ZoneOf(WebProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TimeZoneInfo.TryFindSystemTimeZoneById(settings.Admin.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>An instant in ISO 8601 with the zone's offset, e.g. <c>2026-12-01T17:00:00+01:00</c>.</summary>
    public static string Show(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Rows as aligned columns under a header; the last column is not padded. Every cell is one line of printable
    /// text (<see cref="Cell"/>), so a value cannot break the layout or reach the terminal as a control sequence.
    /// </summary>
    public static string Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Prepend(headers).Select(row => row.Select(Cell).ToArray()).ToArray();
        var widths = headers.Select((_, i) => cells.Max(row => row[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Label-value lines, indented, for one thing; each value one line of printable text (<see cref="Cell"/>).</summary>
    public static string Fields(IEnumerable<(string Label, string Value)> fields, string indent = "  ")
    {
        var list = fields.ToList();
        var width = list.Max(f => f.Label.Length) + 2;
        var text = new StringBuilder();
        foreach (var (label, value) in list)
        {
            text.Append(indent).Append(label.PadRight(width)).Append(Cell(value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes text for a person at a terminal to standard output, <see cref="Printable"/>: the one way the governance
    /// commands print what people typed. JSON (which escapes control characters itself) and CSV (a file format,
    /// written as the admin API's export) are written as they are.
    /// </summary>
    public static Task WriteTextAsync(string text) => Console.Out.WriteAsync(Printable(text));

    /// <summary>
    /// <paramref name="text"/> with every control character a terminal would act on replaced by U+FFFD: C0 except tab
    /// and line feed (the layout's own), DEL, C1 (U+0080-U+009F) and the bidirectional controls. Request texts, answers, reasons, purposes, hosts
    /// and URLs come from other people; an escape sequence in one must not hide rows from the privacy officer or
    /// rewrite the screen. One character for one, so the columns stay aligned.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !text.Any(IsTerminalControl)
            ? text
            : string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = IsTerminalControl(source[i]) ? '\uFFFD' : source[i];
                }
            });
    }

    /// <summary>One cell of a table or one value of <see cref="Fields"/>: a single line without tabs, <see cref="Printable"/>.</summary>
    private static string Cell(string value) => Printable(value.ReplaceLineEndings(" ").Replace('\t', ' '));

    // Also the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they make a terminal
    // show text in another order than it is stored, so a reason could read as something it does not say.
    private static bool IsTerminalControl(char c) =>
        c is (< ' ' and not '\t' and not '\n') or '\u007f' or (>= '\u0080' and <= '\u009f') or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    /// <summary>JSON in the admin API's shape (camelCase), indented.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions) + "\n";

    /// <summary>A list as the terminal shows it: comma separated, <c>-</c> for none.</summary>
    public static string List(IEnumerable<string>? values) =>
        values is null ? "-" : string.Join(", ", values) is { Length: > 0 } joined ? joined : "-";

    /// <summary>The categories of a research exemption, or the limit of a size exemption.</summary>
    public static string What(ExemptionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Kind == "research" ? List(view.Categories)
            : view.MaxBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes")
            : "unlimited";
    }

    /// <summary>The <c>--purpose</c> of a read that may include other people's data (article 4.3).</summary>
    public static Option<string?> Purpose() => new("--purpose")
    {
        Description = "Why you read other people's data (article 4.3); required when the answer includes others, and written to the governance log.",
        HelpName = "TEXT",
    };
}
