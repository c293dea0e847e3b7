using WebProxy.Testing;
using WebProxy.Testing.Chromium;

namespace WebProxy.Admin.Tests.Statistics;

/// <summary>
/// The statistics page in a real headless Chromium: signed in through the login form (a session cookie), the chart
/// drawn with one bar per named site, nothing wider than the window, and a screenshot kept for a person to look at.
/// </summary>
public sealed class StatisticsChromiumTests
{
    /// <summary>Where the screenshot is kept after the run (the system's temp folder, not the test's).</summary>
    public static readonly string ScreenshotPath = Path.Combine(Path.GetTempPath(), "webproxy-screenshots", "statistics-week.png");

    [Fact]
    public async Task The_page_renders_its_chart_and_a_screenshot_is_kept()
    {
        await using var server = await StatisticsServer.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions { ExtraArguments = ["--window-size=1100,2000"] });
        await using var page = await chromium.NewPageAsync();

        Assert.Equal(200, await page.NavigateAsync(Url(server, "/login")));
        await page.FillAsync("#user", TestOrganisation.Secretary);
        await page.FillAsync("#password", TestOrganisation.PasswordOf(TestOrganisation.Secretary));
        Assert.Equal(200, await page.SubmitAndWaitForNavigationAsync("#sign-in"));

        Assert.Equal(200, await page.NavigateAsync(Url(server, $"/statistics?{StatisticsWeek.Query}")));

        Assert.Equal(10, await page.EvaluateAsync<int>("document.querySelectorAll('#chart rect.bar').length"));
        Assert.Equal(10, await page.EvaluateAsync<int>("document.querySelectorAll('#top-sites tbody tr').length"));
        Assert.StartsWith("Top 10 sites, week 2025-W13", await page.TextAsync("#heading"), StringComparison.Ordinal);

        // The chart is drawn (it has a size), its bars have a width on screen, and nothing makes the page scroll sideways.
        Assert.True(await page.EvaluateAsync<double>("document.querySelector('#chart').getBoundingClientRect().height") > 200);
        Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll('#chart rect.bar')].every(bar => bar.getBoundingClientRect().width > 1)"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        // Every label fits left of the bars: the text of the longest name ends before the axis.
        Assert.True(await page.EvaluateAsync<bool>(
            "[...document.querySelectorAll('#chart g text[text-anchor=end]')].every(t => t.getBoundingClientRect().left >= document.querySelector('#chart').getBoundingClientRect().left)"));

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(ScreenshotPath);
        Assert.True(new FileInfo(ScreenshotPath).Length > 10_000, $"The screenshot at {ScreenshotPath} looks empty.");
    }

    private static string Url(StatisticsServer server, string path) => new Uri(server.BaseAddress, path).ToString();
}
