using Microsoft.AspNetCore.Http;

namespace WebProxy.Proxy.Pages;

internal enum PageFormat
{
    Html,
    PlainText,
    Json,
}

internal static class PageFormats
{
    /// <summary>
    /// Browsers get HTML; programs that ask for JSON (API clients, scripts) get JSON where the page has it; curl,
    /// package managers and everything else get plain text they can print.
    /// </summary>
    public static PageFormat For(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) ? PageFormat.Html
            : accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) ? PageFormat.Json
            : PageFormat.PlainText;
    }
}
