using System.Text;
using WebProxy.Host.Configuration;
using WebProxy.Host.Tests.Support;
using WebProxy.Policy.Rules;

namespace WebProxy.Host.Tests.Configuration;

/// <summary>Files that are right load, as people write them; no file at all means the documented defaults.</summary>
public sealed class SettingsLoaderTests
{
    private const string CommentedFile = """
        // WebProxy configuration for the town hall.
        {
          /* Where the data lives. */
          "DataDirectory": "/var/lib/webproxy",
          "Proxy": {
            "ListenAddress": "0.0.0.0",
            "Port": 8080, // the port in the PAC file
            "ExtraConnectPorts": [ 8443, 9443, ],
            "Hosts": { "intranet.gemeente.nl": "10.0.0.5", },
            "Limits": {
              "ShutdownDrainTimeout": "00:00:05",
              "MaxConnections": 500,
            },
          },
          "Admin": {
            "Port": 9090,
            "DirectDomains": [ "intranet.gemeente.nl", "gemeente.local", ],
          },
          "CertificateAuthority": { "CommonName": "Gemeente CA", "LeafValidity": "2.00:00:00", },
          "Policy": { "InterceptionMode": "none", "UploadLimitBytes": null, },
        }
        """;

    [Fact]
    public void Without_a_file_the_defaults_apply()
    {
        var settings = SettingsLoader.Load(null);

        Assert.Equal("127.0.0.1", settings.Proxy.ListenAddress);
        Assert.Equal(3128, settings.Proxy.Port);
        Assert.Equal("127.0.0.1", settings.Admin.ListenAddress);
        Assert.Equal(8081, settings.Admin.Port);
        Assert.Equal(InterceptionMode.BlockedOnly, settings.Policy.InterceptionMode);
        Assert.Equal(1L << 30, settings.Policy.DownloadLimitBytes);
        Assert.Equal(25L << 20, settings.Policy.UploadLimitBytes);
        Assert.Equal("data", settings.DataDirectory);
        Assert.Empty(settings.Proxy.ExtraConnectPorts);
        Assert.True(settings.Proxy.EnableHttp2);
    }

    [Fact]
    public void A_file_with_comments_and_trailing_commas_loads()
    {
        using var file = new ConfigFile(CommentedFile);

        var settings = SettingsLoader.Load(file.Path);

        Assert.Equal("/var/lib/webproxy", settings.DataDirectory);
        Assert.Equal("0.0.0.0", settings.Proxy.ListenAddress);
        Assert.Equal(8080, settings.Proxy.Port);
        Assert.Equal(InterceptionMode.None, settings.Policy.InterceptionMode);
        Assert.Null(settings.Policy.UploadLimitBytes);
        Assert.Equal([8443, 9443], settings.Proxy.ExtraConnectPorts);
        Assert.Equal("10.0.0.5", settings.Proxy.Hosts["intranet.gemeente.nl"]);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Proxy.Limits.ShutdownDrainTimeout);
        Assert.Equal(500, settings.Proxy.Limits.MaxConnections);
        Assert.Equal(9090, settings.Admin.Port);
        Assert.Equal(["intranet.gemeente.nl", "gemeente.local"], settings.Admin.DirectDomains);
        Assert.Equal("Gemeente CA", settings.CertificateAuthority.CommonName);
        Assert.Equal(TimeSpan.FromDays(2), settings.CertificateAuthority.LeafValidity);
    }

    [Fact]
    public void A_file_names_only_what_differs_and_the_rest_keeps_its_default()
    {
        using var file = new ConfigFile("""{ "Proxy": { "Port": 8080 } }""");

        var settings = SettingsLoader.Load(file.Path);

        Assert.Equal(8080, settings.Proxy.Port);
        Assert.Equal("127.0.0.1", settings.Proxy.ListenAddress);
        Assert.Equal(8081, settings.Admin.Port);
        Assert.Equal(InterceptionMode.BlockedOnly, settings.Policy.InterceptionMode);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Proxy.Limits.ShutdownDrainTimeout);
    }

    [Fact]
    public void An_empty_object_is_the_defaults()
    {
        using var file = new ConfigFile("{}");

        var settings = SettingsLoader.Load(file.Path);

        Assert.Equal(3128, settings.Proxy.Port);
        Assert.Equal(8081, settings.Admin.Port);
    }

    [Fact]
    public void Port_zero_is_accepted_so_the_system_can_choose()
    {
        using var file = new ConfigFile("""{ "Proxy": { "Port": 0 }, "Admin": { "Port": 0 } }""");

        var settings = SettingsLoader.Load(file.Path);

        Assert.Equal(0, settings.Proxy.Port);
        Assert.Equal(0, settings.Admin.Port);
    }

    [Fact]
    public void A_file_saved_with_a_UTF8_byte_order_mark_loads()
    {
        // Windows editors (Notepad before 2019, PowerShell 5's Out-File -Encoding utf8) write a BOM.
        using var directory = new WebProxy.Testing.TempDirectory();
        var path = Path.Combine(directory.Path, "webproxy.json");
        File.WriteAllText(path, "{\n  \"Proxy\": { \"Port\": 8080 }\n}\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);

        var settings = SettingsLoader.Load(path);

        Assert.Equal(8080, settings.Proxy.Port);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_still_reports_the_right_line()
    {
        using var directory = new WebProxy.Testing.TempDirectory();
        var path = Path.Combine(directory.Path, "webproxy.json");
        File.WriteAllText(path, "{\n  \"Proxy\": {\n    \"Port\": 70000\n  }\n}\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(path));

        Assert.StartsWith($"{path}:3: field Proxy.Port: ", error.Message, StringComparison.Ordinal);
    }
}
