using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using WebProxy.Governance;
using WebProxy.Governance.Rights;
using WebProxy.Policy.Identity;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// What the article-8 pages share: people named as the log names them (display name and id, since a name alone is
/// ambiguous and an id alone unreadable), the table of a person's own rights requests, and days counted as people count
/// them when waiting for an answer.
/// </summary>
internal static class RightsPageParts
{
    /// <summary>"Name (id)", or the bare id for someone no longer in the directory (or <c>system</c>); encoded.</summary>
    public static string Who(string id, PersonDirectory directory) =>
        directory.Find(id) is { } person ? $"{PageHtml.Encode(person.DisplayName)} ({PageHtml.Encode(id)})" : PageHtml.Encode(id);

    /// <summary>
    /// "1 day", "3 days": every day begun counts, so a request due yesterday afternoon is overdue by a day this morning,
    /// and one due at this very moment too (it is overdue from its due date on).
    /// </summary>
    public static string Days(TimeSpan span)
    {
        var days = Math.Max(1, (int)Math.Ceiling(span.TotalDays));
        return days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
    }

    /// <summary>The page status for a refusal: 403 when the rules say who may not, 404 and 409 as the API has them, else 400.</summary>
    public static int Status(Problem problem) => problem.Kind switch
    {
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The refusal's reason as the pages show it next to a form, naming the field it is about.</summary>
    public static string Error(Problem problem) =>
        $"<p class=\"error\" id=\"error\" data-field=\"{PageHtml.Encode(problem.Field)}\">{PageHtml.Encode(problem.Reason)}</p>";

    /// <summary>
    /// A page that only says why not, with the status of the refusal; <paramref name="backLink"/>, HTML, follows the
    /// reason when given.
    /// </summary>
    public static IResult Refused(string title, Problem problem, string displayName, string? backLink = null) =>
        PageHtml.Page(title, Error(problem) + backLink, displayName, Status(problem));

    /// <summary>A person's own requests, newest first, with their state, due date and the privacy officer's answer.</summary>
    public static void AppendRequests(StringBuilder body, IEnumerable<RightsRequestView> requests, PersonDirectory directory, TimeZoneInfo zone)
    {
        var newestFirst = requests.OrderByDescending(r => r.FiledAt).ToArray();
        if (newestFirst.Length == 0)
        {
            body.Append("<p id=\"no-requests\">You have not filed a rights request.</p>");
            return;
        }

        body.Append("<table id=\"requests\"><thead><tr><th>Asked for</th><th>Your words</th><th>Filed</th><th>Answer due</th><th>State</th><th>Answer</th></tr></thead><tbody>");
        foreach (var request in newestFirst)
        {
            var answer = request.AnsweredBy is { } by && request.AnsweredAt is { } at
                ? $"<span class=\"text\">{PageHtml.Encode(request.Answer)}</span><br>— {Who(by, directory)}, {PageTimes.Show(at, zone)}"
                : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-request="{request.Id}" data-kind="{PageHtml.Encode(request.Kind)}" data-state="{PageHtml.Encode(request.State)}"{(request.Overdue ? " class=\"overdue\"" : string.Empty)}>
                <td>{PageHtml.Encode(request.Kind)}</td><td class="text">{PageHtml.Encode(request.Text)}</td><td>{PageTimes.Show(request.FiledAt, zone)}</td>
                <td class="due">{PageTimes.Show(request.DueAt, zone)}</td><td>{PageHtml.Encode(request.State)}</td><td>{answer}</td></tr>
                """);
        }

        body.Append("</tbody></table>");
    }
}
