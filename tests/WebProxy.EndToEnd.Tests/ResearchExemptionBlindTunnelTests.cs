using System.Net;
using WebProxy.EndToEnd.Tests.Support;
using static WebProxy.EndToEnd.Tests.Support.ExemptionScenario;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.EndToEnd.Tests;

/// <summary>
/// A research exemption under the default <c>Policy.InterceptionMode</c>, <c>BlockedOnly</c> (article 6.3: look inside
/// HTTPS only to show a block page): for the exempted researcher the site is not blocked, so his CONNECT becomes a
/// blind tunnel and his curl verifies the origin's own certificate; his colleague's CONNECT is still intercepted to
/// show her the block page.
/// </summary>
public sealed class ResearchExemptionBlindTunnelTests : IAsyncLifetime
{
    private ExemptionScenario _scenario = null!;

    public async Task InitializeAsync() =>
        _scenario = await ExemptionScenario.StartAsync(config => config["Policy"]!["InterceptionMode"] = "BlockedOnly");

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_exempted_researcher_gets_a_blind_tunnel_while_his_colleague_still_gets_the_block_page()
    {
        var s = _scenario;
        var url = s.TlsUrl(AdultHost, "/hello");
        AssertBlockPage(await s.CurlAsync(Researcher, url), 403, "pornographic sites");

        var grant = await s.GrantResearchAsync(Manager, Researcher, ["adult"], null, DateTimeOffset.UtcNow.AddHours(1));
        Assert.True(grant.Status == HttpStatusCode.Created, $"{grant.Status}: {grant.Body}");

        // Trusting only the origin's root (a later --cacert wins), his curl sees the origin's own certificate.
        var researcher = await s.CurlAsync(Researcher, url, "--cacert", s.OriginRootPath);
        AssertReachedOrigin(researcher);
        Assert.Contains("WebProxy Test Origin Root", researcher.Trace, StringComparison.Ordinal);
        Assert.DoesNotContain(ProxyProcess.CaCommonName, researcher.Trace, StringComparison.Ordinal);

        var colleague = await s.CurlAsync(Colleague, url);
        AssertBlockPage(colleague, 403, "pornographic sites");
        Assert.Contains(ProxyProcess.CaCommonName, colleague.Trace, StringComparison.Ordinal);

        // Anonymous: asked to sign in on the CONNECT, since someone is exempt from this category now.
        var anonymous = await s.CurlAsync(null, url);
        Assert.True(anonymous.ExitCode == 56, anonymous.Describe());
        Assert.Contains("< HTTP/1.1 407", anonymous.Trace, StringComparison.Ordinal);
    }
}
