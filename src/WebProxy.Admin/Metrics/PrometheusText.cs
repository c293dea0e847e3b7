using System.Globalization;
using System.Text;

namespace WebProxy.Admin.Metrics;

/// <summary>
/// Names, labels and numbers in the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/).
/// </summary>
internal static class PrometheusText
{
    /// <summary>
    /// Maps an OpenTelemetry-style instrument name and UCUM unit to a Prometheus metric name:
    /// <c>webproxy.request.duration</c> in <c>s</c> becomes <c>webproxy_request_duration_seconds</c>, and a counter
    /// of <c>By</c> named <c>webproxy.traffic.to_client</c> becomes <c>webproxy_traffic_to_client_bytes_total</c>.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var unitSuffix = UnitSuffix(unit);
        if (unitSuffix.Length > 0 && !name.EndsWith("_" + unitSuffix, StringComparison.Ordinal))
        {
            name += "_" + unitSuffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>Escapes <c># HELP</c> text: backslash and line feed.</summary>
    public static string EscapeHelp(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>
    /// The label part of a sample, without braces: <c>method="safe",outcome="allowed"</c>. Labels are sorted by
    /// name, so the same tags in any order give the same text; that text is the series' identity.
    /// </summary>
    public static string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(Sanitize(tags[i].Key, allowColon: false), RenderValue(tags[i].Value));
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        var text = new StringBuilder();
        string? previous = null;
        foreach (var (name, value) in labels)
        {
            // Two tag keys can map to one label name ("a.b" and "a_b"); a repeated label name is a parse error.
            if (name == previous)
            {
                continue;
            }

            if (previous is not null)
            {
                text.Append(',');
            }

            text.Append(name).Append("=\"");
            AppendEscapedLabelValue(text, value);
            text.Append('"');
            previous = name;
        }

        return text.ToString();
    }

    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        // Shortest text that round-trips, which Prometheus (Go's ParseFloat) reads back exactly.
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string FormatLong(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrEmpty(unit))
        {
            return string.Empty;
        }

        // UCUM annotations in braces ("{request}") name what is counted, not a unit.
        var withoutAnnotations = new StringBuilder();
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                withoutAnnotations.Append(c);
            }
        }

        return withoutAnnotations.ToString().Trim() switch
        {
            "" or "1" => string.Empty,
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            var other => Sanitize(other, allowColon: false),
        };
    }

    /// <summary>Replaces every character outside <c>[a-zA-Z0-9_]</c> (plus <c>:</c> for metric names) by an underscore.</summary>
    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            text.Append('_');
        }

        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return text.ToString();
    }

    private static string RenderValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void AppendEscapedLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append(@"\n"); break;
                default: text.Append(c); break;
            }
        }
    }
}
