using System.Text.Json;
using System.Text.Json.Serialization;
using WebProxy.Policy.Json;

namespace WebProxy.Host.Configuration;

/// <summary>
/// Reads <c>webproxy.json</c> strictly: unknown fields, wrong types and invalid values stop the start with a
/// message naming the file, the line and the field. A proxy that starts with half its configuration ignored
/// would enforce a regulation nobody configured.
/// </summary>
public static class SettingsLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Loads and validates the file, or returns the embedded defaults when <paramref name="path"/> is null.</summary>
    /// <exception cref="ConfigurationException">The file is missing, unreadable, malformed or invalid.</exception>
    public static WebProxySettings Load(string? path)
    {
        if (path is null)
        {
            return Validated(new WebProxySettings(), "(defaults)", null);
        }

        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the configuration file: {ex.Message}", ex);
        }

        // Editors on Windows save UTF-8 with a byte order mark; the JSON reader does not skip it.
        if (json.AsSpan().StartsWith(Utf8ByteOrderMark))
        {
            json = json[Utf8ByteOrderMark.Length..];
        }

        WebProxySettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<WebProxySettings>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } zeroBased ? zeroBased + 1 : 1;
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" field {ex.Path.TrimStart('$', '.')}:";
            throw new ConfigurationException($"{path}:{line}:{field} {FirstSentence(ex.Message)}", ex);
        }

        var lines = new JsonLineMap(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }, StringComparer.OrdinalIgnoreCase);
        return Validated(settings ?? new WebProxySettings(), path, lines);
    }

    private static WebProxySettings Validated(WebProxySettings settings, string file, JsonLineMap? lines)
    {
        var problems = SettingsValidator.Validate(settings);
        if (problems.Count == 0)
        {
            return settings;
        }

        var messages = problems.Select(p => $"{file}:{lines?.FindLine(p.Field, occurrence: -1) ?? 1}: field {p.Field}: {p.Message}");
        throw new ConfigurationException(string.Join(Environment.NewLine, messages));
    }

    // System.Text.Json appends "Path: $.x | LineNumber: n | BytePositionInLine: m." which we already say better.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
