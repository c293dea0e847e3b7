namespace WebProxy.Proxy.Pages;

/// <summary>What a person sees who points a browser at the proxy port itself.</summary>
internal static class WelcomePage
{
    public static ProxyPage Create(ProxyOptions options)
    {
        var admin = (options.AdminUrlForClients ?? $"http://127.0.0.1:8081").TrimEnd('/');
        return new ProxyPage(200, "WebProxy: the municipality's web proxy",
        [
            "This is the web proxy of the municipality. It enforces the e-mail and internet regulation: it blocks "
                + "what the regulation forbids and keeps no record of who visits which site.",
            $"To use it, set your browser or system to the automatic configuration script {admin}/proxy.pac, "
                + $"or configure the proxy by hand as this address on port {options.Port}.",
            $"Secure (HTTPS) sites are checked by the proxy. Install the organisation's certificate from {admin}/ca.pem "
                + $"(Windows: {admin}/ca.crt) as a trusted root certificate, or ask the IT service desk to do it.",
        ]);
    }
}
