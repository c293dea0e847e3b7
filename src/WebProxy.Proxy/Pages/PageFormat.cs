using Microsoft.AspNetCore.Http;

namespace WebProxy.Proxy.Pages;

internal enum PageFormat
{
    Html,
    PlainText,
}

internal static class PageFormats
{
    /// <summary>Browsers get HTML; curl, package managers and scripts get plain text they can print.</summary>
    public static PageFormat For(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) ? PageFormat.Html : PageFormat.PlainText;
}
