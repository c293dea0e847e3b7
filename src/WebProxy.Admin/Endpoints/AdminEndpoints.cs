using Microsoft.AspNetCore.Http;
using WebProxy.Admin.Metrics;
using WebProxy.Admin.Pac;

namespace WebProxy.Admin.Endpoints;

/// <summary>The handlers of the admin port. Plain request delegates: no model binding, no reflection.</summary>
internal static class AdminEndpoints
{
    private const string HtmlContentType = "text/html; charset=utf-8";
    private const string TextContentType = "text/plain; charset=utf-8";
    private const string PemContentType = "application/x-pem-file";
    private const string DerContentType = "application/pkix-cert";

    private const string IndexHtml = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>WebProxy admin</title></head>
        <body>
        <h1>WebProxy admin</h1>
        <ul>
        <li><a href="/proxy.pac">/proxy.pac</a> (also <a href="/wpad.dat">/wpad.dat</a>): proxy auto-configuration for workstations</li>
        <li><a href="/ca.crt">/ca.crt</a>: organisation CA certificate, DER (Windows: double-click to install)</li>
        <li><a href="/ca.pem">/ca.pem</a>: organisation CA certificate, PEM</li>
        <li><a href="/healthz">/healthz</a>: liveness</li>
        <li><a href="/metrics">/metrics</a>: Prometheus metrics</li>
        </ul>
        </body>
        </html>

        """;

    public static Task WriteIndexAsync(HttpContext context) =>
        WriteTextAsync(context, HtmlContentType, IndexHtml);

    public static Task WritePacFileAsync(HttpContext context, PacFile pacFile) =>
        WriteTextAsync(context, PacFile.ContentType, pacFile.Text);

    public static Task WriteCaPemAsync(HttpContext context, ICaCertificateSource? caSource)
    {
        if (caSource is null)
        {
            return WriteNoCaAsync(context);
        }

        // The attachment disposition makes browsers save the file rather than render it as text.
        context.Response.Headers.ContentDisposition = "attachment; filename=\"webproxy-ca.pem\"";
        return WriteTextAsync(context, PemContentType, caSource.CertificatePem);
    }

    public static async Task WriteCaDerAsync(HttpContext context, ICaCertificateSource? caSource)
    {
        if (caSource is null)
        {
            await WriteNoCaAsync(context).ConfigureAwait(false);
            return;
        }

        var der = caSource.CertificateDer;
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = "attachment; filename=\"webproxy-ca.crt\"";
        response.ContentType = DerContentType;
        response.ContentLength = der.Length;
        await response.Body.WriteAsync(der, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteHealthAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return WriteTextAsync(context, TextContentType, "ok");
    }

    public static Task WriteMetricsAsync(HttpContext context, PrometheusExporter exporter)
    {
        context.Response.Headers.CacheControl = "no-store";
        return WriteTextAsync(context, PrometheusExporter.ContentType, exporter.Scrape());
    }

    private static Task WriteNoCaAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return WriteTextAsync(context, TextContentType, "No organisation CA is configured on this proxy.\n");
    }

    private static Task WriteTextAsync(HttpContext context, string contentType, string text)
    {
        var response = context.Response;
        // Browsers must not guess a type: a PAC or PEM body sniffed as HTML would be rendered.
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentType = contentType;
        return response.WriteAsync(text, context.RequestAborted);
    }
}
