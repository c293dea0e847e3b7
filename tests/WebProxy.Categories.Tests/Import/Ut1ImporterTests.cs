using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using WebProxy.Categories.Tests.Support;
using WebProxy.Policy.Categories;
using WebProxy.Policy.Rules;
using WebProxy.Testing;

namespace WebProxy.Categories.Tests.Import;

public sealed class Ut1ImporterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Ut1Importer _importer = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_directory_import_reads_only_the_requested_categories_with_their_counts()
    {
        var source = Path.Combine(_temp.Path, "lists");
        foreach (var category in new[] { "gambling", "chat", "bank" })
        {
            Ut1Files.Unpack(source, category);
        }

        var result = await _importer.ImportAsync(new CategoryImportRequest(source) { Categories = Sets.Of("gambling", "chat") });

        Assert.Equal(["chat", "gambling"], result.Index.Categories);
        var gambling = result.Report.Find("gambling")!;
        Assert.Equal(Ut1Files.Lines("gambling", "domains").Length + Ut1Files.Lines("gambling", "urls").Length, gambling.Lines);
        Assert.Equal(gambling.Lines, gambling.Entries + gambling.ProblemCount);
        Assert.Equal(["gambling/domains", "gambling/urls"], gambling.Files);
        Assert.Null(result.Report.Find("bank"));
        Assert.Equal(result.Index.MaskOf("gambling"), result.Index.MatchUrl("cri.univ-tlse1.fr", "/tools/test_filtrage/gambling/"));
        Assert.Equal(result.Index.MaskOf("chat"), result.Index.MatchHost("www." + Ut1Files.Lines("chat", "domains").First(d => !char.IsDigit(d[0]))));
        Assert.Equal(0UL, result.Index.MatchHost(Ut1Files.Lines("bank", "domains")[0]));
        Assert.Equal(Path.GetFullPath(source), result.Report.Source);
    }

    [Fact]
    public async Task A_directory_holding_a_top_level_blacklists_folder_is_read_from_inside_it()
    {
        Ut1Files.Unpack(Path.Combine(_temp.Path, "blacklists"), "warez");

        var result = await _importer.ImportAsync(new CategoryImportRequest(_temp.Path) { Categories = Sets.Of("warez") });

        Assert.True(result.Report.Find("warez")!.Entries > 1500);
    }

    [Fact]
    public async Task UT1s_own_tarball_imports_as_is_with_its_symlinks_recorded_as_aliases_and_a_requested_alias_read_from_its_target()
    {
        var result = await _importer.ImportAsync(new CategoryImportRequest(Ut1Files.Archive)
        {
            Categories = Sets.Of("adult", "agressif", "gambling", "porn", "aggressive", "violence"),
        });

        Assert.Equal(
            new Dictionary<string, string> { ["aggressive"] = "agressif", ["porn"] = "adult", ["proxy"] = "redirector", ["violence"] = "agressif" },
            result.Report.Aliases);
        var porn = result.Report.Find("porn")!;
        Assert.Equal("adult", porn.Folder);
        Assert.Equal(result.Report.Find("adult")!.Entries, porn.Entries);
        Assert.Equal(result.Report.Find("agressif")!.Entries, result.Report.Find("violence")!.Entries);
        Assert.Equal(result.Report.Find("agressif")!.Entries, result.Report.Find("aggressive")!.Entries);
        var adultUrl = Ut1Files.Lines("adult", "urls").First(u => u.Contains('/', StringComparison.Ordinal) && !u.Contains('#', StringComparison.Ordinal));
        var slash = adultUrl.IndexOf('/', StringComparison.Ordinal);
        Assert.Equal(result.Index.MaskOf("adult") | result.Index.MaskOf("porn"), result.Index.MatchUrl(adultUrl[..slash], adultUrl[slash..]));
        Assert.Equal(result.Index.MaskOf("agressif") | result.Index.MaskOf("aggressive") | result.Index.MaskOf("violence"), result.Index.MatchUrl("cri.univ-tlse1.fr", "/tools/test_filtrage/agressif/"));
        Assert.Null(result.Report.Find("redirector"));
        Assert.Equal(32_247 + 5, result.Report.Find("gambling")!.Lines);
    }

    [Fact]
    public async Task Archive_links_that_point_outside_the_list_folder_are_noted_and_never_followed()
    {
        var archive = Path.Combine(_temp.Path, "evil.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip))
        {
            AddFile(writer, "blacklists/gambling/domains", "casino.test\n");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "blacklists/etc") { LinkName = "/etc" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "blacklists/up") { LinkName = "../../.." });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "blacklists/gambling/urls") { LinkName = "/etc/passwd" });
            AddFile(writer, "../escape/domains", "escape.test\n");
            AddFile(writer, "/abs/domains", "abs.test\n");
        }

        var result = await _importer.ImportAsync(new CategoryImportRequest(archive)
        {
            Categories = Sets.Of("gambling", "etc", "up", "escape", "abs"),
            WorkDirectory = _temp.Path,
        });

        Assert.Empty(result.Report.Aliases);
        Assert.Equal(1, result.Report.Entries);
        Assert.Contains(result.Report.Notes, n => n.Contains("'etc' points outside", StringComparison.Ordinal));
        Assert.Contains(result.Report.Notes, n => n.Contains("'gambling/urls' is a link", StringComparison.Ordinal));
        Assert.Equal(0UL, result.Index.MatchHost("escape.test"));
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "..", "escape")));
        Assert.Equal(["evil.tar.gz"], Directory.EnumerateFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_byte_split_domains_file_is_joined_in_numeric_order_and_gives_the_same_index_as_the_whole_file()
    {
        var whole = Path.Combine(_temp.Path, "whole");
        var redirector = Ut1Files.Unpack(whole, "redirector");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(redirector, "domains"));
        var split = Directory.CreateDirectory(Path.Combine(_temp.Path, "split", "redirector")).FullName;
        int[] cuts = [0, 333_333, 1_000_001, bytes.Length];
        Assert.NotEqual((byte)'\n', bytes[cuts[1] - 1]);
        for (var i = cuts.Length - 2; i >= 0; i--)
        {
            await File.WriteAllBytesAsync(Path.Combine(split, $"domains.{i}"), bytes[cuts[i]..cuts[i + 1]]);
        }

        foreach (var file in new[] { "urls", "expressions" })
        {
            File.Copy(Path.Combine(redirector, file), Path.Combine(split, file));
        }

        var request = new CategoryImportRequest(whole) { Categories = Sets.Of("redirector") };
        var expected = await _importer.ImportAsync(request);
        var actual = await _importer.ImportAsync(request with { Source = Path.GetDirectoryName(split)! });

        Assert.Equal(132_323, expected.Index.DomainCount);
        Assert.Equal(Snapshot(expected.Index), Snapshot(actual.Index));
        Assert.Equal(expected.Report.Find("redirector")! with { Folder = "", Files = [] }, actual.Report.Find("redirector")! with { Folder = "", Files = [] });

        // The same parts inside a tar, out of order, are staged and joined too.
        var archive = Path.Combine(_temp.Path, "split.tar");
        using (var writer = new TarWriter(File.Create(archive)))
        {
            foreach (var part in new[] { 2, 0, 1 })
            {
                writer.WriteEntry(Path.Combine(split, $"domains.{part}"), $"blacklists/redirector/domains.{part}");
            }
        }

        var fromTar = await _importer.ImportAsync(request with { Source = archive, WorkDirectory = Path.Combine(_temp.Path, "work") });
        Assert.Equal(expected.Index.DomainCount, fromTar.Index.DomainCount);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, "work")));
    }

    [Fact]
    public async Task A_split_list_with_a_missing_part_fails_instead_of_loading_a_truncated_list()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "gambling")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "domains.0"), "a.test\nb.te");
        await File.WriteAllTextAsync(Path.Combine(folder, "domains.2"), "st\nc.test\n");

        var e = await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(new CategoryImportRequest(_temp.Path)));

        Assert.Contains("no part 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_reported_with_file_and_line_and_the_rest_loads()
    {
        var odd = Ut1Files.OddEntryRows().Where(r => r.File == "adult/urls").Take(4).ToArray();
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "adult")).FullName;
        string[] urls = ["good.test/a", .. odd.Select(r => r.Entry), "other.test/b", "bad:host/x"];
        await File.WriteAllLinesAsync(Path.Combine(folder, "urls"), urls);
        await File.WriteAllLinesAsync(Path.Combine(folder, "domains"), ["fine.test", "", "# comment", "host:with:colons", new string('a', 300) + ".test", "fine2.test"]);

        var result = await _importer.ImportAsync(new CategoryImportRequest(_temp.Path) { Categories = Sets.Of("adult") });

        var problems = result.Report.Problems;
        Assert.Equal(result.Report.ProblemCount, problems.Count);
        Assert.Contains(problems, p => p is { File: "adult/domains", Line: 4 });
        Assert.Contains(problems, p => p is { File: "adult/domains", Line: 5 });
        Assert.Contains(problems, p => p is { File: "adult/urls", Line: 7, Entry: "bad:host/x" });
        var fragments = odd.Select((r, i) => (r, Line: i + 2)).Where(x => x.r.Entry.Contains('#', StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(fragments);
        foreach (var (row, line) in fragments)
        {
            Assert.Contains(problems, p => p.File == "adult/urls" && p.Line == line && p.Entry == row.Entry);
        }

        var adult = result.Index.MaskOf("adult");
        Assert.Equal(adult, result.Index.MatchHost("fine2.test"));
        Assert.Equal(adult, result.Index.MatchUrl("other.test", "/b"));
        Assert.Equal(result.Report.ProblemCount, result.Report.Find("adult")!.ProblemCount);
    }

    [Fact]
    public async Task A_source_with_no_entries_fails()
    {
        var e = await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(new CategoryImportRequest(_temp.Path)));
        Assert.Contains("yields no entries", e.Message, StringComparison.Ordinal);

        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "gambling")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "domains"), "# only a comment\n");
        await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(new CategoryImportRequest(_temp.Path)));
    }

    [Fact]
    public async Task A_missing_or_unreadable_source_fails_with_a_clear_message()
    {
        var missing = Path.Combine(_temp.Path, "nope.tar.gz");
        var e = await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(new CategoryImportRequest(missing)));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);

        var garbage = Path.Combine(_temp.Path, "garbage.tar.gz");
        await File.WriteAllBytesAsync(garbage, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        e = await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(new CategoryImportRequest(garbage)));
        Assert.Contains("cannot be read", e.Message, StringComparison.Ordinal);

        var truncated = Path.Combine(_temp.Path, "truncated.tar.gz");
        await File.WriteAllBytesAsync(truncated, (await File.ReadAllBytesAsync(Ut1Files.Archive))[..200_000]);
        await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(new CategoryImportRequest(truncated)));
    }

    [Fact]
    public async Task A_category_that_had_entries_before_and_now_has_none_fails_the_import()
    {
        Ut1Files.Unpack(_temp.Path, "chat");
        var request = new CategoryImportRequest(_temp.Path)
        {
            Categories = Sets.Of("chat", "gambling"),
            PreviousEntries = new Dictionary<string, int> { ["chat"] = 280, ["gambling"] = 32_000, ["warez"] = 1_500 },
        };

        var e = await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(request));

        Assert.Contains("gambling (had 32000)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("warez", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("chat", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_lists_are_imported_as_local_allow_and_one_local_deny_list_per_regulation_category()
    {
        Ut1Files.Unpack(Path.Combine(_temp.Path, "ut1"), "chat");
        var local = Path.Combine(_temp.Path, "local");
        Directory.CreateDirectory(Path.Combine(local, "allow"));
        Directory.CreateDirectory(Path.Combine(local, "deny", "gambling"));
        Directory.CreateDirectory(Path.Combine(local, "deny", "nonsense"));
        await File.WriteAllTextAsync(Path.Combine(local, "allow", "domains"), "# ours\nalmere.nl\n");
        await File.WriteAllTextAsync(Path.Combine(local, "deny", "gambling", "urls"), "casino.test/play\n");

        var result = await _importer.ImportAsync(new CategoryImportRequest(Path.Combine(_temp.Path, "ut1"))
        {
            Categories = Sets.Of("chat"),
            LocalListsDirectory = local,
            PreviousEntries = new Dictionary<string, int> { [LocalLists.DenyListName(RegulationCategory.Hate)] = 3 },
        });

        var index = result.Index;
        Assert.Equal(index.MaskOf(LocalLists.Allow), index.MatchHost("www.almere.nl"));
        Assert.Equal(index.MaskOf(LocalLists.DenyListName(RegulationCategory.Gambling)), index.MatchUrl("casino.test", "/play/now"));
        Assert.All(RegulationCategoryNames.All, c => Assert.NotEqual(0UL, index.MaskOf(LocalLists.DenyListName(c))));
        Assert.Equal("local/deny/gambling", result.Report.Find("local-deny-gambling")!.Folder);
        Assert.Contains(result.Report.Notes, n => n.Contains("nonsense", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_repositorys_samples_and_local_lists_import_without_problems()
    {
        var result = await _importer.ImportAsync(new CategoryImportRequest(Path.Combine(Ut1Files.RepositoryCategories, "samples"))
        {
            LocalListsDirectory = Path.Combine(Ut1Files.RepositoryCategories, "local"),
        });

        Assert.Equal(0, result.Report.ProblemCount);
        Assert.Empty(result.Report.Notes);
        Assert.NotEqual(0UL, result.Index.MatchUrl("cri.univ-tlse1.fr", "/tools/test_filtrage/gambling/") & result.Index.MaskOf("gambling"));
    }

    [Fact]
    public async Task Importing_more_categories_than_an_index_holds_fails_with_a_hint()
    {
        for (var i = 0; i < CategoryIndex.MaxCategories + 1; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, $"c{i:D2}")).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, "domains"), $"c{i}.test\n");
        }

        var e = await Assert.ThrowsAsync<CategoryImportException>(() => _importer.ImportAsync(new CategoryImportRequest(_temp.Path)));

        Assert.Contains("Name the list categories", e.Message, StringComparison.Ordinal);
    }

    internal static byte[] Snapshot(CategoryIndex index)
    {
        using var stream = new MemoryStream();
        CategorySnapshot.Write(index, stream);
        return stream.ToArray();
    }

    private static void AddFile(TarWriter writer, string name, string text) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
}
