using WebProxy.Storage.Tests.Support;

namespace WebProxy.Storage.Tests;

public sealed class GovernanceLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly GovernanceLog _log;

    public GovernanceLogTests()
    {
        _log = new GovernanceLog(_data.Path, _clock);
    }

    public void Dispose()
    {
        _log.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void Appended_records_form_a_chain_from_32_zero_bytes_and_verify()
    {
        var first = _log.Append(Grant("j.jansen"));
        var second = _log.Append(new GovernanceEntry("p.officer", GovernanceAction.PersonalDataRead, "j.jansen", "{}", "complaint 2025-17"));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(new string('0', 64), first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);

        var result = _log.Verify();
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(2, result.Count);
        Assert.Equal(new GovernanceHead(2, second.Hash), result.Head);
        Assert.Equal(new GovernanceHead(2, second.Hash), _log.Head());
    }

    [Fact]
    public void The_hash_follows_the_documented_encoding_computed_independently()
    {
        // Computed outside .NET (Python hashlib) from the encoding described on GovernanceHash.
        var record = _log.Append(new GovernanceEntry("m.devries", GovernanceAction.ExemptionGranted, "j.jansen", """{"categories":["gambling"]}"""));

        Assert.Equal("aa6053eaef858de4c691c65e5e2fdcb6cd22577f85e8a0a787fb21f38c9ed9b6", record.Hash);
    }

    [Fact]
    public void Actions_are_stored_as_stable_lower_case_names()
    {
        _log.Append(new GovernanceEntry("admin", GovernanceAction.AdminLogin));

        Assert.Equal("admin_login", RawSql.Scalar(_log.DatabasePath, "SELECT action FROM governance_log"));
        foreach (var action in Enum.GetValues<GovernanceAction>())
        {
            var name = GovernanceActionNames.ToName(action);
            Assert.Equal(name.ToLowerInvariant(), name);
            Assert.True(GovernanceActionNames.TryParse(name, out var back));
            Assert.Equal(action, back);
        }
    }

    [Fact]
    public void The_fake_clock_timestamps_records_in_ISO_8601_UTC()
    {
        _clock.Now = new DateTimeOffset(2025, 6, 2, 14, 0, 0, TimeSpan.FromHours(2));
        var record = _log.Append(Grant("j.jansen"));

        Assert.Equal(new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero), record.RecordedAt);
        Assert.Equal("2025-06-02T12:00:00.0000000Z", RawSql.Scalar(_log.DatabasePath, "SELECT recorded_at FROM governance_log"));
    }

    [Fact]
    public void The_database_is_in_WAL_mode_while_the_log_is_open()
    {
        _log.Append(Grant("j.jansen"));

        Assert.True(File.Exists(_log.DatabasePath + "-wal"));
        Assert.Equal("wal", RawSql.Scalar(_log.DatabasePath, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Reopening_the_log_continues_the_chain()
    {
        var data = Path.Combine(_data.Path, "reopen");
        GovernanceRecord last;
        using (var log = new GovernanceLog(data, _clock))
        {
            log.Append(Grant("a"));
            last = log.Append(Grant("b"));
        }

        using (var log = new GovernanceLog(data, _clock))
        {
            var next = log.Append(Grant("c"));
            Assert.Equal(3, next.Sequence);
            Assert.Equal(last.Hash, next.PreviousHash);
            var result = log.Verify();
            Assert.True(result.IsValid, result.Reason);
            Assert.Equal(3, result.Count);
        }
    }

    [Fact]
    public async Task Parallel_appends_from_many_threads_and_two_instances_keep_one_chain()
    {
        using var second = new GovernanceLog(_data.Path, _clock);
        var logs = new[] { _log, second };

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                logs[worker % 2].Append(Grant($"person-{worker}-{i}"));
            }
        })));

        var result = _log.Verify();
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(200, result.Count);
        Assert.Equal(200L, RawSql.Scalar(_log.DatabasePath, "SELECT COUNT(DISTINCT previous_hash) FROM governance_log"));
    }

    [Fact]
    public void Read_returns_records_in_a_time_range_optionally_for_one_subject()
    {
        _log.Append(Grant("a"));
        _clock.Now = Start.AddHours(1);
        _log.Append(Grant("b"));
        _log.Append(new GovernanceEntry("p.officer", GovernanceAction.PersonalDataRead, "a", """{"field":"browsing"}""", "complaint"));
        _clock.Now = Start.AddHours(2);
        _log.Append(Grant("a"));

        var hour = _log.Read(Start.AddHours(1), Start.AddHours(2));
        Assert.Equal([2L, 3L], hour.Select(r => r.Sequence));

        var aboutA = _log.Read(Start, Start.AddDays(1), "a");
        Assert.Equal([1L, 3L, 4L], aboutA.Select(r => r.Sequence));
        Assert.Equal("complaint", aboutA[1].Purpose);
        Assert.Equal(GovernanceAction.PersonalDataRead, aboutA[1].Action);
    }

    [Fact]
    public void A_bad_entry_is_refused_and_nothing_is_written()
    {
        Assert.Throws<ArgumentException>(() => _log.Append(new GovernanceEntry("m", GovernanceAction.ExemptionGranted, "s", "{not json")));
        Assert.Throws<ArgumentException>(() => _log.Append(new GovernanceEntry(" ", GovernanceAction.ExemptionGranted)));
        Assert.Throws<ArgumentException>(() => _log.Append(new GovernanceEntry("p", GovernanceAction.PersonalDataRead, "s")));
        Assert.Throws<ArgumentOutOfRangeException>(() => _log.Append(new GovernanceEntry("p", (GovernanceAction)99)));

        Assert.Equal(0L, RawSql.Scalar(_log.DatabasePath, "SELECT COUNT(*) FROM governance_log"));
        Assert.Null(_log.Head());
        Assert.True(_log.Verify().IsValid);
    }

    [Fact]
    public void The_database_itself_refuses_updates_and_deletes_of_records()
    {
        _log.Append(Grant("a"));

        Assert.ThrowsAny<Exception>(() => RawSql.Execute(_log.DatabasePath, "UPDATE governance_log SET actor = 'x'"));
        Assert.ThrowsAny<Exception>(() => RawSql.Execute(_log.DatabasePath, "DELETE FROM governance_log"));
        Assert.True(_log.Verify().IsValid);
    }

    [Fact]
    public void GovernanceHead_text_round_trips()
    {
        var head = new GovernanceHead(42, new string('a', 64));

        Assert.True(GovernanceHead.TryParse(head.ToString(), out var back));
        Assert.Equal(head, back);
        Assert.False(GovernanceHead.TryParse("42:abc", out _));
        Assert.False(GovernanceHead.TryParse("x:" + new string('a', 64), out _));
    }

    private static GovernanceEntry Grant(string subject) =>
        new("m.devries", GovernanceAction.ExemptionGranted, subject, """{"categories":["gambling"],"days":30}""");
}
