using WebProxy.Policy.Categories;
using WebProxy.Policy.Connect;
using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Tests.Rules;

public sealed class PolicyEngineTests
{
    private const string Mapping = """
        {
          "lists": [
            { "list": "gambling", "category": "gambling", "article": "5.4", "blocked": true },
            { "list": "chat", "category": "chat", "article": "5.4", "blocked": true },
            { "list": "adult", "aliases": ["porn"], "category": "adult", "article": "5.4", "blocked": true },
            { "list": "mixed_adult", "category": "adult", "article": "5.4", "blocked": false },
          ]
        }
        """;

    private static readonly CategoryIndex Index = BuildIndex();

    private static CategoryIndex BuildIndex()
    {
        var builder = new CategoryIndexBuilder();
        builder.AddLine("gambling", ListKind.Domains, "casino.test", "gambling/domains", 1);
        builder.AddLine("gambling", ListKind.Domains, "allowed-casino.test", "gambling/domains", 2);
        builder.AddLine("gambling", ListKind.Urls, "games.test/poker/", "gambling/urls", 1);
        builder.AddLine("chat", ListKind.Domains, "roulette.test", "chat/domains", 1);
        builder.AddLine("porn", ListKind.Domains, "roulette.test", "porn/domains", 1);
        builder.AddLine("mixed_adult", ListKind.Domains, "photos.test", "mixed_adult/domains", 1);
        builder.AddLine("press", ListKind.Domains, "news.test", "press/domains", 1);
        builder.AddLine(LocalLists.Allow, ListKind.Domains, "allowed-casino.test", "local/allow/domains", 1);
        builder.AddLine(LocalLists.DenyListName(RegulationCategory.Hate), ListKind.Domains, "denied.test", "local/deny/hate/domains", 1);
        return builder.Build();
    }

    private static PolicyEngine Engine(InterceptionMode mode, long? download = null, long? upload = null) =>
        new(Index, CategoryMapping.Parse(Mapping, "mapping.json"), new PolicySettings
        {
            InterceptionMode = mode,
            AllowedConnectPorts = [443, 8443],
            DownloadLimitBytes = download,
            UploadLimitBytes = upload,
        });

    public static TheoryData<InterceptionMode, string, int, PolicyDecisionKind, string?> ConnectCases() => new()
    {
        // mode, host, port, kind, reason name
        { InterceptionMode.BlockedOnly, "example.test", 443, PolicyDecisionKind.Tunnel, null },
        { InterceptionMode.BlockedOnly, "news.test", 8443, PolicyDecisionKind.Tunnel, null },
        { InterceptionMode.BlockedOnly, "www.casino.test", 443, PolicyDecisionKind.Intercept, "gambling" },
        { InterceptionMode.BlockedOnly, "allowed-casino.test", 443, PolicyDecisionKind.Tunnel, null },
        { InterceptionMode.BlockedOnly, "denied.test", 443, PolicyDecisionKind.Intercept, "hate" },
        { InterceptionMode.BlockedOnly, "games.test", 443, PolicyDecisionKind.Intercept, null },
        { InterceptionMode.BlockedOnly, "www.games.test", 443, PolicyDecisionKind.Intercept, null },
        { InterceptionMode.BlockedOnly, "photos.test", 443, PolicyDecisionKind.Tunnel, null },
        { InterceptionMode.BlockedOnly, "casino.test", 22, PolicyDecisionKind.Refuse, null },
        { InterceptionMode.All, "example.test", 443, PolicyDecisionKind.Intercept, null },
        { InterceptionMode.All, "casino.test", 443, PolicyDecisionKind.Intercept, "gambling" },
        { InterceptionMode.All, "allowed-casino.test", 443, PolicyDecisionKind.Intercept, null },
        { InterceptionMode.All, "denied.test", 443, PolicyDecisionKind.Intercept, "hate" },
        { InterceptionMode.All, "example.test", 80, PolicyDecisionKind.Refuse, null },
        { InterceptionMode.None, "example.test", 443, PolicyDecisionKind.Tunnel, null },
        { InterceptionMode.None, "casino.test", 443, PolicyDecisionKind.Refuse, "gambling" },
        { InterceptionMode.None, "allowed-casino.test", 443, PolicyDecisionKind.Tunnel, null },
        { InterceptionMode.None, "denied.test", 443, PolicyDecisionKind.Refuse, "hate" },
        { InterceptionMode.None, "games.test", 443, PolicyDecisionKind.Tunnel, null },
        { InterceptionMode.None, "example.test", 25, PolicyDecisionKind.Refuse, null },
    };

    [Theory]
    [MemberData(nameof(ConnectCases))]
    public void A_connect_is_decided_on_port_and_host_per_interception_mode(InterceptionMode mode, string host, int port, PolicyDecisionKind kind, string? reason)
    {
        var decision = Engine(mode).DecideConnect(new ConnectTarget(host, port));
        Assert.Equal((kind, reason), (decision.Kind, decision.Reason?.Name));
        Assert.Equal(reason is not null, decision.IsBlocked);
    }

    [Theory]
    [InlineData(InterceptionMode.BlockedOnly)]
    [InlineData(InterceptionMode.All)]
    [InlineData(InterceptionMode.None)]
    public void A_request_is_decided_on_its_full_url_the_same_way_in_every_mode(InterceptionMode mode)
    {
        var engine = Engine(mode);
        Assert.Equal(PolicyDecision.Allow, Decide(engine, "http://example.test/"));
        Assert.Equal(PolicyDecision.Allow, Decide(engine, "http://news.test/"));
        Assert.Equal(PolicyDecision.Allow, Decide(engine, "http://photos.test/"));
        Assert.Equal(PolicyDecision.Allow, Decide(engine, "http://allowed-casino.test/"));
        Assert.Equal(PolicyDecision.Allow, Decide(engine, "https://games.test/chess/"));
        AssertBlocked(Decide(engine, "https://www.games.test/poker/table"), RegulationCategory.Gambling, "gambling");
        AssertBlocked(Decide(engine, "http://a.casino.test/"), RegulationCategory.Gambling, "gambling");
        AssertBlocked(Decide(engine, "http://denied.test/x"), RegulationCategory.Hate, "local-deny-hate");
    }

    [Fact]
    public void A_host_in_several_blocked_categories_reports_the_highest_priority_and_the_canonical_list_name()
    {
        // roulette.test is in chat and in porn (an alias of adult): adult comes before chat.
        AssertBlocked(Decide(Engine(InterceptionMode.BlockedOnly), "http://roulette.test/"), RegulationCategory.Adult, "adult");
    }

    [Fact]
    public void The_local_allow_list_wins_over_a_blocked_list()
    {
        var engine = Engine(InterceptionMode.BlockedOnly);
        Assert.Equal(PolicyDecision.Allow, Decide(engine, "http://allowed-casino.test/"));
        Assert.Equal(PolicyDecision.Tunnel, engine.DecideConnect(new ConnectTarget("www.allowed-casino.test", 443)));
    }

    [Fact]
    public void Lists_the_mapping_does_not_map_never_block_and_are_reported()
    {
        var engine = Engine(InterceptionMode.BlockedOnly);
        Assert.Equal(["press"], engine.UnmappedListCategories);
        Assert.Equal(PolicyDecision.Allow, engine.DecideCategories(Index.MaskOf("press")));
    }

    [Fact]
    public void Deciding_allocates_nothing_beyond_what_the_index_lookup_does()
    {
        var engine = Engine(InterceptionMode.BlockedOnly);
        Assert.True(RequestUrlNormaliser.TryNormalise("http://example.test/", out var allowed));
        Assert.True(RequestUrlNormaliser.TryNormalise("http://casino.test/", out var blocked));
        var tunnel = new ConnectTarget("example.test", 443);
        var intercept = new ConnectTarget("casino.test", 443);
        var paths = new ConnectTarget("www.games.test", 443);

        var lookups = Allocated(() =>
        {
            Index.MatchUrl(allowed);
            Index.MatchUrl(blocked);
        });
        var requests = Allocated(() =>
        {
            engine.DecideRequest(allowed);
            engine.DecideRequest(blocked);
        });
        var connects = Allocated(() =>
        {
            engine.DecideConnect(tunnel);
            engine.DecideConnect(intercept);
            engine.DecideConnect(paths);
        });

        Assert.Equal(lookups, requests);
        Assert.Equal(0, connects);
    }

    private static long Allocated(Action action)
    {
        for (var warm = 0; warm < 3; warm++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Size_limits_block_above_the_limit_and_an_exemption_can_only_raise_it()
    {
        var engine = Engine(InterceptionMode.BlockedOnly, download: 1000, upload: 10);
        Assert.Equal(1000, engine.DownloadLimit());
        Assert.Equal(PolicyDecision.Allow, engine.DecideDownloadSize(1000));
        Assert.Equal(PolicyDecision.Block(BlockReason.DownloadTooLarge), engine.DecideDownloadSize(1001));
        Assert.Equal(PolicyDecision.Block(BlockReason.UploadTooLarge), engine.DecideUploadSize(11));
        Assert.Equal("5.4", BlockReason.DownloadTooLarge.Article);
        Assert.Equal("5.3, 5.6", BlockReason.UploadTooLarge.Article);

        Assert.Equal(5000, engine.DownloadLimit(exemptedLimit: 5000));
        Assert.Equal(1000, engine.DownloadLimit(exemptedLimit: 10));
        Assert.Null(engine.UploadLimit(exemptedLimit: long.MaxValue));
        Assert.Equal(PolicyDecision.Allow, engine.DecideUploadSize(long.MaxValue, exemptedLimit: long.MaxValue));

        var unlimited = Engine(InterceptionMode.BlockedOnly);
        Assert.Null(unlimited.DownloadLimit());
        Assert.Equal(PolicyDecision.Allow, unlimited.DecideDownloadSize(long.MaxValue));
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        var mapping = CategoryMapping.Empty;
        Assert.Throws<ArgumentException>(() => new PolicyEngine(Index, mapping, new PolicySettings { AllowedConnectPorts = [0] }));
        Assert.Throws<ArgumentException>(() => new PolicyEngine(Index, mapping, new PolicySettings { DownloadLimitBytes = 0 }));
        Assert.Throws<ArgumentException>(() => new PolicyEngine(Index, mapping, new PolicySettings { InterceptionMode = (InterceptionMode)7 }));
    }

    [Fact]
    public void The_default_settings_are_blocked_only_on_port_443_without_size_limits()
    {
        Assert.Equal(InterceptionMode.BlockedOnly, PolicySettings.Default.InterceptionMode);
        Assert.Equal([443], PolicySettings.Default.AllowedConnectPorts);
        Assert.Null(PolicySettings.Default.DownloadLimitBytes);
        Assert.Null(PolicySettings.Default.UploadLimitBytes);
    }

    private static PolicyDecision Decide(PolicyEngine engine, string url)
    {
        Assert.True(RequestUrlNormaliser.TryNormalise(url, out var request), url);
        return engine.DecideRequest(request);
    }

    private static void AssertBlocked(PolicyDecision decision, RegulationCategory category, string listCategory)
    {
        Assert.Equal(PolicyDecisionKind.Block, decision.Kind);
        Assert.Equal((category, "5.4", listCategory), (decision.Reason!.Category, decision.Reason.Article, decision.Reason.ListCategory));
    }
}
