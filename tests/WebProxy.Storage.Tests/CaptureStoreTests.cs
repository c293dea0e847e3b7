using WebProxy.Policy.Investigations;
using WebProxy.Storage.Tests.Support;

namespace WebProxy.Storage.Tests;

/// <summary>
/// The requests recorded for investigations live in a file of their own, are written in batches, hold no body, and
/// are deleted by investigation or by age, except what a legal hold keeps (article 7.1).
/// </summary>
public sealed class CaptureStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    private readonly TempFolder _data = new();
    private readonly CaptureStore _store;

    public CaptureStoreTests() => _store = new CaptureStore(_data.Path, batchSize: 3);

    public void Dispose()
    {
        _store.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void Requests_are_queued_until_a_batch_is_full()
    {
        _store.Append(First, Start, "shop.example", null, 100, 10, null, "allow");
        _store.Append(First, Start.AddSeconds(1), "shop.example", null, 100, 10, null, "allow");

        Assert.Equal(2, _store.Pending);
        Assert.Equal(0L, Stored());

        _store.Append(First, Start.AddSeconds(2), "shop.example", null, 100, 10, null, "allow");

        Assert.Equal(0, _store.Pending);
        Assert.Equal(3L, Stored());
    }

    [Fact]
    public void A_read_returns_the_investigations_requests_oldest_first_and_writes_the_queue_first()
    {
        _store.Append(First, Start.AddMinutes(2), "casino.example", "https://casino.example/play?table=4", 5000, 300, "gambling", "block");
        _store.Append(Second, Start, "other.example", null, 1, 1, null, "allow");
        _store.Append(First, Start.AddMinutes(1).ToOffset(TimeSpan.FromHours(1)), "shop.example", null, 100, 10, null, "tunnel");

        var read = _store.Read(First);

        Assert.Equal(
            [
                new CapturedRequest(First, Start.AddMinutes(1), "shop.example", null, 100, 10, null, "tunnel"),
                new CapturedRequest(First, Start.AddMinutes(2), "casino.example", "https://casino.example/play?table=4", 5000, 300, "gambling", "block"),
            ],
            read);
        Assert.Single(_store.Read(Second));
        Assert.Empty(_store.Read(Guid.NewGuid()));
    }

    [Fact]
    public void Appending_for_an_investigation_keeps_the_url_only_in_content_scope()
    {
        var traffic = Investigation(First, InvestigationScope.Traffic);
        var content = Investigation(Second, InvestigationScope.Content);

        _store.Append(traffic, Start, "shop.example", "https://shop.example/cart?item=7", 1, 1, null, "allow");
        _store.Append(content, Start, "shop.example", "https://shop.example/cart?item=7", 1, 1, null, "allow");

        Assert.Null(Assert.Single(_store.Read(First)).Url);
        Assert.Equal("https://shop.example/cart?item=7", Assert.Single(_store.Read(Second)).Url);
    }

    [Fact]
    public void Deleting_an_investigation_deletes_its_requests_queued_ones_included_and_counts_them()
    {
        _store.Append(First, Start, "a.example", null, 1, 1, null, "allow");
        _store.Append(Second, Start, "b.example", null, 1, 1, null, "allow");
        _store.Append(First, Start, "c.example", null, 1, 1, null, "allow");
        _store.Append(First, Start, "d.example", null, 1, 1, null, "allow");

        Assert.Equal(3, _store.DeleteInvestigation(First));

        Assert.Empty(_store.Read(First));
        Assert.Single(_store.Read(Second));
        Assert.Equal(0, _store.DeleteInvestigation(First));
    }

    [Fact]
    public void Retention_deletes_what_was_captured_before_the_cutoff_except_what_is_on_legal_hold()
    {
        var cutoff = Start.AddDays(1);
        _store.Append(First, cutoff.AddTicks(-1), "old.example", null, 1, 1, null, "allow");
        _store.Append(First, cutoff, "kept.example", null, 1, 1, null, "allow");
        _store.Append(Second, Start, "held.example", null, 1, 1, null, "allow");

        Assert.Equal(1, _store.DeleteCapturedBefore(cutoff, new HashSet<Guid> { Second }));

        Assert.Equal(["kept.example"], _store.Read(First).Select(r => r.Host));
        Assert.Equal(["held.example"], _store.Read(Second).Select(r => r.Host));
        Assert.Equal(1, _store.DeleteCapturedBefore(cutoff));
        Assert.Empty(_store.Read(Second));
    }

    [Fact]
    public void Closing_writes_what_is_queued()
    {
        _store.Append(First, Start, "a.example", null, 1, 1, null, "allow");

        _store.Dispose();

        using var reopened = new CaptureStore(_data.Path);
        Assert.Single(reopened.Read(First));
    }

    [Fact]
    public void The_file_is_apart_from_the_governance_log_and_has_no_column_for_a_body()
    {
        Assert.Equal(Path.Combine(_data.Path, "investigations.db"), _store.DatabasePath);
        Assert.False(File.Exists(Path.Combine(_data.Path, GovernanceLog.FileName)));

        var columns = RawSql.Scalar(_store.DatabasePath, "SELECT group_concat(name, ',') FROM pragma_table_info('captured_requests');");

        Assert.Equal("investigation,captured_at,host,url,bytes_to_client,bytes_to_origin,category,decision", columns);
    }

    [Fact]
    public void An_incomplete_request_is_refused_before_it_is_queued()
    {
        Assert.Throws<ArgumentException>(() => _store.Append(Guid.Empty, Start, "a.example", null, 1, 1, null, "allow"));
        Assert.Throws<ArgumentException>(() => _store.Append(First, Start, "", null, 1, 1, null, "allow"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _store.Append(First, Start, "a.example", null, -1, 1, null, "allow"));
        Assert.Equal(0, _store.Pending);
    }

    private static Investigation Investigation(Guid id, InvestigationScope scope) => new()
    {
        Id = id, SubjectId = "r.bakker", Purpose = "Suspicion", LegalGround = "Art. 6.2", Scope = scope, Start = Start,
        End = Start.AddDays(7), Readers = ["m.jansen"], RequestedBy = "m.jansen", RequestedAt = Start,
    };

    private long Stored() => (long)RawSql.Scalar(_store.DatabasePath, "SELECT COUNT(*) FROM captured_requests;")!;
}
