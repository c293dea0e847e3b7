using System.Globalization;

namespace WebProxy.Admin.Statistics;

/// <summary>Counts and byte sizes as people read them on the page; the API and the CSV keep exact numbers.</summary>
internal static class Quantities
{
    private static readonly string[] Units = ["kB", "MB", "GB", "TB", "PB", "EB"];

    /// <summary><c>12,345</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Decimal units, as disks and networks count: <c>950 B</c>, <c>1.5 MB</c>, <c>12 GB</c>.</summary>
    public static string Bytes(long value)
    {
        if (value < 1000)
        {
            return $"{value.ToString(CultureInfo.InvariantCulture)} B";
        }

        double scaled = value;
        var unit = -1;
        while (scaled >= 1000 && unit < Units.Length - 1)
        {
            scaled /= 1000;
            unit++;
        }

        var format = scaled < 10 ? "0.0" : "0";
        return $"{scaled.ToString(format, CultureInfo.InvariantCulture)} {Units[unit]}";
    }
}
