using System.Globalization;
using System.Text;
using WebProxy.Admin.ManagerPages;
using WebProxy.Statistics.Reports;

namespace WebProxy.Admin.Statistics;

/// <summary>
/// The named sites as a horizontal bar chart in inline SVG: one bar per site, its length the site's requests relative
/// to the first. Drawn on the server with nothing to load and no script (the pages' Content-Security-Policy allows
/// neither), and accessible: the SVG is an image with a title and a description, and the page shows the same figures
/// in a table under it. "Other sites" is not drawn: it has no visitor figure and, summing many sites, would dwarf them.
/// </summary>
internal static class TopSitesChart
{
    private const int Width = 720;
    private const int LabelWidth = 230;
    private const int ValueWidth = 80;
    private const int RowHeight = 30;
    private const int BarHeight = 20;
    private const int Padding = 8;
    private const int MaxLabel = 28;

    public static string Svg(TopSitesReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sites = report.Sites;
        var height = (2 * Padding) + (sites.Count * RowHeight);
        var longest = Math.Max(1, sites.Max(site => site.Requests));
        const int barArea = Width - LabelWidth - ValueWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""
            <svg id="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" width="100%" viewBox="0 0 {Width} {height}" font-family="system-ui, sans-serif" font-size="13">
            <title id="chart-title">{PageHtml.Encode(title)}</title>
            <desc id="chart-desc">Horizontal bars, one per named site, in rank order; the length of a bar is the site's number of requests. The table under the chart gives the same figures, with data volumes and visitors.</desc>
            <rect x="0" y="0" width="{Width}" height="{height}" fill="#fff"/>
            <line x1="{LabelWidth}" y1="{Padding / 2}" x2="{LabelWidth}" y2="{height - (Padding / 2)}" stroke="#889" stroke-width="1"/>
            """);
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var top = Padding + (i * RowHeight);
            var middle = top + (RowHeight / 2);
            var length = site.Requests == 0 ? 0 : Math.Max(2, (int)Math.Round((double)barArea * site.Requests / longest));
            svg.Append(CultureInfo.InvariantCulture, $"""
                <g data-site="{PageHtml.Encode(site.Site)}"><title>{site.Rank}. {PageHtml.Encode(site.Site)}: {Quantities.Count(site.Requests)} requests</title>
                <text x="{LabelWidth - 8}" y="{middle}" text-anchor="end" dominant-baseline="middle" fill="#1b1b1b">{PageHtml.Encode(Label(site.Site))}</text>
                <rect class="bar" x="{LabelWidth}" y="{middle - (BarHeight / 2)}" width="{length}" height="{BarHeight}" fill="#2a6fb0"/>
                <text x="{LabelWidth + length + 6}" y="{middle}" dominant-baseline="middle" fill="#1b1b1b">{Quantities.Count(site.Requests)}</text></g>
                """);
        }

        return svg.Append("</svg>").ToString();
    }

    // Long names are cut with an ellipsis in the chart only; the bar's title and the table have them whole.
    private static string Label(string site) => site.Length <= MaxLabel ? site : string.Concat(site.AsSpan(0, MaxLabel - 1), "…");
}
