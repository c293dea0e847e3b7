using WebProxy.Storage.Tests.Support;

namespace WebProxy.Storage.Tests;

public sealed class GovernanceLogTamperingTests : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly GovernanceLog _log;

    public GovernanceLogTamperingTests()
    {
        _log = new GovernanceLog(_data.Path, new ManualTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero)));
        for (var i = 1; i <= 5; i++)
        {
            _log.Append(new GovernanceEntry("m.devries", GovernanceAction.ExemptionGranted, $"person-{i}", $$"""{"n":{{i}}}"""));
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        _data.Dispose();
    }

    [Theory]
    [InlineData("UPDATE governance_log SET details = '{\"n\":99}' WHERE sequence = 3")]
    [InlineData("UPDATE governance_log SET actor = 'someone.else' WHERE sequence = 3")]
    [InlineData("UPDATE governance_log SET subject = NULL WHERE sequence = 3")]
    [InlineData("UPDATE governance_log SET recorded_at = '2025-03-02T09:30:00.0000000Z' WHERE sequence = 3")]
    public void An_edited_field_is_named_as_an_edit_of_that_record(string sql)
    {
        RawSql.Tamper(_log.DatabasePath, sql);

        AssertBad(_log.Verify(), GovernanceProblem.Edited, 3);
    }

    [Fact]
    public void An_edit_with_a_recomputed_hash_breaks_the_link_of_the_next_record()
    {
        RawSql.Tamper(_log.DatabasePath, "UPDATE governance_log SET hash = randomblob(32) WHERE sequence = 3");

        var result = _log.Verify();
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public void A_deleted_middle_record_is_named_as_missing()
    {
        RawSql.Tamper(_log.DatabasePath, "DELETE FROM governance_log WHERE sequence = 3");

        var result = AssertBad(_log.Verify(), GovernanceProblem.Missing, 3);
        Assert.Equal(2, result.Count);
        Assert.Contains("deleted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_first_record_is_named_as_missing()
    {
        RawSql.Tamper(_log.DatabasePath, "DELETE FROM governance_log WHERE sequence = 1");

        AssertBad(_log.Verify(), GovernanceProblem.Missing, 1);
    }

    [Fact]
    public void A_deleted_and_renumbered_middle_record_breaks_the_chain()
    {
        RawSql.Tamper(_log.DatabasePath,
            "DELETE FROM governance_log WHERE sequence = 3; UPDATE governance_log SET sequence = sequence - 1 WHERE sequence > 3; " +
            "UPDATE governance_head SET sequence = 4;");

        AssertBad(_log.Verify(), GovernanceProblem.BrokenChain, 3);
    }

    [Fact]
    public void A_deleted_last_record_is_caught_by_the_head_table()
    {
        RawSql.Tamper(_log.DatabasePath, "DELETE FROM governance_log WHERE sequence = 5");

        AssertBad(_log.Verify(), GovernanceProblem.Truncated, 5);
        Assert.Throws<GovernanceLogCorruptException>(() => _log.Append(new GovernanceEntry("m", GovernanceAction.AdminLogin)));
        AssertBad(_log.Verify(), GovernanceProblem.Truncated, 5);
    }

    [Fact]
    public void Truncation_with_a_rewound_head_is_caught_only_by_an_exported_head()
    {
        var exported = _log.Head()!;
        var fourth = _log.Read(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Single(r => r.Sequence == 4);
        RawSql.Tamper(_log.DatabasePath,
            $"DELETE FROM governance_log WHERE sequence = 5; UPDATE governance_head SET sequence = 4, hash = X'{fourth.Hash}';");

        // The documented limit: the database alone looks intact.
        Assert.True(_log.Verify().IsValid);
        AssertBad(_log.Verify(exported), GovernanceProblem.ExportedHeadMismatch, 5);
    }

    [Fact]
    public void Two_swapped_records_are_named_at_the_first_of_them()
    {
        const string columns = "recorded_at, actor, action, subject, details, purpose, previous_hash, hash";
        RawSql.Tamper(_log.DatabasePath, $"""
            CREATE TEMP TABLE a AS SELECT {columns} FROM governance_log WHERE sequence = 2;
            CREATE TEMP TABLE b AS SELECT {columns} FROM governance_log WHERE sequence = 4;
            UPDATE governance_log SET ({columns}) = (SELECT {columns} FROM b) WHERE sequence = 2;
            UPDATE governance_log SET ({columns}) = (SELECT {columns} FROM a) WHERE sequence = 4;
            """);

        AssertBad(_log.Verify(), GovernanceProblem.BrokenChain, 2);
    }

    [Fact]
    public void Two_swapped_record_contents_without_their_hashes_are_named_as_an_edit()
    {
        const string columns = "recorded_at, actor, action, subject, details, purpose";
        RawSql.Tamper(_log.DatabasePath, $"""
            CREATE TEMP TABLE a AS SELECT {columns} FROM governance_log WHERE sequence = 2;
            CREATE TEMP TABLE b AS SELECT {columns} FROM governance_log WHERE sequence = 4;
            UPDATE governance_log SET ({columns}) = (SELECT {columns} FROM b) WHERE sequence = 2;
            UPDATE governance_log SET ({columns}) = (SELECT {columns} FROM a) WHERE sequence = 4;
            """);

        AssertBad(_log.Verify(), GovernanceProblem.Edited, 2);
    }

    [Fact]
    public void A_forged_record_with_a_wrong_previous_hash_is_named()
    {
        RawSql.Tamper(_log.DatabasePath, """
            INSERT INTO governance_log (sequence, recorded_at, actor, action, subject, details, purpose, previous_hash, hash)
            VALUES (6, '2025-03-01T10:00:00.0000000Z', 'm.devries', 'exemption_granted', 'x', '{}', NULL, randomblob(32), randomblob(32));
            UPDATE governance_head SET sequence = 6;
            """);

        AssertBad(_log.Verify(), GovernanceProblem.BrokenChain, 6);
    }

    [Fact]
    public void A_forged_record_chained_correctly_but_missing_from_the_head_is_named()
    {
        var head = _log.Head()!;
        RawSql.Tamper(_log.DatabasePath, $"""
            INSERT INTO governance_log (sequence, recorded_at, actor, action, subject, details, purpose, previous_hash, hash)
            VALUES (6, '2025-03-01T10:00:00.0000000Z', 'm.devries', 'exemption_granted', 'x', '{"{}"}', NULL, X'{head.Hash}', randomblob(32));
            """);

        var result = _log.Verify();
        Assert.False(result.IsValid);
        Assert.Equal(6, result.FirstBadSequence);
    }

    [Fact]
    public void A_verifier_on_its_own_reads_the_file_without_changing_it()
    {
        var verifier = new GovernanceLogVerifier(_log.DatabasePath);
        RawSql.Tamper(_log.DatabasePath, "UPDATE governance_log SET actor = 'x' WHERE sequence = 4");

        AssertBad(verifier.Verify(), GovernanceProblem.Edited, 4);
    }

    private static GovernanceVerification AssertBad(GovernanceVerification result, GovernanceProblem problem, long sequence)
    {
        Assert.False(result.IsValid);
        Assert.True(problem == result.Problem, $"Expected {problem}, got {result.Problem}: {result.Reason}");
        Assert.Equal(sequence, result.FirstBadSequence);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        return result;
    }
}
