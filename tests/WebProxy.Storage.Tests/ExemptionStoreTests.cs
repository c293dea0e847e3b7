using WebProxy.Policy.Exemptions;
using WebProxy.Policy.Rules;
using WebProxy.Storage.Tests.Support;

namespace WebProxy.Storage.Tests;

/// <summary>
/// Exemptions live beside the governance log in one file, and each change commits with its record or not at all:
/// the evidence (article 6.1d) can never disagree with what the proxy applied.
/// </summary>
public sealed class ExemptionStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly GovernanceLog _log;
    private readonly ExemptionStore _store;

    public ExemptionStoreTests()
    {
        _log = new GovernanceLog(_data.Path, _clock);
        _store = new ExemptionStore(_log);
    }

    public void Dispose()
    {
        _log.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void Both_kinds_read_back_as_granted_with_their_record()
    {
        var research = Research();
        var size = new SizeExemption
        {
            Id = Guid.NewGuid(), SubjectId = "r.bakker", GrantedBy = "t.arch", Start = Start, End = Start.AddDays(3),
            Reason = "GIS data delivery", MaxBytes = 5L << 30,
        };

        var record = _store.Grant(research, Granted(research));
        _store.Grant(size, Granted(size));

        var loaded = _store.Load();
        Assert.Equal(2, loaded.All.Count);
        var readResearch = Assert.IsType<ResearchExemption>(loaded.Find(research.Id));
        Assert.Equal(research.Categories.Order(), readResearch.Categories.Order());
        Assert.Equal((research.SubjectId, research.GrantedBy, research.Start, research.End, research.Reason),
            (readResearch.SubjectId, readResearch.GrantedBy, readResearch.Start, readResearch.End, readResearch.Reason));
        Assert.Equal(5L << 30, Assert.IsType<SizeExemption>(loaded.Find(size.Id)).MaxBytes);
        Assert.Equal(1, record.Sequence);
        Assert.Equal(2, _log.Head()!.Sequence);
    }

    [Fact]
    public void A_revocation_is_stored_once_and_a_second_one_writes_nothing()
    {
        var research = Research();
        _store.Grant(research, Granted(research));
        var at = Start.AddDays(1);

        Assert.NotNull(_store.Revoke(research.Id, at, "p.officer", Revoked(research)));
        Assert.Null(_store.Revoke(research.Id, at.AddHours(1), "m.jansen", Revoked(research)));

        var loaded = _store.Load().Find(research.Id)!;
        Assert.Equal((at, "p.officer"), (loaded.RevokedAt, loaded.RevokedBy));
        Assert.Equal(2, _log.Head()!.Sequence);
    }

    [Fact]
    public void An_expiry_is_recorded_once_and_never_for_a_revoked_exemption()
    {
        var ended = Research();
        var revoked = Research();
        _store.Grant(ended, Granted(ended));
        _store.Grant(revoked, Granted(revoked));
        _store.Revoke(revoked.Id, Start.AddHours(1), "m.jansen", Revoked(revoked));

        Assert.NotNull(_store.RecordExpiry(ended.Id, Expired(ended)));
        Assert.Null(_store.RecordExpiry(ended.Id, Expired(ended)));
        Assert.Null(_store.RecordExpiry(revoked.Id, Expired(revoked)));

        Assert.True(_store.Load().Find(ended.Id)!.ExpiryRecorded);
        Assert.Equal(4, _log.Head()!.Sequence);
    }

    [Fact]
    public void A_grant_whose_record_cannot_be_written_is_not_stored_either()
    {
        var research = Research();

        Assert.Throws<ArgumentException>(() => _store.Grant(research, new GovernanceEntry("m.jansen", GovernanceAction.ExemptionGranted, "r.bakker", "not json")));

        Assert.Empty(_store.Load().All);
        Assert.Null(_log.Head());
    }

    [Fact]
    public void A_record_that_fails_inside_the_transaction_leaves_neither_record_nor_change()
    {
        var research = Research();
        _store.Grant(research, Granted(research));

        // The same id again violates the primary key after the record was inserted: both roll back.
        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => _store.Grant(research, Granted(research)));

        Assert.Single(_store.Load().All);
        Assert.Equal(1, _log.Head()!.Sequence);
        Assert.True(_log.Verify().IsValid);
    }

    [Fact]
    public void A_row_edited_by_hand_is_reported_with_its_id()
    {
        var research = Research();
        _store.Grant(research, Granted(research));
        RawSql.Execute(_log.DatabasePath, "UPDATE exemptions SET categories = 'casino';");

        var error = Assert.Throws<InvalidDataException>(() => _store.Load());
        Assert.Contains(research.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("casino", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_1_database_gains_the_exemptions_table_and_keeps_its_records()
    {
        _log.Append(new GovernanceEntry("p.officer", GovernanceAction.AdminLogin));
        _log.Dispose();
        RawSql.Execute(Path.Combine(_data.Path, GovernanceLog.FileName), "DROP TABLE exemptions; PRAGMA user_version = 1;");

        using var reopened = new GovernanceLog(_data.Path, _clock);
        var store = new ExemptionStore(reopened);
        var research = Research();
        store.Grant(research, Granted(research));

        Assert.Single(store.Load().All);
        Assert.True(reopened.Verify().IsValid);
        Assert.Equal((long)GovernanceSchema.Version, RawSql.Scalar(reopened.DatabasePath, "PRAGMA user_version;"));
    }

    private static ResearchExemption Research() => new()
    {
        Id = Guid.NewGuid(), SubjectId = "r.bakker", GrantedBy = "m.jansen", Start = Start, End = Start.AddDays(7),
        Reason = "Investigation 2025-031", Categories = new HashSet<RegulationCategory> { RegulationCategory.Gambling, RegulationCategory.Chat },
    };

    private static GovernanceEntry Granted(Exemption e) => new(e.GrantedBy, GovernanceAction.ExemptionGranted, e.SubjectId, $$"""{"exemption":"{{e.Id}}"}""");

    private static GovernanceEntry Revoked(Exemption e) => new("p.officer", GovernanceAction.ExemptionRevoked, e.SubjectId, $$"""{"exemption":"{{e.Id}}"}""");

    private static GovernanceEntry Expired(Exemption e) => new("system", GovernanceAction.ExemptionExpired, e.SubjectId, $$"""{"exemption":"{{e.Id}}"}""");
}
