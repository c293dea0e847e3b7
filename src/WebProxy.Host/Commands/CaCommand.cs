using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using WebProxy.CertificateAuthority;

namespace WebProxy.Host.Commands;

/// <summary><c>webproxy ca export</c>: write the organisation CA's public certificate for workstations to trust.</summary>
internal static class CaCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out", "-o") { Description = "File to write the PEM certificate to (default: standard output)." };
        var export = new Command("export", "Write the organisation CA certificate (PEM, public part only), creating the CA on first use.");
        export.Options.Add(output);
        export.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CommonOptions.LoadSettings(parseResult);
            var dataDirectory = Path.GetFullPath(settings.DataDirectory);
            Directory.CreateDirectory(dataDirectory);
            using var authority = OrganisationCertificateAuthority.LoadOrCreate(settings.CertificateAuthority, dataDirectory, TimeProvider.System, NullLogger.Instance);
            if (parseResult.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, authority.CertificatePem, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Console.Out.WriteAsync(authority.CertificatePem).ConfigureAwait(false);
            }

            return 0;
        });

        var ca = new Command("ca", "The organisation certificate authority used for TLS interception.");
        ca.Subcommands.Add(export);
        return ca;
    }
}
