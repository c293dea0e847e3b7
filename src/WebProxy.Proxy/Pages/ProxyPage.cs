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
        response.ContentType = format == PageFormat.Html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        var body = format == PageFormat.Html ? RenderHtml() : RenderText();
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

        return text.ToString();
    }

    private string RenderHtml()
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(Title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em;color:#222}h1{font-size:1.4em}</style>")
            .Append("</head><body><h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>\n");
        foreach (var paragraph in Paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        }

        return html.Append("<p><small>WebProxy</small></p></body></html>\n").ToString();
    }
}
