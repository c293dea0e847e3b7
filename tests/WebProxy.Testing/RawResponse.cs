using System.Globalization;

namespace WebProxy.Testing;

/// <summary>A response head read byte by byte from a raw connection.</summary>
public sealed record RawResponse(int Status, string StatusLine, Dictionary<string, string> Headers, string Body = "")
{
    public long? ContentLength => Headers.TryGetValue("Content-Length", out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : null;

    public static RawResponse ParseHead(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }

        return new RawResponse(status, lines[0], headers);
    }
}
