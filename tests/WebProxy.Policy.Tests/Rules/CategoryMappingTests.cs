using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Tests.Rules;

public sealed class CategoryMappingTests
{
    private const string Valid = """
        // a comment
        {
          "lists": [
            { "list": "adult", "aliases": ["porn"], "category": "adult", "article": "5.4", "blocked": true },
            { "list": "chat", "category": "chat", "article": "5.4", "blocked": false, "note": "n" },
          ],
          "unmapped": [ { "list": "redirector", "aliases": ["proxy"], "note": "circumvention" } ]
        }
        """;

    [Fact]
    public void The_repositorys_mapping_maps_every_enforced_UT1_list_to_article_5_4()
    {
        var mapping = RepositoryFiles.LoadMapping();
        var expected = new Dictionary<string, (RegulationCategory Category, bool Blocked)>
        {
            ["adult"] = (RegulationCategory.Adult, true),
            ["porn"] = (RegulationCategory.Adult, true),
            ["mixed_adult"] = (RegulationCategory.Adult, false),
            ["agressif"] = (RegulationCategory.Hate, true),
            ["aggressive"] = (RegulationCategory.Hate, true),
            ["violence"] = (RegulationCategory.Hate, true),
            ["gambling"] = (RegulationCategory.Gambling, true),
            ["arjel"] = (RegulationCategory.Gambling, true),
            ["chat"] = (RegulationCategory.Chat, true),
            ["warez"] = (RegulationCategory.Warez, true),
            ["hacking"] = (RegulationCategory.Warez, true),
        };
        foreach (var (list, (category, blocked)) in expected)
        {
            Assert.True(mapping.TryGetRule(list, out var rule), list);
            Assert.Equal((category, blocked, "5.4"), (rule.Category, rule.Blocked, rule.Article));
        }

        Assert.Equal(8, mapping.Rules.Count);
        foreach (var list in new[] { "filehosting", "webmail", "redirector", "proxy", "bank", "press", "sexual_education" })
        {
            Assert.False(mapping.TryGetRule(list, out _), list);
            Assert.Contains(list, mapping.Unmapped.Keys);
        }
    }

    [Fact]
    public void Aliases_resolve_to_the_canonical_rule()
    {
        var mapping = CategoryMapping.Parse(Valid, "m.json");
        Assert.True(mapping.TryGetRule("porn", out var rule));
        Assert.Equal("adult", rule.ListCategory);
        Assert.Equal(["porn"], rule.Aliases);
        Assert.Equal("circumvention", mapping.Unmapped["proxy"]);
    }

    [Fact]
    public void Local_deny_lists_are_mapped_implicitly_and_always_block()
    {
        foreach (var category in RegulationCategoryNames.All)
        {
            Assert.True(CategoryMapping.Empty.TryGetRule(LocalLists.DenyListName(category), out var rule));
            Assert.Equal((category, true, "5.4"), (rule.Category, rule.Blocked, rule.Article));
        }

        Assert.Equal("local-deny-gambling", LocalLists.DenyListName(RegulationCategory.Gambling));
        Assert.False(CategoryMapping.Empty.TryGetRule(LocalLists.Allow, out _));
    }

    [Fact]
    public void Regulation_category_names_are_stable_and_lower_case()
    {
        Assert.Equal(["adult", "hate", "gambling", "chat", "warez"], RegulationCategoryNames.All.Select(RegulationCategoryNames.Name));
        Assert.True(RegulationCategoryNames.TryParse("warez", out var warez));
        Assert.Equal(RegulationCategory.Warez, warez);
        Assert.False(RegulationCategoryNames.TryParse("Warez", out _));
        Assert.False(RegulationCategoryNames.TryParse(null, out _));
    }

    public static TheoryData<string, int, string, string> Malformed() => new()
    {
        // json, line, field, part of the message
        { "{\n  \"lists\": [\n    { \"list\": \"adult\", \"category\": \"porn\", \"article\": \"5.4\", \"blocked\": true }\n  ]\n}", 3, "lists[0].category", "unknown regulation category 'porn'" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\",\n      \"category\": \"adult\",\n      \"blocked\": true }\n  ]\n}", 3, "lists[0].article", "missing" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\", \"category\": \"adult\", \"article\": \"five\", \"blocked\": true }\n  ]\n}", 3, "lists[0].article", "not an article number" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\", \"category\": \"adult\", \"article\": \"5.4\",\n      \"blockd\": true }\n  ]\n}", 4, "lists[0].blockd", "unknown field 'blockd'" },
        { "{\n  \"lists\": [],\n  \"extra\": 1\n}", 3, "extra", "unknown field 'extra'" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\", \"category\": \"adult\", \"article\": \"5.4\", \"blocked\": true },\n    { \"list\": \"adult\", \"category\": \"hate\", \"article\": \"5.4\", \"blocked\": true }\n  ]\n}", 4, "lists[1].list", "already named at line 3" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\", \"aliases\": [\"porn\"], \"category\": \"adult\", \"article\": \"5.4\", \"blocked\": true }\n  ],\n  \"unmapped\": [\n    { \"list\": \"porn\", \"note\": \"x\" }\n  ]\n}", 6, "unmapped[0].list", "already named" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\", \"category\": \"adult\",\n      \"article\": \"5.4\",\n      \"article\": \"5.5\", \"blocked\": true }\n  ]\n}", 5, "lists[0].article", "duplicate field 'article'" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\", \"category\": \"adult\", \"article\": \"5.4\", \"blocked\": \"yes\" }\n  ]\n}", 3, "lists[0].blocked", "true or false" },
        { "{\n  \"lists\": [\n    { \"list\": \"local-deny-adult\", \"category\": \"adult\", \"article\": \"5.4\", \"blocked\": true }\n  ]\n}", 3, "lists[0].list", "reserved" },
        { "{\n  \"lists\": [\n    { \"list\": \"Adult\", \"category\": \"adult\", \"article\": \"5.4\", \"blocked\": true }\n  ]\n}", 3, "lists[0].list", "not a list category name" },
        { "{\n  \"unmapped\": []\n}", 1, "lists", "missing" },
        { "{\n  \"lists\": [],\n  \"unmapped\": [\n    { \"list\": \"bank\" }\n  ]\n}", 4, "unmapped[0].note", "missing" },
        { "{\n  \"lists\": [\n    { \"list\": \"adult\" \"category\": \"adult\" }\n  ]\n}", 3, "", "not valid JSON" },
        { "{\n  \"lists\": {}\n}", 2, "lists", "must be an array" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_mapping_names_the_file_the_line_and_the_field(string json, int line, string field, string problem)
    {
        var error = Assert.Throws<CategoryMappingException>(() => CategoryMapping.Parse(json, "categories/mapping.json"));
        Assert.Equal(("categories/mapping.json", line, field), (error.FileName, error.Line, error.Field));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"categories/mapping.json, line {line}, ", error.Message, StringComparison.Ordinal);
    }
}
