using System.Text;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>A strict reader of RFC 4180 CSV (CRLF line ends, quoted fields with doubled quotes), for checking downloads.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n' or '"', $"A bare {(int)c} at {i} is not RFC 4180.");
                field.Append(c);
            }
        }

        Assert.False(quoted, "The file ends inside a quoted field.");
        Assert.True(field.Length == 0 && row.Count == 0, "The last row has no CRLF.");
        return rows;
    }
}
