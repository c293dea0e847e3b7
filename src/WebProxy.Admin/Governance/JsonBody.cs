using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebProxy.Governance;

namespace WebProxy.Admin.Governance;

/// <summary>
/// Reads a JSON request body strictly enough to answer every mistake with a problem naming the field: not JSON, a
/// wrong type (<c>"end": 5</c>), an unknown field (a typo would otherwise be silently ignored).
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem.Invalid("body", "send the body as application/json");
        }

        if (request.ContentLength > MaxBytes)
        {
            return Problem.Invalid("body", $"the body is larger than {MaxBytes} bytes");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? Problem.Invalid("body", "the body must be a JSON object") : value;
        }
        catch (JsonException ex)
        {
            return Describe(ex);
        }
    }

    /// <summary>The serializer's messages name .NET types; these name the field and what was expected.</summary>
    private static Problem Describe(JsonException ex)
    {
        const string Unmapped = "The JSON property '";
        if (ex.Message.StartsWith(Unmapped, StringComparison.Ordinal))
        {
            var name = ex.Message[Unmapped.Length..];
            name = name[..Math.Max(0, name.IndexOf('\'', StringComparison.Ordinal))];
            return Problem.Invalid(name, $"unknown field '{name}'");
        }

        var field = FieldOf(ex.Path);
        return field == "body" || ex.LineNumber is null
            ? Problem.Invalid("body", "the body is not a valid JSON object")
            : Problem.Invalid(field, $"'{field}' has the wrong type: expected text, a list of text, a whole number or an ISO 8601 date and time as documented");
    }

    /// <summary>The field of a JSON path such as <c>$.end</c> or <c>$.categories[1]</c>.</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? field[..bracket] : field;
    }
}
