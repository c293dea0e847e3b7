using System.Globalization;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// Times on the manager pages are the municipality's local time (<c>datetime-local</c> inputs carry no zone), turned
/// into instants with the configured zone, daylight saving included.
/// </summary>
internal static class PageTimes
{
    private const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    public static string ToInput(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(InputFormat, CultureInfo.InvariantCulture);

    public static string Show(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reads a <c>datetime-local</c> value (seconds optional); false when it is not one.</summary>
    public static bool TryRead(string? text, TimeZoneInfo zone, out DateTimeOffset at)
    {
        at = default;
        if (!DateTime.TryParseExact(text, [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // A time skipped by the spring change does not exist; moving it an hour on is what a reader would expect.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        at = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }
}
