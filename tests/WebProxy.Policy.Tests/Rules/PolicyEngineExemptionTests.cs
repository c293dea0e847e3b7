using WebProxy.Policy.Categories;
using WebProxy.Policy.Connect;
using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Tests.Rules;

/// <summary>
/// Research exemptions in the engine (article 5.4): the exempted categories stop blocking for that one decision, the
/// others keep blocking, and the local allow list and the same engine for everyone are untouched.
/// </summary>
public sealed class PolicyEngineExemptionTests
{
    private const string Mapping = """
        {
          "lists": [
            { "list": "gambling", "category": "gambling", "article": "5.4", "blocked": true },
            { "list": "chat", "category": "chat", "article": "5.4", "blocked": true },
            { "list": "adult", "category": "adult", "article": "5.4", "blocked": true },
            { "list": "mixed_adult", "category": "adult", "article": "5.4", "blocked": false },
          ]
        }
        """;

    private static readonly CategoryIndex Index = BuildIndex();

    private static CategoryIndex BuildIndex()
    {
        var builder = new CategoryIndexBuilder();
        builder.AddLine("gambling", ListKind.Domains, "casino.test", "gambling/domains", 1);
        builder.AddLine("gambling", ListKind.Urls, "games.test/poker/", "gambling/urls", 1);
        builder.AddLine("chat", ListKind.Domains, "roulette.test", "chat/domains", 1);
        builder.AddLine("adult", ListKind.Domains, "roulette.test", "adult/domains", 1);
        builder.AddLine("adult", ListKind.Domains, "adult.test", "adult/domains", 1);
        builder.AddLine(LocalLists.DenyListName(RegulationCategory.Hate), ListKind.Domains, "denied.test", "local/deny/hate/domains", 1);
        return builder.Build();
    }

    private static PolicyEngine Engine(InterceptionMode mode = InterceptionMode.BlockedOnly) =>
        new(Index, CategoryMapping.Parse(Mapping, "mapping.json"), new PolicySettings { InterceptionMode = mode, AllowedConnectPorts = [443] });

    [Fact]
    public void Without_exemptions_the_mask_is_zero_and_decisions_are_unchanged()
    {
        var engine = Engine();
        Assert.Equal(0UL, engine.ExemptMask(new HashSet<RegulationCategory>()));
        Assert.Equal(PolicyDecisionKind.Block, Decide(engine, "http://adult.test/", []).Kind);
        Assert.Equal(PolicyDecisionKind.Intercept, engine.DecideConnect(new ConnectTarget("casino.test", 443), 0).Kind);
    }

    [Fact]
    public void An_exempted_category_is_allowed_on_its_url_and_its_connect_is_tunnelled()
    {
        var engine = Engine();
        Assert.Equal(PolicyDecisionKind.Allow, Decide(engine, "http://adult.test/page", [RegulationCategory.Adult]).Kind);
        Assert.Equal(PolicyDecisionKind.Allow, Decide(engine, "http://games.test/poker/table", [RegulationCategory.Gambling]).Kind);
        var mask = engine.ExemptMask(new HashSet<RegulationCategory> { RegulationCategory.Gambling });
        Assert.Equal(PolicyDecision.Tunnel, engine.DecideConnect(new ConnectTarget("casino.test", 443), mask));
    }

    [Fact]
    public void Other_categories_keep_blocking_and_a_url_in_two_categories_needs_both()
    {
        var engine = Engine();
        Assert.Equal("gambling", Decide(engine, "http://casino.test/", [RegulationCategory.Adult]).Reason!.Name);
        Assert.Equal("chat", Decide(engine, "http://roulette.test/", [RegulationCategory.Adult]).Reason!.Name);
        Assert.Equal(PolicyDecisionKind.Allow, Decide(engine, "http://roulette.test/", [RegulationCategory.Adult, RegulationCategory.Chat]).Kind);
    }

    [Fact]
    public void A_local_deny_list_of_an_exempted_category_stops_blocking_too()
    {
        var engine = Engine();
        Assert.Equal("hate", Decide(engine, "http://denied.test/", []).Reason!.Name);
        Assert.Equal(PolicyDecisionKind.Allow, Decide(engine, "http://denied.test/", [RegulationCategory.Hate]).Kind);
    }

    [Fact]
    public void In_mode_none_an_exempted_host_is_tunnelled_instead_of_refused()
    {
        var engine = Engine(InterceptionMode.None);
        Assert.Equal(PolicyDecisionKind.Refuse, engine.DecideConnect(new ConnectTarget("adult.test", 443), 0).Kind);
        var mask = engine.ExemptMask(new HashSet<RegulationCategory> { RegulationCategory.Adult });
        Assert.Equal(PolicyDecision.Tunnel, engine.DecideConnect(new ConnectTarget("adult.test", 443), mask));
    }

    private static PolicyDecision Decide(PolicyEngine engine, string url, RegulationCategory[] exempted)
    {
        Assert.True(RequestUrlNormaliser.TryNormalise(url, out var request), url);
        return engine.DecideRequest(request, engine.ExemptMask(exempted.ToHashSet()));
    }
}
