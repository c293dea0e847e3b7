using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace WebProxy.Proxy.Pages;

/// <summary>Picks Dutch or English from Accept-Language (RFC 9110 §12.5.4), English when nothing says otherwise.</summary>
internal static class PreferredLanguage
{
    public const string Dutch = "nl";
    public const string English = "en";

    public static string Choose(StringValues acceptLanguage)
    {
        var best = English;
        var bestQuality = 0.0;
        foreach (var field in acceptLanguage)
        {
            foreach (var item in (field ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = item.Split(';', StringSplitOptions.TrimEntries);
                var quality = 1.0;
                foreach (var parameter in parts.Skip(1))
                {
                    if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        && !double.TryParse(parameter.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality))
                    {
                        quality = 0;
                    }
                }

                var language = parts[0].Split('-')[0];
                var candidate = language.Equals(Dutch, StringComparison.OrdinalIgnoreCase) ? Dutch
                    : language.Equals(English, StringComparison.OrdinalIgnoreCase) ? English
                    : null;
                if (candidate is not null && quality > bestQuality)
                {
                    best = candidate;
                    bestQuality = quality;
                }
            }
        }

        return best;
    }
}
