using WebProxy.Policy.Categories;
using WebProxy.Policy.Connect;
using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Tests.Rules;

/// <summary>The sample and local lists shipped in <c>categories/</c>, loaded the way the importer names them.</summary>
public sealed class RepositoryListsTests
{
    private static readonly Lazy<(CategoryIndex Index, ListLoadReport Report)> Loaded = new(Load);

    private static (CategoryIndex, ListLoadReport) Load()
    {
        var builder = new CategoryIndexBuilder();
        foreach (var folder in Directory.GetDirectories(Path.Combine(RepositoryFiles.CategoriesFolder, "samples")).Order(StringComparer.Ordinal))
        {
            RepositoryFiles.AddFolder(builder, Path.GetFileName(folder), folder);
        }

        RepositoryFiles.AddFolder(builder, LocalLists.Allow, Path.Combine(RepositoryFiles.CategoriesFolder, "local", "allow"));
        foreach (var category in RegulationCategoryNames.All)
        {
            var folder = Path.Combine(RepositoryFiles.CategoriesFolder, "local", "deny", RegulationCategoryNames.Name(category));
            RepositoryFiles.AddFolder(builder, LocalLists.DenyListName(category), folder);
        }

        return (builder.Build(), builder.Report);
    }

    private static PolicyEngine Engine => new(Loaded.Value.Index, RepositoryFiles.LoadMapping(), PolicySettings.Default);

    [Fact]
    public void The_shipped_lists_load_without_problems()
    {
        Assert.Empty(Loaded.Value.Report.Problems);
        Assert.True(Loaded.Value.Index.DomainCount >= 15, $"{Loaded.Value.Index.DomainCount} domains");
    }

    public static TheoryData<string, string> SampleEntries()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(RepositoryFiles.CategoriesFolder, "samples")).Order(StringComparer.Ordinal))
        {
            foreach (var file in new[] { "domains", "urls" })
            {
                var path = Path.Combine(folder, file);
                foreach (var line in File.Exists(path) ? File.ReadLines(path) : [])
                {
                    if (line.Length > 0 && line[0] != '#')
                    {
                        data.Add(Path.GetFileName(folder), line);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleEntries))]
    public void Every_sample_entry_blocks_unless_its_list_is_not_blocked_by_default(string list, string entry)
    {
        Assert.True(RequestUrlNormaliser.TryNormalise("http://" + entry, out var request), entry);
        Assert.NotEqual(0UL, Loaded.Value.Index.MatchUrl(request) & Loaded.Value.Index.MaskOf(list));
        var decision = Engine.DecideRequest(request);
        Assert.True(Engine.Mapping.TryGetRule(list, out var rule), list);
        if (rule.Blocked)
        {
            Assert.Equal((PolicyDecisionKind.Block, rule.Category, "5.4", list), (decision.Kind, decision.Reason!.Category, decision.Reason.Article, decision.Reason.ListCategory));
        }
        else
        {
            Assert.Equal(PolicyDecision.Allow, decision);
        }
    }

    [Fact]
    public void The_samples_cover_every_blocked_regulation_category_with_a_canary()
    {
        foreach (var category in RegulationCategoryNames.All)
        {
            Assert.Contains(Engine.Mapping.Rules, r => r.Category == category && r.Blocked
                && File.Exists(Path.Combine(RepositoryFiles.CategoriesFolder, "samples", r.ListCategory, "urls"))
                && File.ReadLines(Path.Combine(RepositoryFiles.CategoriesFolder, "samples", r.ListCategory, "urls"))
                    .Contains($"cri.univ-tlse1.fr/tools/test_filtrage/{r.ListCategory}/"));
        }
    }

    [Fact]
    public void The_example_local_entries_allow_and_deny_under_the_category_of_their_folder()
    {
        var engine = Engine;
        Assert.Equal(PolicyDecision.Tunnel, engine.DecideConnect(new ConnectTarget("www.almere.nl", 443)));
        var denied = engine.DecideConnect(new ConnectTarget("casino-example.invalid", 443));
        Assert.Equal((PolicyDecisionKind.Intercept, RegulationCategory.Gambling, "local-deny-gambling"), (denied.Kind, denied.Reason!.Category, denied.Reason.ListCategory));
        Assert.True(RequestUrlNormaliser.TryNormalise("http://blog.example/adult-gallery/1.jpg", out var request));
        Assert.Equal(RegulationCategory.Adult, engine.DecideRequest(request).Reason?.Category);
    }
}
