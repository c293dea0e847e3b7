using System.Text;
using System.Text.Json;
using WebProxy.Policy.Json;
using WebProxy.Host.Tests.Support;

namespace WebProxy.Host.Tests.Configuration;

/// <summary>The map from a value's path to its line, which lets errors found after parsing still name a line.</summary>
public sealed class JsonLineMapTests
{
    private const string Document = """
        // A comment before the document.
        {
          "DataDirectory": "data",
          "Proxy": {
            "Limits": {
              "MaxConnections": 100, /* trailing comma below */
            },
            "Hosts": {
              "good.test": "127.0.0.1"
            },
            "Port":
              3128
          },
          "Admin": {
            "DirectDomains": [
              "intranet.gemeente.nl",
              "gemeente.local"
            ]
          },
          "Rules": [
            { "Host": "a.example", "Action": "Allow" },
            { // the second rule
              "Host": "b.example",
              "Tags": [ [ "x" ], [ "y", "z" ] ]
            }
          ],
          "Empty": {},
          "Last": true,
        }
        """;

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonLineMap Index = new(Encoding.UTF8.GetBytes(Document), Options, StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData("DataDirectory", "\"DataDirectory\"")]
    [InlineData("Proxy", "\"Proxy\"")]
    [InlineData("Proxy.Limits", "\"Limits\"")]
    [InlineData("Proxy.Limits.MaxConnections", "\"MaxConnections\"")]
    [InlineData("Last", "\"Last\"")]
    public void A_property_in_nested_objects_is_found_on_its_line(string path, string snippet)
    {
        Assert.Equal(ConfigFile.LineIn(Document, snippet), Index.FindLine(path));
    }

    [Fact]
    public void A_value_on_the_line_after_its_name_is_reported_on_the_line_of_the_name()
    {
        Assert.Equal(ConfigFile.LineIn(Document, "\"Port\":"), Index.FindLine("Proxy.Port"));
    }

    [Fact]
    public void A_property_name_containing_dots_is_found()
    {
        Assert.Equal(ConfigFile.LineIn(Document, "\"good.test\""), Index.FindLine("Proxy.Hosts.good.test"));
    }

    [Theory]
    [InlineData("Admin.DirectDomains", "\"DirectDomains\"")]
    [InlineData("Admin.DirectDomains[0]", "intranet.gemeente.nl")]
    [InlineData("Admin.DirectDomains[1]", "gemeente.local")]
    public void Elements_of_an_array_of_strings_are_found_by_index(string path, string snippet)
    {
        Assert.Equal(ConfigFile.LineIn(Document, snippet), Index.FindLine(path));
    }

    [Theory]
    [InlineData("Rules[0]", "a.example")]
    [InlineData("Rules[0].Host", "a.example")]
    [InlineData("Rules[0].Action", "a.example")]
    [InlineData("Rules[1]", "the second rule")]
    [InlineData("Rules[1].Host", "b.example")]
    [InlineData("Rules[1].Tags", "\"Tags\"")]
    [InlineData("Rules[1].Tags[1][1]", "\"Tags\"")]
    public void Properties_of_objects_in_an_array_are_found_by_index_and_name(string path, string snippet)
    {
        Assert.Equal(ConfigFile.LineIn(Document, snippet), Index.FindLine(path));
    }

    [Theory]
    [InlineData("proxy.limits.maxconnections", "\"MaxConnections\"")]
    [InlineData("ADMIN.DIRECTDOMAINS[1]", "gemeente.local")]
    public void Paths_match_without_regard_to_case_as_the_loader_does(string path, string snippet)
    {
        Assert.Equal(ConfigFile.LineIn(Document, snippet), Index.FindLine(path));
    }

    [Theory]
    [InlineData("Proxy.Limits.ShutdownDrainTimeout", "\"Limits\"")]
    [InlineData("Admin.DirectDomains[7]", "\"DirectDomains\"")]
    [InlineData("Rules[1].Missing.Deeper", "the second rule")]
    [InlineData("Empty.Anything", "\"Empty\"")]
    public void A_path_not_in_the_file_falls_back_to_its_nearest_parent_that_is(string path, string snippet)
    {
        Assert.Equal(ConfigFile.LineIn(Document, snippet), Index.FindLine(path));
    }

    [Theory]
    [InlineData("Nowhere")]
    [InlineData("Nowhere.At.All")]
    [InlineData("")]
    public void A_path_with_no_ancestor_in_the_file_has_no_line(string path)
    {
        Assert.Null(Index.FindLine(path));
    }

    [Fact]
    public void Lines_are_counted_the_same_with_Windows_line_endings()
    {
        var index = new JsonLineMap(Encoding.UTF8.GetBytes(Document.ReplaceLineEndings("\r\n")), Options, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(ConfigFile.LineIn(Document, "gemeente.local"), index.FindLine("Admin.DirectDomains[1]"));
        Assert.Equal(ConfigFile.LineIn(Document, "b.example"), index.FindLine("Rules[1].Host"));
    }

    [Fact]
    public void A_one_line_document_puts_everything_on_line_one()
    {
        var index = new JsonLineMap("""{"Proxy":{"Port":1,"ExtraConnectPorts":[1,2]}}"""u8, Options, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(1, index.FindLine("Proxy.Port"));
        Assert.Equal(1, index.FindLine("Proxy.ExtraConnectPorts[1]"));
    }
}
