using System.Text.Json;

namespace WebProxy.Policy.Json;

/// <summary>
/// The lines of every value path of a JSON document (<c>lists[2].article</c>, <c>Admin.DirectDomains[1]</c>), each
/// occurrence kept, so errors found after parsing (a <see cref="JsonDocument"/> or a deserialised object has no
/// positions) can name a line, including the line of the second of two duplicate properties. Used for the mapping
/// file and the configuration file alike.
/// </summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, List<int>> _lines;

    /// <param name="json">The document, UTF-8.</param>
    /// <param name="options">The reader options the document is parsed with (comments, trailing commas).</param>
    /// <param name="pathComparer">How paths compare; case-insensitive for a file read case-insensitively.</param>
    public JsonLineMap(ReadOnlySpan<byte> json, JsonReaderOptions options, StringComparer? pathComparer = null)
    {
        _lines = new Dictionary<string, List<int>>(pathComparer ?? StringComparer.Ordinal);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(json, options);
        var frames = new Stack<(string Path, bool IsArray, int Next)>();
        string? property = null;
        while (reader.Read())
        {
            var line = LineOf(lineStarts, (int)reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString()!;
                    Add(Child(frames.Peek().Path, property), line);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                default:
                    string path;
                    if (frames.Count == 0)
                    {
                        path = string.Empty;
                        Add(path, line);
                    }
                    else if (frames.Peek().IsArray)
                    {
                        var frame = frames.Pop();
                        path = $"{frame.Path}[{frame.Next}]";
                        frames.Push(frame with { Next = frame.Next + 1 });
                        Add(path, line);
                    }
                    else
                    {
                        // The property name already recorded this path's line.
                        path = Child(frames.Peek().Path, property!);
                    }

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        frames.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The 1-based line of the <paramref name="occurrence"/>-th appearance of <paramref name="path"/> (0 is the first),
    /// else of its nearest recorded parent; 1 when nothing is recorded.
    /// </summary>
    public int LineOf(string path, int occurrence = 0) => FindLine(path, occurrence) ?? 1;

    /// <summary>
    /// Like <see cref="LineOf"/>, but null when neither the path nor a parent below the root is recorded. A negative
    /// <paramref name="occurrence"/> counts from the end: -1 is the last appearance, the one a deserialiser keeps.
    /// </summary>
    public int? FindLine(string path, int occurrence = 0)
    {
        for (var candidate = path; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (_lines.TryGetValue(candidate, out var lines))
            {
                var index = occurrence < 0 ? lines.Count + occurrence : occurrence;
                return lines[Math.Clamp(index, 0, lines.Count - 1)];
            }

            occurrence = 0;
        }

        return null;
    }

    public static string Child(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private void Add(string path, int line)
    {
        if (!_lines.TryGetValue(path, out var lines))
        {
            _lines[path] = lines = [];
        }

        lines.Add(line);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? string.Empty : path[..cut];
    }

    private static int LineOf(List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
