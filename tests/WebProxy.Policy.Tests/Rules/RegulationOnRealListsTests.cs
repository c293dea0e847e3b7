using WebProxy.Policy.Categories;
using WebProxy.Policy.Connect;
using WebProxy.Policy.Rules;
using WebProxy.Policy.Tests.Support;

namespace WebProxy.Policy.Tests.Rules;

/// <summary>The repository's mapping over the real UT1 lists in <c>../shared/categories/ut1/</c>.</summary>
public sealed class RegulationOnRealListsTests(Ut1IndexFixture ut1) : IClassFixture<Ut1IndexFixture>
{
    private const string Canary = "http://cri.univ-tlse1.fr/tools/test_filtrage/";

    private PolicyEngine Engine(InterceptionMode mode = InterceptionMode.BlockedOnly) =>
        new(ut1.Index, RepositoryFiles.LoadMapping(), new PolicySettings { InterceptionMode = mode });

    [Theory]
    [InlineData("agressif", RegulationCategory.Hate)]
    [InlineData("gambling", RegulationCategory.Gambling)]
    [InlineData("chat", RegulationCategory.Chat)]
    [InlineData("warez", RegulationCategory.Warez)]
    [InlineData("hacking", RegulationCategory.Warez)]
    public void Each_regulation_categorys_canary_url_is_blocked_under_article_5_4(string list, RegulationCategory category)
    {
        var decision = Decide(Engine(), $"{Canary}{list}/");
        Assert.Equal(PolicyDecisionKind.Block, decision.Kind);
        Assert.Equal((category, "5.4", list), (decision.Reason!.Category, decision.Reason.Article, decision.Reason.ListCategory));
    }

    [Fact]
    public void The_adult_list_blocks_its_url_entries_under_article_5_4()
    {
        // The adult canary is in UT1's adult/domains files, which the shared copy lacks (see its README); use a url entry.
        var entry = Ut1Data.ReadLines("adult", "urls").First(u => !u.Contains('#', StringComparison.Ordinal));
        var decision = Decide(Engine(), "http://" + entry);
        Assert.Equal((RegulationCategory.Adult, "5.4", "adult"), (decision.Reason!.Category, decision.Reason.Article, decision.Reason.ListCategory));
    }

    [Theory]
    [InlineData("bank")]
    [InlineData("press")]
    [InlineData("sexual_education")]
    [InlineData("mixed_adult")]
    [InlineData("filehosting")]
    [InlineData("webmail")]
    [InlineData("redirector")]
    public void Benign_and_deliberately_unmapped_canaries_are_allowed(string list)
    {
        Assert.Equal(PolicyDecision.Allow, Decide(Engine(), $"{Canary}{list}/"));
    }

    [Fact]
    public void Domains_of_blocked_lists_block_on_connect_and_benign_ones_tunnel()
    {
        var engine = Engine();
        var gambling = engine.DecideConnect(new ConnectTarget("bet365.com", 443));
        Assert.Equal((PolicyDecisionKind.Intercept, "gambling"), (gambling.Kind, gambling.Reason?.Name));
        var bank = Ut1Data.ReadLines("bank", "domains").First();
        Assert.Equal(PolicyDecision.Tunnel, engine.DecideConnect(new ConnectTarget(bank, 443)));
        var refused = Engine(InterceptionMode.None).DecideConnect(new ConnectTarget("bet365.com", 443));
        Assert.Equal((PolicyDecisionKind.Refuse, "gambling"), (refused.Kind, refused.Reason?.Name));
    }

    [Fact]
    public void Chatroulette_in_chat_and_mixed_adult_is_blocked_as_chat_because_mixed_adult_is_not_blocked()
    {
        var decision = Decide(Engine(), "https://chatroulette.com/");
        Assert.Equal((RegulationCategory.Chat, "chat"), (decision.Reason!.Category, decision.Reason.ListCategory));
    }

    [Fact]
    public void The_canary_host_is_intercepted_in_blocked_only_mode_so_its_blocked_paths_can_be_enforced()
    {
        var decision = Engine().DecideConnect(new ConnectTarget("cri.univ-tlse1.fr", 443));
        Assert.Equal(PolicyDecision.Intercept, decision);
        Assert.Equal(PolicyDecision.Tunnel, Engine(InterceptionMode.None).DecideConnect(new ConnectTarget("cri.univ-tlse1.fr", 443)));
    }

    [Fact]
    public void Every_selected_UT1_list_is_mapped_or_deliberately_unmapped()
    {
        var engine = Engine();
        Assert.All(engine.UnmappedListCategories, list => Assert.Contains(list, engine.Mapping.Unmapped.Keys));
    }

    private static PolicyDecision Decide(PolicyEngine engine, string url)
    {
        Assert.True(RequestUrlNormaliser.TryNormalise(url, out var request), url);
        return engine.DecideRequest(request);
    }
}
