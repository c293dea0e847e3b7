using WebProxy.Policy.Categories;

namespace WebProxy.Policy.Tests.Support;

/// <summary>One index over all selected UT1 categories, built once per test class that uses it.</summary>
public sealed class Ut1IndexFixture
{
    public Ut1IndexFixture()
    {
        var builder = Ut1Data.LoadAll();
        Index = builder.Build();
        Report = builder.Report;
    }

    public CategoryIndex Index { get; }

    public ListLoadReport Report { get; }

    public ulong Match(string url)
    {
        Assert.True(RequestUrlNormaliser.TryNormalise(url, out var request), url);
        return Index.MatchUrl(request);
    }

    public IReadOnlyList<string> CategoriesOf(string url) => Index.CategoriesOf(Match(url));
}
