using System.Globalization;

namespace WebProxy.Policy;

/// <summary>How the policy rules word a span of time in their refusals.</summary>
internal static class Durations
{
    /// <summary>Whole days as <c>"30 days"</c>; otherwise the days with at most one decimal, invariant.</summary>
    public static string Describe(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0
            ? $"{span.Days} days"
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days");
}
