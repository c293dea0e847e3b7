using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using WebProxy.CertificateAuthority;
using WebProxy.Host.Configuration;
using WebProxy.Policy.Hosts;

namespace WebProxy.Host.Hosting;

/// <summary>
/// TLS on the admin port (<see cref="AdminSettings.Https"/>): the organisation CA's own certificate for the configured
/// names, taken from the leaf cache on every handshake so it is renewed before it expires, or the operator's PEM pair.
/// </summary>
internal static class AdminHttps
{
    /// <summary>Puts TLS on <paramref name="listen"/> as configured; plain HTTP when it is off.</summary>
    /// <exception cref="ConfigurationException">The operator's certificate or key cannot be loaded.</exception>
    public static void Configure(ListenOptions listen, AdminSettings admin, LeafCertificateCache leaves)
    {
        switch (admin.Https)
        {
            case AdminHttpsMode.OrganisationCa:
                var names = HostNamesOf(admin);
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = async context => new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = await leaves.GetAsync(Choose(names, context.ClientHelloInfo.ServerName), context.CancellationToken).ConfigureAwait(false),
                        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                    },
                });
                break;
            case AdminHttpsMode.Certificate:
                listen.UseHttps(LoadPem(admin));
                break;
        }
    }

    /// <summary>The URL scheme of the admin port.</summary>
    public static string Scheme(AdminSettings admin) => admin.Https == AdminHttpsMode.Off ? "http" : "https";

    /// <summary>
    /// The names the organisation CA certificate may carry, normalised, the default first: the configured ones, else
    /// the host of <see cref="AdminSettings.UrlForClients"/>, <c>localhost</c> and a specific listen address.
    /// </summary>
    public static IReadOnlyList<string> HostNamesOf(AdminSettings admin)
    {
        var names = new List<string>();
        void Add(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return;
            }

            var normal = IPAddress.TryParse(name.Trim('[', ']'), out var address) ? address.ToString()
                : HostNames.TryNormalise(name, out var host, out _) ? host
                : null;
            if (normal is not null && !names.Contains(normal, StringComparer.Ordinal))
            {
                names.Add(normal);
            }
        }

        if (admin.HttpsHostNames.Count > 0)
        {
            admin.HttpsHostNames.ForEach(Add);
            return names;
        }

        Add(Uri.TryCreate(admin.UrlForClients, UriKind.Absolute, out var url) ? url.Host : null);
        Add("localhost");
        if (IPAddress.TryParse(admin.ListenAddress, out var listen) && !listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
        {
            Add(listen.ToString());
        }

        return names;
    }

    /// <summary>
    /// The name the client asked for when it is one of ours; else the default. The CA never signs a name it was not
    /// configured for just because a client sent it.
    /// </summary>
    private static string Choose(IReadOnlyList<string> names, string? requested)
    {
        if (requested is not null && HostNames.TryNormalise(requested, out var host, out _) && names.Contains(host, StringComparer.Ordinal))
        {
            return host;
        }

        return names[0];
    }

    private static X509Certificate2 LoadPem(AdminSettings admin)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(admin.HttpsCertificatePemPath!, admin.HttpsPrivateKeyPemPath);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new ConfigurationException(
                $"Admin.HttpsCertificatePemPath: '{admin.HttpsCertificatePemPath}' with the key '{admin.HttpsPrivateKeyPemPath}' is not a usable certificate and key ({ex.Message})", ex);
        }
    }
}
