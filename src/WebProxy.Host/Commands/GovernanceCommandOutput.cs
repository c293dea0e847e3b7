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
    /// <paramref name="what"/> and returns null (the caller returns <see cref="Refused"/>).
    /// </summary>
    public static async Task<Guid?> ReadIdAsync(ParseResult parseResult, Argument<string> id, string what)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var text = parseResult.GetValue(id) ?? string.Empty;
        if (Guid.TryParse(text, out var value))
        {
            return value;
        }

        await FailAsync(IdArgument, $"'{text}' is not {what} id (a GUID as the command that created it printed it)").ConfigureAwait(false);
        return null;
    }

    /// <summary>The governance database, the directory and the services, as the settings on the command line name them.</summary>
    public static GovernanceRuntime OpenRuntime(ParseResult parseResult, out WebProxySettings settings)
    {
        settings = CommonOptions.LoadSettings(parseResult);
        return GovernanceRuntime.Open(settings, TimeProvider.System);
    }

    /// <summary>Writes <c>error: option: reason</c> (one line) and returns <see cref="Refused"/>.</summary>
    public static async Task<int> FailAsync(string option, string reason)
    {
        var line = $"error: {option}: {reason}".ReplaceLineEndings(" ");
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

    /// <summary>Rows as aligned columns under a header; the last column is not padded.</summary>
    public static string Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = headers.Select((header, i) => rows.Select(r => r[i].Length).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(headers))
        {
            for (var i = 0; i < row.Count; i++)
            {
                text.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Label-value lines, indented, for one thing.</summary>
    public static string Fields(IEnumerable<(string Label, string Value)> fields, string indent = "  ")
    {
        var list = fields.ToList();
        var width = list.Max(f => f.Label.Length) + 2;
        var text = new StringBuilder();
        foreach (var (label, value) in list)
        {
            text.Append(indent).Append(label.PadRight(width)).Append(value.ReplaceLineEndings(" ")).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>JSON in the admin API's shape (camelCase), indented.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions) + "\n";

    /// <summary>A list as the terminal shows it: comma separated, <c>-</c> for none.</summary>
    public static string List(IEnumerable<string>? values) =>
        values is null ? "-" : string.Join(", ", values) is { Length: > 0 } joined ? joined : "-";
}
