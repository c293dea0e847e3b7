using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace WebProxy.Admin.Tests.Pac;

public sealed class AdminOptionsValidationTests
{
    [Theory]
    [InlineData("*.gemeente.nl", "wildcard")]
    [InlineData(".gemeente.nl", "leading dot")]
    [InlineData("https://gemeente.nl", "without scheme")]
    [InlineData("gemeente.nl/intranet", "without scheme, port or path")]
    [InlineData("gemeente.nl:443", "without scheme, port or path")]
    [InlineData("gemeente..nl", "1 to 63 characters")]
    [InlineData("-gemeente.nl", "hyphen")]
    [InlineData("gemeente nl", "' ' is not allowed")]
    [InlineData("gemeente.nl\";alert(1)", "'\"' is not allowed")]
    [InlineData("intra_net.gemeente.nl", "'_' is not allowed")]
    [InlineData("bücher.nl", "punycode")]
    [InlineData("10.0.0.1", "an IP address is not a domain")]
    [InlineData("", "empty")]
    public void A_bad_direct_domain_stops_startup_with_a_message_naming_the_field(string entry, string reason)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var options = new AdminOptions { DirectDomains = ["gemeente.nl", entry] };

        var exception = Assert.Throws<ArgumentException>(() => builder.Services.AddWebProxyAdmin(options));

        Assert.StartsWith("Admin.DirectDomains[1]: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_refused()
    {
        var options = new AdminOptions { DirectDomains = [new string('a', 64) + ".nl"] };

        var exception = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddWebProxyAdmin(options));

        Assert.StartsWith("Admin.DirectDomains[0]: ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proxy.gemeente.nl", "port is missing")]
    [InlineData("proxy.gemeente.nl:0", "not a port number")]
    [InlineData("proxy.gemeente.nl:65536", "not a port number")]
    [InlineData("proxy.gemeente.nl:+80", "not a port number")]
    [InlineData("pro xy:3128", "neither an IPv4 address nor a host name")]
    [InlineData("p\";alert(1);//:3128", "neither an IPv4 address nor a host name")]
    [InlineData("[::1:3128", "[address]:port")]
    [InlineData("[not-ipv6]:3128", "is not an IPv6 address")]
    [InlineData("", "empty")]
    public void A_bad_proxy_address_stops_startup_with_a_message_naming_the_field(string address, string reason)
    {
        var options = new AdminOptions { ProxyAddressForClients = address };

        var exception = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddWebProxyAdmin(options));

        Assert.StartsWith("Admin.ProxyAddressForClients: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:3128")]
    [InlineData("proxy.gemeente.nl:8080")]
    [InlineData("proxy:3128")]
    [InlineData("[::1]:3128")]
    [InlineData("[2001:db8::10]:65535")]
    public void Good_proxy_addresses_are_accepted(string address)
    {
        var services = new ServiceCollection().AddWebProxyAdmin(new AdminOptions { ProxyAddressForClients = address });

        Assert.NotEmpty(services);
    }

    [Fact]
    public async Task Mapping_the_endpoints_without_registering_the_services_fails_at_startup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapWebProxyAdmin());

        Assert.Contains("AddWebProxyAdmin", exception.Message, StringComparison.Ordinal);
    }
}
