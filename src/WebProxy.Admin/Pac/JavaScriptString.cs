using System.Globalization;
using System.Text;

namespace WebProxy.Admin.Pac;

/// <summary>Double-quoted JavaScript string literals for the generated PAC file.</summary>
internal static class JavaScriptString
{
    /// <summary>
    /// Quotes <paramref name="value"/> so no character can end the literal or the line. The options are validated
    /// before they get here, so for them this is a no-op; it stays as the second line of defence, because the PAC
    /// file runs on every workstation.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                // Line terminators in JavaScript (before ES2019 also inside string literals), and '<' and '>' so
                // the text can never close a <script> element if someone embeds the file in a page.
                case '\u2028' or '\u2029' or '<' or '>' or < ' ' or '\u007f':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
