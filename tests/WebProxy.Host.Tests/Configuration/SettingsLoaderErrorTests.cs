using System.Text.Json;
using WebProxy.Host.Configuration;
using WebProxy.Host.Tests.Support;

namespace WebProxy.Host.Tests.Configuration;

/// <summary>
/// Every configuration mistake stops the start with a message an operator can act on: the file, the line and
/// the field, in the form <c>file:line: field Name: what is wrong</c>.
/// </summary>
public sealed class SettingsLoaderErrorTests
{
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true };

    [Fact]
    public void An_unknown_field_is_named_with_its_file_and_line()
    {
        using var file = new ConfigFile("""
            {
              "Proxy": {
                "Port": 3128,
                "ListenAdress": "0.0.0.0"
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf("ListenAdress"), "Proxy.ListenAdress");
    }

    [Fact]
    public void An_unknown_section_is_named_with_its_file_and_line()
    {
        using var file = new ConfigFile("""
            {
              "DataDirectory": "data",
              "Proxxy": {
                "Port": 3128
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf("Proxxy"), "Proxxy");
    }

    [Theory]
    [InlineData("\"Port\": \"abc\"", "Proxy.Port")]
    [InlineData("\"Port\": 3128.5", "Proxy.Port")]
    [InlineData("\"EnableHttp2\": \"yes\"", "Proxy.EnableHttp2")]
    [InlineData("\"ExtraConnectPorts\": \"443\"", "Proxy.ExtraConnectPorts")]
    [InlineData("\"Limits\": 5", "Proxy.Limits")]
    [InlineData("\"Hosts\": [ \"good.test\" ]", "Proxy.Hosts")]
    public void A_value_of_the_wrong_type_is_named_with_its_file_and_line(string setting, string field)
    {
        using var file = new ConfigFile($$"""
            {
              "DataDirectory": "data",
              "Proxy": {
                "ListenAddress": "127.0.0.1",
                {{setting}}
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf(setting), field);
    }

    [Fact]
    public void A_duration_that_is_not_a_duration_is_named_with_its_file_and_line()
    {
        using var file = new ConfigFile("""
            {
              "Proxy": {
                "Limits": {
                  "MaxConnections": 100,
                  "ShutdownDrainTimeout": "ten seconds"
                }
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf("ten seconds"), "Proxy.Limits.ShutdownDrainTimeout");
    }

    [Fact]
    public void A_wrong_type_inside_an_array_names_the_element()
    {
        using var file = new ConfigFile("""
            {
              "Proxy": {
                "ExtraConnectPorts": [
                  8443,
                  "https"
                ]
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf("\"https\""), "Proxy.ExtraConnectPorts[1]");
    }

    [Fact]
    public void Malformed_JSON_is_reported_at_the_line_where_it_breaks_with_the_enclosing_field()
    {
        using var file = new ConfigFile("""
            {
              "Proxy": {
                "Port": 3128
                "ListenAddress": "127.0.0.1"
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        // The comma is missing after "Port": 3128; the parser notices at the next property, inside "Proxy".
        Assert.StartsWith($"{file.Path}:{file.LineOf("ListenAddress")}: field Proxy: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected either ','", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_string_is_reported_at_its_line()
    {
        using var file = new ConfigFile("""
            {
              "DataDirectory": "data",
              "Admin": {
                "ListenAddress": "127.0.0.1
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        Assert.StartsWith($"{file.Path}:{file.LineOf("\"ListenAddress\"")}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Admin.ListenAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_reported_as_such()
    {
        using var file = new ConfigFile(string.Empty);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        Assert.StartsWith($"{file.Path}:1:", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidValues => new()
    {
        { "Proxy.Port", "\"Port\": 70000", """{ "Proxy": { "ListenAddress": "127.0.0.1", "Port": 70000 } }""" },
        { "Proxy.ExtraConnectPorts[0]", "0,", """{ "Proxy": { "ExtraConnectPorts": [ 0, 8443 ] } }""" },
        { "Proxy.Hosts.good.test", "not-an-ip", """{ "Proxy": { "Hosts": { "plain.test": "127.0.0.1", "good.test": "not-an-ip" } } }""" },
        { "Proxy.Hosts.good.test", "300.1.2.3", """{ "Proxy": { "Hosts": { "good.test": "300.1.2.3" } } }""" },
        { "Proxy.Hosts.bad host!", "bad host!", """{ "Proxy": { "Hosts": { "plain.test": "127.0.0.1", "bad host!": "127.0.0.1" } } }""" },
        { "Proxy.Limits.ShutdownDrainTimeout", "-00:00:01", """{ "Proxy": { "Limits": { "MaxConnections": 10, "ShutdownDrainTimeout": "-00:00:01" } } }""" },
        { "Proxy.Limits.TunnelIdleTimeout", "00:00:00", """{ "Proxy": { "Limits": { "TunnelIdleTimeout": "00:00:00" } } }""" },
        { "Proxy.Limits.MaxConnectHeadBytes", "512", """{ "Proxy": { "Limits": { "MaxConnectHeadBytes": 512 } } }""" },
        { "Proxy.ListenAddress", "localhost", """{ "Proxy": { "ListenAddress": "localhost" } }""" },
        { "Admin.Port", "-1", """{ "Admin": { "Port": -1 } }""" },
        { "Admin.DirectDomains[1]", "intra net", """{ "Admin": { "DirectDomains": [ "intranet.gemeente.nl", "intra net" ] } }""" },
        { "Admin.Https", "\"Off\"", """{ "Admin": { "ListenAddress": "0.0.0.0", "Https": "Off" } }""" },
        { "Admin.HttpsHostNames[1]", "bad host!", """{ "Admin": { "Https": "OrganisationCa", "HttpsHostNames": [ "proxy.gemeente.nl", "bad host!" ] } }""" },
        { "CertificateAuthority.LeafValidity", "400.00:00:00", """{ "CertificateAuthority": { "LeafValidity": "400.00:00:00" } }""" },
        { "DataDirectory", "\" \"", """{ "DataDirectory": " " }""" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void An_invalid_value_is_named_with_its_file_and_line(string field, string snippet, string oneLineJson)
    {
        // Spread the object over lines, one property or array element per line, so each has its own line number.
        using var file = new ConfigFile(OnePerLine(oneLineJson));

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf(snippet), field);
    }

    [Fact]
    public void Plain_http_beyond_loopback_is_accepted_only_when_a_tls_proxy_is_declared()
    {
        using var declared = new ConfigFile("""{ "Admin": { "ListenAddress": "0.0.0.0", "AllowPlainHttpOnNetwork": true } }""");
        using var encrypted = new ConfigFile("""{ "Admin": { "ListenAddress": "0.0.0.0", "Https": "OrganisationCa" } }""");
        using var undeclared = new ConfigFile("""{ "Admin": { "ListenAddress": "10.1.2.3" } }""");

        Assert.True(SettingsLoader.Load(declared.Path).Admin.AllowPlainHttpOnNetwork);
        Assert.Equal(AdminHttpsMode.OrganisationCa, SettingsLoader.Load(encrypted.Path).Admin.Https);
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(undeclared.Path));
        Assert.Contains("field Admin.Https: the admin port listens on 10.1.2.3, beyond this machine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_container_images_settings_load_and_put_TLS_on_the_admin_port_it_opens_to_the_network()
    {
        var settings = SettingsLoader.Load(Path.Combine(WebProxy.TestData.SharedTestData.Repository, "src", "WebProxy.Host", "Deployment", "webproxy.container.json"));

        Assert.Equal(("0.0.0.0", AdminHttpsMode.OrganisationCa), (settings.Admin.ListenAddress, settings.Admin.Https));
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once_each_on_its_own_line()
    {
        using var file = new ConfigFile("""
            {
              "Proxy": {
                "Port": 70000,
                "ExtraConnectPorts": [ 0 ],
                "Hosts": {
                  "good.test": "127.0.0.1",
                  "bad.test": "not-an-ip"
                },
                "Limits": {
                  "ShutdownDrainTimeout": "-00:00:01"
                }
              },
              "Admin": {
                "DirectDomains": [
                  "intranet.gemeente.nl",
                  "not a domain!"
                ]
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(5, lines.Length);
        AssertOneLineStartsWith(lines, $"{file.Path}:{file.LineOf("70000")}: field Proxy.Port: ");
        AssertOneLineStartsWith(lines, $"{file.Path}:{file.LineOf("[ 0 ]")}: field Proxy.ExtraConnectPorts[0]: ");
        AssertOneLineStartsWith(lines, $"{file.Path}:{file.LineOf("not-an-ip")}: field Proxy.Hosts.bad.test: ");
        AssertOneLineStartsWith(lines, $"{file.Path}:{file.LineOf("-00:00:01")}: field Proxy.Limits.ShutdownDrainTimeout: ");
        AssertOneLineStartsWith(lines, $"{file.Path}:{file.LineOf("not a domain!")}: field Admin.DirectDomains[1]: ");
    }

    [Fact]
    public void Field_names_in_any_case_still_lead_to_the_right_line()
    {
        using var file = new ConfigFile("""
            {
              "proxy": {
                "listenAddress": "127.0.0.1",
                "PORT": 70000
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf("70000"), "Proxy.Port");
    }

    [Fact]
    public void A_field_given_twice_is_reported_at_the_occurrence_that_counts()
    {
        using var file = new ConfigFile("""
            {
              "Proxy": {
                "Port": 3128,
                "ListenAddress": "127.0.0.1",
                "Port": 70000
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf("70000"), "Proxy.Port");
    }

    [Fact]
    public void A_file_with_Windows_line_endings_reports_the_right_line()
    {
        var text = "{\r\n  \"Proxy\": {\r\n    \"ListenAddress\": \"127.0.0.1\",\r\n    \"Port\": 70000\r\n  }\r\n}\r\n";
        using var file = new ConfigFile(text);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, 4, "Proxy.Port");
    }

    [Fact]
    public void A_missing_file_is_reported_by_its_path()
    {
        using var directory = new WebProxy.Testing.TempDirectory();
        var path = Path.Combine(directory.Path, "absent.json");

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(path));

        Assert.StartsWith($"{path}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_CA_file_that_does_not_exist_is_named_with_its_line()
    {
        using var file = new ConfigFile("""
            {
              "Proxy": {
                "Port": 3128,
                "UpstreamExtraCaFile": "/nonexistent/roots.pem"
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(file.Path));

        AssertNames(error, file, file.LineOf("roots.pem"), "Proxy.UpstreamExtraCaFile");
        Assert.Contains("/nonexistent/roots.pem", error.Message, StringComparison.Ordinal);
    }

    private static void AssertNames(ConfigurationException error, ConfigFile file, int line, string field)
    {
        Assert.True(
            error.Message.StartsWith($"{file.Path}:{line}: field {field}: ", StringComparison.Ordinal),
            $"Expected '{file.Path}:{line}: field {field}: ...' but the message was:\n{error.Message}\n--- file ---\n{file.Text}");
        Assert.DoesNotContain(Environment.NewLine, error.Message, StringComparison.Ordinal);
    }

    private static void AssertOneLineStartsWith(string[] lines, string prefix) =>
        Assert.True(lines.Count(line => line.StartsWith(prefix, StringComparison.Ordinal)) == 1,
            $"Expected one line starting with '{prefix}' in:\n{string.Join('\n', lines)}");

    /// <summary>Re-indents one-line JSON with one property or array element per line.</summary>
    private static string OnePerLine(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, IndentedOptions);
    }
}
