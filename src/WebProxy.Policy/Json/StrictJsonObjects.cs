using System.Collections.Frozen;
using System.Text.Json;

namespace WebProxy.Policy.Json;

/// <summary>
/// The strict reading the project's hand-edited JSON files share (the category mapping, the directory of people):
/// unknown and duplicate fields are errors, and every error carries the path of the field so the caller can name
/// its line. The caller supplies the exception, so each file keeps its own error type.
/// </summary>
internal sealed class StrictJsonObjects(Func<string, string, int, Exception> error)
{
    /// <summary>The fields of an object, refusing any not in <paramref name="known"/> and any given twice.</summary>
    public Dictionary<string, JsonElement> Fields(JsonElement element, string path, FrozenSet<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw error(path, "must be an object", 0);
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = JsonLineMap.Child(path, property.Name);
            var occurrence = seen.GetValueOrDefault(property.Name);
            seen[property.Name] = occurrence + 1;
            if (!known.Contains(property.Name))
            {
                throw error(fieldPath, $"unknown field '{property.Name}'; expected {string.Join(", ", known.Order(StringComparer.Ordinal))}", occurrence);
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw error(fieldPath, $"duplicate field '{property.Name}'", occurrence);
            }
        }

        return fields;
    }

    /// <summary>The items of an array, each with its path (<c>lists[2]</c>).</summary>
    public IEnumerable<(JsonElement Item, string Path)> Items(JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw error(path, "must be an array", 0);
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}[{index++}]");
        }
    }

    /// <summary>A non-empty string field; null when it is absent and not required, or null and <paramref name="nullable"/>.</summary>
    public string? Text(Dictionary<string, JsonElement> fields, string path, string field, bool required, bool nullable = false)
    {
        if (!fields.TryGetValue(field, out var value) || (nullable && value.ValueKind == JsonValueKind.Null))
        {
            return required && value.ValueKind == JsonValueKind.Undefined
                ? throw error(JsonLineMap.Child(path, field), "the field is missing", 0)
                : null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw error(JsonLineMap.Child(path, field), nullable ? "must be a non-empty string or null" : "must be a non-empty string", 0);
        }

        return value.GetString();
    }
}
