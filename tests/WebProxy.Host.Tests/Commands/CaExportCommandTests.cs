using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// <c>webproxy ca export</c>, run as an operator runs it: the built program in a child process. It writes the
/// public half of the organisation CA for workstations to trust, creating the CA on first use.
/// </summary>
public sealed class CaExportCommandTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _temp = new();

    private string DataDirectory => Path.Combine(_temp.Path, "data");

    private string KeyPath => Path.Combine(DataDirectory, "ca", "ca.key.pem");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Export_writes_the_CA_certificate_as_PEM_without_its_private_key()
    {
        var output = Path.Combine(_temp.Path, "ca.pem");

        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", output]);

        Assert.True(result.ExitCode == 0, result.Describe());
        var pem = await File.ReadAllTextAsync(output);
        Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
        using var certificate = SinglePemCertificate(pem);
        Assert.False(certificate.HasPrivateKey);
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Contains("CN=WebProxy Organisation CA", certificate.Subject, StringComparison.Ordinal);
        Assert.Equal(certificate.Subject, certificate.Issuer);
    }

    [Fact]
    public async Task The_CA_private_key_stays_in_the_data_folder_readable_by_the_owner_only()
    {
        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", Path.Combine(_temp.Path, "ca.pem")]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(File.Exists(KeyPath), $"Expected the CA key at {KeyPath}.");
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(KeyPath));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyPath)!));
        Assert.Contains("PRIVATE KEY", await File.ReadAllTextAsync(KeyPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exporting_twice_gives_the_same_certificate_and_keeps_the_key()
    {
        var first = Path.Combine(_temp.Path, "first.pem");
        var second = Path.Combine(_temp.Path, "second.pem");

        var firstRun = await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", first]);
        var keyAfterFirst = await File.ReadAllBytesAsync(KeyPath);
        var secondRun = await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", second]);

        Assert.True(firstRun.ExitCode == 0, firstRun.Describe());
        Assert.True(secondRun.ExitCode == 0, secondRun.Describe());
        using var one = SinglePemCertificate(await File.ReadAllTextAsync(first));
        using var two = SinglePemCertificate(await File.ReadAllTextAsync(second));
        Assert.Equal(one.RawData, two.RawData);
        Assert.Equal(keyAfterFirst, await File.ReadAllBytesAsync(KeyPath));
    }

    [Fact]
    public async Task Without_out_the_certificate_goes_to_standard_output()
    {
        var file = Path.Combine(_temp.Path, "ca.pem");
        await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", file]);

        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(await File.ReadAllTextAsync(file), result.StandardOutput);
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public async Task The_data_option_overrides_the_data_folder_of_the_configuration_file()
    {
        var fromFile = Path.Combine(_temp.Path, "from-file");
        var config = Path.Combine(_temp.Path, "webproxy.json");
        await File.WriteAllTextAsync(config, $$"""{ "DataDirectory": "{{fromFile}}" }""");

        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--config", config, "--data", DataDirectory, "--out", Path.Combine(_temp.Path, "ca.pem")]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(File.Exists(KeyPath));
        Assert.False(Directory.Exists(fromFile));
    }

    [Fact]
    public async Task The_configured_name_of_a_generated_CA_is_what_workstations_see()
    {
        var config = Path.Combine(_temp.Path, "webproxy.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "DataDirectory": "{{DataDirectory}}",
              "CertificateAuthority": { "CommonName": "Gemeente Testdorp Proxy CA", "Organisation": "Gemeente Testdorp" }
            }
            """);
        var output = Path.Combine(_temp.Path, "ca.pem");

        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--config", config, "--out", output]);

        Assert.True(result.ExitCode == 0, result.Describe());
        using var certificate = SinglePemCertificate(await File.ReadAllTextAsync(output));
        Assert.Contains("CN=Gemeente Testdorp Proxy CA", certificate.Subject, StringComparison.Ordinal);
        Assert.Contains("O=Gemeente Testdorp", certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_CA_key_stops_the_export_with_exit_code_2_and_one_line()
    {
        var output = Path.Combine(_temp.Path, "ca.pem");
        await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", output]);
        File.Delete(output);
        await File.WriteAllTextAsync(KeyPath, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", output]);

        Assert.True(result.ExitCode == 2, result.Describe());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("webproxy: ", line, StringComparison.Ordinal);
        Assert.Contains("ca.key.pem", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_output_folder_that_does_not_exist_is_reported_in_one_line_without_a_stack_trace()
    {
        var output = Path.Combine(_temp.Path, "no-such-folder", "ca.pem");

        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--data", DataDirectory, "--out", output]);

        AssertOneLineError(result, output);
    }

    [Fact]
    public async Task A_data_folder_that_is_a_file_is_reported_in_one_line_without_a_stack_trace()
    {
        var file = Path.Combine(_temp.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        var result = await WebProxyExecutable.RunAsync(["ca", "export", "--data", file, "--out", Path.Combine(_temp.Path, "ca.pem")]);

        AssertOneLineError(result, file);
    }

    /// <summary>An operator's mistake: a non-zero exit and one line that names the path, never a crash with a stack trace.</summary>
    private static void AssertOneLineError(ChildProcessResult result, string path)
    {
        Assert.True(result.ExitCode is not 0 and not 134, result.Describe());
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("webproxy: ", StringComparison.Ordinal) && lines[0].Contains(path, StringComparison.Ordinal),
            $"Expected one line 'webproxy: ...' naming {path}.\n{result.Describe()}");
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
    }

    private static X509Certificate2 SinglePemCertificate(string pem)
    {
        var fields = PemEncoding.Find(pem);
        Assert.Equal("CERTIFICATE", pem[fields.Label]);
        Assert.Equal(string.Empty, pem[fields.Location.End..].Trim());
        Assert.Equal(string.Empty, pem[..fields.Location.Start].Trim());
        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data]));
    }
}
