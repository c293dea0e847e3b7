using System.Text.Json;

namespace WebProxy.Policy.Rules;

/// <summary>
/// The lines of every value path of a JSON document (<c>lists[2].article</c>), each occurrence kept, so errors found
/// while walking a <see cref="JsonDocument"/> (which has no positions) can name a line, including the line of the
/// second of two duplicate properties.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, List<int>> _lines = new(StringComparer.Ordinal);

    public JsonLineMap(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
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
    public int LineOf(string path, int occurrence = 0)
    {
        for (var candidate = path; ; candidate = Parent(candidate))
        {
            if (_lines.TryGetValue(candidate, out var lines))
            {
                return lines[Math.Min(occurrence, lines.Count - 1)];
            }

            if (candidate.Length == 0)
            {
                return 1;
            }

            occurrence = 0;
        }
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
