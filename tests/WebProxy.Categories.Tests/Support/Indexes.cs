using WebProxy.Policy.Categories;

namespace WebProxy.Categories.Tests.Support;

internal static class Indexes
{
    /// <summary>An index of one category holding the given domains.</summary>
    public static CategoryIndex Of(string category, params string[] domains)
    {
        var builder = new CategoryIndexBuilder();
        builder.AddList(category, ListKind.Domains, new StringReader(string.Join('\n', domains)), category + "/domains");
        return builder.Build();
    }

    public static ImportReport ReportFor(CategoryIndex index, string source = "test") =>
        new(source, [.. index.Categories.Select(c => new CategoryImportStats(c, c, [], index.DomainCount, index.DomainCount, 0))],
            new Dictionary<string, string>(), 0, [], []);
}
