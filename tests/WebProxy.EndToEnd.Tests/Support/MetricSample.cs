using System.Globalization;
using System.Text.RegularExpressions;

namespace WebProxy.EndToEnd.Tests.Support;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",...} number</c>.</summary>
internal sealed partial record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public static IReadOnlyList<MetricSample> ParseAll(string text) =>
        [.. text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(Parse)];

    public static MetricSample Parse(string line)
    {
        var match = SampleLine().Match(line);
        Assert.True(match.Success, $"Not a sample line: '{line}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
        {
            labels[label.Groups["name"].Value] = Regex.Unescape(label.Groups["value"].Value);
        }

        var number = match.Groups["value"].Value;
        var value = number switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(number, CultureInfo.InvariantCulture),
        };
        return new MetricSample(match.Groups["name"].Value, labels, value);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPair();
}
