using System.Diagnostics;
using WebProxy.Policy.Categories;
using WebProxy.Policy.Tests.Support;

namespace WebProxy.Policy.Tests.Categories;

public sealed class CategorySnapshotTests(Ut1IndexFixture ut1) : IClassFixture<Ut1IndexFixture>
{
    [Fact]
    public void A_round_trip_keeps_every_entry_and_every_answer()
    {
        var copy = RoundTrip(ut1.Index);

        Assert.Equal(ut1.Index.Categories, copy.Categories);
        Assert.Equal(ut1.Index.Domains.Enumerate(), copy.Domains.Enumerate());
        Assert.Equal(ut1.Index.Urls.Enumerate(), copy.Urls.Enumerate());
        Assert.Equal(ut1.Index.Expressions.Select(e => (e.Source, e.Categories)), copy.Expressions.Select(e => (e.Source, e.Categories)));

        var probes = 0;
        foreach (var category in Ut1Data.Categories)
        {
            var url = $"http://cri.univ-tlse1.fr/tools/test_filtrage/{category}/";
            Assert.Equal(ut1.Match(url), MatchUrl(copy, url));
            foreach (var line in Ut1Data.ReadLines(category, "domains").Take(500).Concat(Ut1Data.ReadLines(category, "urls").Take(500)))
            {
                var host = line.Split('/')[0];
                Assert.Equal(ut1.Index.MatchHost(host), copy.MatchHost(host));
                Assert.Equal(ut1.Match("http://www." + line), MatchUrl(copy, "http://www." + line));
                probes++;
            }
        }

        Assert.True(probes > 5_000, $"{probes} probes");
    }

    [Fact]
    public void An_empty_index_round_trips()
    {
        var copy = RoundTrip(CategoryIndex.Empty);
        Assert.Equal(0, copy.DomainCount + copy.UrlCount + copy.ExpressionCount);
        Assert.Equal(0UL, copy.MatchUrl("example.com", "/"));
    }

    [Fact]
    public void Bad_magic_and_other_versions_are_refused()
    {
        var bytes = Write(SmallIndex());
        var badMagic = (byte[])bytes.Clone();
        badMagic[0] ^= 0xff;
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => Read(badMagic)).Message, StringComparison.Ordinal);

        var otherVersion = (byte[])bytes.Clone();
        otherVersion[8] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => Read(otherVersion)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_and_every_flipped_byte_is_detected()
    {
        var bytes = Write(SmallIndex());
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => Read(bytes[..length]));
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[i] ^= 0x41;
            Assert.Throws<InvalidDataException>(() => Read(corrupt));
        }
    }

    [Fact]
    public void Reading_the_full_ut1_snapshot_is_fast()
    {
        var bytes = Write(ut1.Index);
        Read(bytes);
        var watch = Stopwatch.StartNew();
        var copy = Read(bytes);
        watch.Stop();
        Assert.Equal(ut1.Index.DomainCount, copy.DomainCount);
        // ~180k domains; the target is 0.5 s per million, so this leaves a wide margin for a loaded CI machine.
        Assert.True(watch.ElapsedMilliseconds < 250, $"{watch.ElapsedMilliseconds} ms for {copy.DomainCount} domains");
    }

    private static CategoryIndex SmallIndex()
    {
        var builder = new CategoryIndexBuilder();
        builder.AddLine("gambling", ListKind.Domains, "bet365.com", "gambling/domains", 1);
        builder.AddLine("chat", ListKind.Domains, "imo.im", "chat/domains", 1);
        builder.AddLine("webmail", ListKind.Domains, "imo.im", "webmail/domains", 1);
        builder.AddLine("redirector", ListKind.Urls, "chrishemple.co.uk/proxy", "redirector/urls", 1);
        builder.AddLine("adult", ListKind.Expressions, "(^|[-\\?+=/_])porn", "adult/expressions", 1);
        return builder.Build();
    }

    private static ulong MatchUrl(CategoryIndex index, string url)
    {
        Assert.True(RequestUrlNormaliser.TryNormalise(url, out var request), url);
        return index.MatchUrl(request);
    }

    private static CategoryIndex RoundTrip(CategoryIndex index) => Read(Write(index));

    private static byte[] Write(CategoryIndex index)
    {
        using var stream = new MemoryStream();
        CategorySnapshot.Write(index, stream);
        return stream.ToArray();
    }

    private static CategoryIndex Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return CategorySnapshot.Read(stream);
    }
}
