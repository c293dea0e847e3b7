using System.Globalization;
using WebProxy.EndToEnd.Tests.Support;
using WebProxy.Testing;
using WebProxy.Testing.Chromium;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// Article 8's pages in a real headless Chromium against the real <c>webproxy</c> process: an employee signs in, lands
/// on My data, files a deletion request and sees it with its due date; the privacy officer, in a browser of her own,
/// finds it on her page and grants it; the employee reloads and reads the answer. Screenshots of both pages are kept
/// for a person to look at.
/// </summary>
public sealed class RightsPagesInChromiumTests : IAsyncLifetime
{
    /// <summary>Where the screenshots are kept after the run (the system's temp folder, not the test's).</summary>
    public static readonly string ScreenshotFolder = Path.Combine(Path.GetTempPath(), "webproxy-screenshots");

    private const string Employee = TestOrganisation.Colleague;
    private const string Request = "Delete the list of sites recorded about me in March; the investigation was closed without findings.";
    private const string Answer = "The March records were deleted on your request.";

    private readonly TestCertificates _certificates = new();
    private ProxyProcess _proxy = null!;

    public async Task InitializeAsync() =>
        _proxy = await ProxyProcess.StartAsync(_certificates, [], config => TestOrganisation.WriteTo((string)config["DataDirectory"]!));

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task An_employee_files_a_deletion_request_and_reads_the_privacy_officers_answer()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await using var employeeBrowser = await LaunchAsync();
        await using var employee = await employeeBrowser.NewPageAsync();
        await SignInAsync(employee, Employee);
        Assert.EndsWith("/me", await employee.UrlAsync(), StringComparison.Ordinal);
        Assert.Contains("Eva Visser", await employee.TextAsync("#entry"), StringComparison.Ordinal);
        Assert.Contains("admin_login", await employee.TextAsync("#log"), StringComparison.Ordinal);
        await employee.ScreenshotAsync(Path.Combine(ScreenshotFolder, "rights-my-data.png"));

        Assert.Equal(200, await employee.NavigateAsync(Url("/me/requests")));
        await employee.FillAsync("#kind", "delete");
        await employee.FillAsync("#text", Request);
        Assert.Equal(200, await employee.SubmitAndWaitForNavigationAsync("#file"));
        Assert.Contains("Your request was filed", await employee.TextAsync("#notice"), StringComparison.Ordinal);
        var filed = await employee.TextAsync("#requests tr[data-kind='delete']");
        Assert.Contains(Request, filed, StringComparison.Ordinal);
        Assert.Equal(28, DaysBetweenFiledAndDue(await employee.TextAsync("#requests tr[data-kind='delete'] td:nth-child(3)"),
            await employee.TextAsync("#requests tr[data-kind='delete'] td.due")));

        await using var officerBrowser = await LaunchAsync();
        await using var officer = await officerBrowser.NewPageAsync();
        await SignInAsync(officer, TestOrganisation.PrivacyOfficer);
        Assert.Equal(200, await officer.NavigateAsync(Url("/privacy/requests")));
        const string Card = $"section[data-person='{Employee}']";
        Assert.Contains("0 overdue", await officer.TextAsync("#summary"), StringComparison.Ordinal);
        Assert.Contains(Request, await officer.TextAsync(Card), StringComparison.Ordinal);
        Assert.Contains("due in 28 days", await officer.TextAsync($"{Card} .due"), StringComparison.Ordinal);
        await officer.ClickAsync($"{Card} input[value='granted']");
        await officer.FillAsync($"{Card} textarea", Answer);
        await officer.ScreenshotAsync(Path.Combine(ScreenshotFolder, "rights-privacy-requests.png"));
        Assert.Equal(200, await officer.SubmitAndWaitForNavigationAsync($"{Card} button"));
        Assert.Contains("The answer was recorded", await officer.TextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("No request is waiting", await officer.TextAsync("#none"), StringComparison.Ordinal);

        Assert.Equal(200, await employee.NavigateAsync(Url("/me/requests")));
        var answered = await employee.TextAsync("#requests tr[data-kind='delete']");
        Assert.Contains("granted", answered, StringComparison.Ordinal);
        Assert.Contains(Answer, answered, StringComparison.Ordinal);
        Assert.Contains("Petra Officier (p.officer)", answered, StringComparison.Ordinal);

        // The officer's look at the list is on the employee's own page, with its purpose.
        Assert.Equal(200, await employee.NavigateAsync(Url("/me")));
        Assert.Contains("answering rights requests (privacy officer page)", await employee.TextAsync("#log tr[data-action='personal_data_read']"), StringComparison.Ordinal);
    }

    private static Task<HeadlessChromium> LaunchAsync() =>
        HeadlessChromium.LaunchAsync(new HeadlessChromiumOptions { ExtraArguments = ["--window-size=1280,1400"] });

    private async Task SignInAsync(ChromiumPage page, string user)
    {
        Assert.Equal(200, await page.NavigateAsync(Url("/login")));
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", TestOrganisation.Password);
        Assert.Equal(200, await page.SubmitAndWaitForNavigationAsync("#sign-in"));
    }

    private string Url(string path) => new Uri(_proxy.AdminUri, path).ToString();

    /// <summary>Whole days between two times as the pages show them (local time, so a clock change may shift the hour).</summary>
    private static int DaysBetweenFiledAndDue(string filed, string due) =>
        (int)Math.Round((Parse(due) - Parse(filed)).TotalDays);

    private static DateTime Parse(string shown) => DateTime.ParseExact(shown.Trim(), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
