using Xunit.Abstractions;
using WebProxy.Policy.Categories;
using WebProxy.Policy.Tests.Support;

namespace WebProxy.Policy.Tests.Categories;

/// <summary>
/// Runs the same UT1 lists through Debian's squidGuard 1.6 and through <see cref="CategoryIndex.MatchUrl(CategoryRequest)"/>
/// for a few thousand URLs and requires the same block/allow answer, except for differences of a documented class,
/// each of which this proxy decided on purpose (it only ever blocks more, never less, than squidGuard).
/// </summary>
public sealed class SquidGuardDifferentialTests(ITestOutputHelper output)
{
    // adult brings the url list and, as its expression list, UT1's opt-in very_restrictive_expression.
    private static readonly string[] Categories = ["adult", "agressif", "chat", "gambling", "warez", "webmail", "mixed_adult", "redirector"];

    [Fact]
    public async Task Squidguard_and_the_index_agree_on_every_url_or_differ_for_a_documented_reason()
    {
        Assert.True(SquidGuardRunner.IsInstalled, $"{SquidGuardRunner.Executable} is required (Debian package squidguard).");
        using var squidGuard = new SquidGuardRunner();
        var builder = new CategoryIndexBuilder();
        var rawUrls = new Dictionary<string, List<string>>();
        foreach (var category in Categories)
        {
            var domains = Ut1Data.ReadLines(category, "domains").ToList();
            var urls = Ut1Data.ReadLines(category, "urls").ToList();
            var expressions = category == "adult" ? Ut1Data.ReadLines(category, "very_restrictive_expression").ToList() : [];
            squidGuard.AddCategory(category, domains, urls, expressions);
            var lineNumber = 0;
            domains.ForEach(l => builder.AddLine(category, ListKind.Domains, l, category + "/domains", ++lineNumber));
            urls.ForEach(l => builder.AddLine(category, ListKind.Urls, l, category + "/urls", ++lineNumber));
            expressions.ForEach(l => builder.AddLine(category, ListKind.Expressions, l, category + "/expressions", ++lineNumber));
            rawUrls[category] = urls;
        }

        var index = builder.Build();
        var requests = GenerateUrls(rawUrls.Values.SelectMany(u => u).ToList(), Categories.SelectMany(c => Ut1Data.ReadLines(c, "domains")).ToList());
        var blocked = await squidGuard.CheckAsync(requests);

        var differences = new Dictionary<string, List<string>>();
        var agree = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.True(RequestUrlNormaliser.TryNormalise(requests[i], out var request), requests[i]);
            var ours = index.MatchUrl(request) != 0;
            if (ours == blocked[i])
            {
                agree++;
                continue;
            }

            var reason = ours ? Explain(index, rawUrls, request) : "squidGuard blocks, the index does not";
            (differences.TryGetValue(reason, out var list) ? list : differences[reason] = []).Add(requests[i]);
        }

        var summary = $"{requests.Count} urls, {agree} agree; " + string.Join("; ", differences.Select(d => $"{d.Key}: {d.Value.Count} (e.g. {d.Value[0]})"));
        output.WriteLine(summary);
        Assert.True(requests.Count > 3_000, summary);
        Assert.True(differences.Keys.All(Documented.Contains), summary);
        Assert.True(agree > requests.Count * 0.99, summary);
    }

    private const string NeighbourMiss =
        "squidGuard's B-tree lookup compares only the sort neighbours of the request, so it misses a url entry that is a prefix of the request when another entry sorts between them";

    private const string ListSideNormalisation =
        "the url entry has %-escapes, '//' or upper case: squidGuard normalises only the request, so the entry was dead there; it matches here";

    private static readonly HashSet<string> Documented = [NeighbourMiss, ListSideNormalisation];

    // Which deliberate difference makes the index block a URL that squidGuard lets through.
    private static string Explain(CategoryIndex index, Dictionary<string, List<string>> rawUrls, CategoryRequest request)
    {
        var path = UrlText.NormalisePath(request.PathAndQuery);
        var key = UrlText.StripWwwLabel(request.Host).ToString() + path;
        if (index.MatchHost(request.Host) != 0)
        {
            return "domain match that squidGuard does not make";
        }

        foreach (var (_, urls) in rawUrls)
        {
            var normalised = urls
                .Select(u => ListEntryParser.Parse(ListKind.Urls, u, out var e, out _) == ParseOutcome.Entry ? (Raw: u, Key: e.Host + e.Path) : default)
                .Where(u => u.Key is not null)
                .ToList();
            var matching = normalised.Where(u => key.StartsWith(u.Key, StringComparison.Ordinal)).ToList();
            if (matching.Count == 0)
            {
                continue;
            }

            if (matching.Any(m => m.Raw.Contains('%', StringComparison.Ordinal) || m.Raw.Contains("//", StringComparison.Ordinal) || m.Raw.Any(char.IsAsciiLetterUpper)))
            {
                return ListSideNormalisation;
            }

            // squidGuard's lookup: the first key >= request; a hit if equal, else the key before it must be a prefix of
            // the request and not a prefix of that first key.
            var keys = normalised.Select(u => u.Key).Order(StringComparer.Ordinal).ToList();
            if (!NeighbourLookup(keys, key))
            {
                return NeighbourMiss;
            }
        }

        return "url or expression match that squidGuard does not make";
    }

    private static bool NeighbourLookup(List<string> keys, string request)
    {
        var position = keys.BinarySearch(request, StringComparer.Ordinal);
        if (position >= 0)
        {
            return true;
        }

        position = ~position;
        if (position == keys.Count)
        {
            return request.StartsWith(keys[^1], StringComparison.Ordinal);
        }

        if (request.StartsWith(keys[position], StringComparison.Ordinal))
        {
            return true;
        }

        return position > 0
            && request.StartsWith(keys[position - 1], StringComparison.Ordinal)
            && !keys[position].StartsWith(keys[position - 1], StringComparison.Ordinal);
    }

    private static List<string> GenerateUrls(List<string> urlEntries, List<string> domains)
    {
        var random = new Random(20260817);
        var urls = new List<string>();
        foreach (var entry in urlEntries.Where(e => !e.Contains('#', StringComparison.Ordinal)).OrderBy(_ => random.Next()).Take(700))
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var (host, path) = slash < 0 ? (entry, "/") : (entry[..slash], entry[slash..]);
            urls.Add("http://" + host + path);
            urls.Add("http://www." + host + path + "zzz");
            urls.Add("http://www3." + host + ":8080" + path.ToUpperInvariant());
            urls.Add("http://" + host + path[..Math.Max(1, path.Length - 1)]);
        }

        foreach (var domain in domains.OrderBy(_ => random.Next()).Take(600))
        {
            urls.Add("http://" + domain + "/");
            urls.Add("http://www." + domain + "/index.html?x=1");
            urls.Add("http://a.b." + domain + ":8443/");
            urls.Add("http://x" + domain + "/");
            urls.Add("http://" + domain + ".evil.test/");
        }

        const string Letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        string[] words = ["news", "shop", "porn", "sex", "teen", "bank", "chat", "bet", "casino", "mail", "xxx", "adult"];
        for (var i = 0; i < 800; i++)
        {
            var label = new string(Enumerable.Range(0, random.Next(3, 12)).Select(_ => Letters[random.Next(Letters.Length)]).ToArray());
            var word = words[random.Next(words.Length)];
            urls.Add(i % 2 == 0 ? $"http://{label}.com/{word}/page" : $"http://{label}-{word}.net/?q={label}");
        }

        return urls;
    }
}
