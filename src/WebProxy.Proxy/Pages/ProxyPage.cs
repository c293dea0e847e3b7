using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WebProxy.Proxy.Pages;

/// <summary>
/// A short page the proxy answers with itself: an error the user can act on, or the proxy's own page.
/// Privacy rule: pages never show who the user is or where they connect from.
/// </summary>
internal sealed record ProxyPage(int Status, string Title, IReadOnlyList<string> Paragraphs)
{
    /// <summary>The page's language (BCP 47), for the html element and the Content-Language field.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Links shown after the paragraphs: a label and an absolute URL.</summary>
    public IReadOnlyList<(string Label, string Url)> Links { get; init; } = [];

    /// <summary>The body for clients that ask for JSON; without it they get plain text.</summary>
    public string? Json { get; init; }

    public async Task WriteAsync(HttpContext context, bool closeConnection = false)
    {
        var response = context.Response;
        response.StatusCode = Status;
        response.Headers.CacheControl = "no-store";
        if (closeConnection)
        {
            response.Headers.Connection = "close";
        }

        var format = PageFormats.For(context.Request);
        if (format == PageFormat.Json && Json is null)
        {
            format = PageFormat.PlainText;
        }

        response.Headers.ContentLanguage = Language;
        (response.ContentType, var body) = format switch
        {
            PageFormat.Html => ("text/html; charset=utf-8", RenderHtml()),
            PageFormat.Json => ("application/json; charset=utf-8", Json!),
            _ => ("text/plain; charset=utf-8", RenderText()),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private string RenderText()
    {
        var text = new StringBuilder().Append(Title).Append("\n\n");
        foreach (var paragraph in Paragraphs)
        {
            text.Append(paragraph).Append('\n');
        }

        foreach (var (label, url) in Links)
        {
            text.Append(label).Append(": ").Append(url).Append('\n');
        }

        return text.ToString();
    }

    private string RenderHtml()
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"").Append(WebUtility.HtmlEncode(Language)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(Title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em;color:#222}h1{font-size:1.4em}</style>")
            .Append("</head><body><h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>\n");
        foreach (var paragraph in Paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        }

        if (Links.Count > 0)
        {
            html.Append("<ul>\n");
            foreach (var (label, url) in Links)
            {
                html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\">").Append(WebUtility.HtmlEncode(label)).Append("</a></li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append("<p><small>WebProxy</small></p></body></html>\n").ToString();
    }
}
