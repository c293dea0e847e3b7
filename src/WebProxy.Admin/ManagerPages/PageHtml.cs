using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace WebProxy.Admin.ManagerPages;

/// <summary>
/// The frame of the manager pages: plain HTML with a little inline CSS, no scripts, nothing loaded from elsewhere
/// (the Content-Security-Policy says so), so the pages work in any browser and leak nothing to third parties.
/// </summary>
internal static class PageHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
        header{background:#15426b;color:#fff;padding:.8rem 1.5rem;display:flex;flex-wrap:wrap;gap:.6rem 1.5rem;align-items:center}
        header a{color:#fff}header form{margin-left:auto}
        main{padding:1.5rem;max-width:60rem}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #ccd;padding:.4rem .6rem;text-align:left}
        label{display:block;margin:.8rem 0 .2rem;font-weight:600}input,select,textarea{font:inherit;padding:.3rem}
        textarea{width:100%;min-height:5rem;box-sizing:border-box}.error{color:#a30000;font-weight:600}.notice{background:#e6f4ea;padding:.6rem}
        button{font:inherit;padding:.3rem .9rem}h2{margin-top:2rem}
        th[scope=row]{width:14rem;background:#eef1f5}.details{font-size:.8rem;word-break:break-all}.text{white-space:pre-wrap}
        .card{background:#fff;border:1px solid #ccd;border-left:.4rem solid #15426b;padding:.2rem 1rem 1rem;margin:1rem 0}
        .overdue{border-left-color:#a30000}.overdue .due,span.overdue{color:#a30000;font-weight:600}
        """;

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    /// <summary>
    /// The whole page; <paramref name="signedIn"/> shows the navigation and the sign-out button. Everyone signed in
    /// gets every link: the pages themselves refuse whom the rules refuse, with the reason, so the navigation holds
    /// no rules of its own. "My data" and "My requests" come first: every employee has them (article 8).
    /// </summary>
    public static IResult Page(string title, string body, string? signedIn, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} – WebProxy</title><style>{Style}</style></head><body>
            <header><strong>WebProxy</strong>
            """);
        if (signedIn is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <a href="/me">My data</a><a href="/me/requests">My requests</a>
                <a href="/manage">My team</a><a href="/manage/grant">Grant an exemption</a><a href="/manage/exemptions">Active exemptions</a><a href="/statistics">Statistics</a>
                <a href="/privacy/requests">Rights requests</a><a href="/investigations">Investigations</a>
                <form method="post" action="/logout"><span>{Encode(signedIn)}</span> <button type="submit">Sign out</button></form>
                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"</header><main><h1>{Encode(title)}</h1>{body}</main></body></html>");
        return new HtmlResult(html.ToString(), status);
    }

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
            response.Headers.XContentTypeOptions = "nosniff";
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
