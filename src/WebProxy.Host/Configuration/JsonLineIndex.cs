using System.Text.Json;

namespace WebProxy.Host.Configuration;

/// <summary>
/// Maps each value path of a JSON document (<c>Proxy.Limits.MaxConnections</c>, <c>Admin.DirectDomains[1]</c>)
/// to the line it is on, so validation errors found after deserialisation can still name a line.
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);

    public JsonLineIndex(byte[] json)
    {
        var lineStarts = LineStarts(json);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<Frame>();
        string? property = null;
        while (reader.Read())
        {
            var line = LineOf(lineStarts, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    _lines[Child(frames.Peek().Path, property!)] = line;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                default:
                    var path = frames.Count == 0 ? string.Empty
                        : frames.Peek().IsArray ? $"{frames.Peek().Path}[{frames.Peek().NextIndex++}]"
                        : Child(frames.Peek().Path, property!);
                    _lines.TryAdd(path, line);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                    }

                    break;
            }
        }
    }

    /// <summary>The 1-based line of <paramref name="path"/>, or of its nearest parent that is in the file.</summary>
    public int? LineOf(string path)
    {
        for (var candidate = path; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (_lines.TryGetValue(candidate, out var line))
            {
                return line;
            }
        }

        return null;
    }

    private static string Child(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? string.Empty : path[..cut];
    }

    private static List<long> LineStarts(byte[] json)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }
    }
}
