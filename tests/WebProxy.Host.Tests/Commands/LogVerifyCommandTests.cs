using Microsoft.Data.Sqlite;
using WebProxy.Storage;
using WebProxy.Testing;

namespace WebProxy.Host.Tests.Commands;

/// <summary>`webproxy log verify` as an auditor runs it, on a real governance log in a data folder.</summary>
public sealed class LogVerifyCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_intact_log_verifies_and_an_edited_record_is_named()
    {
        using (var log = new GovernanceLog(_data.Path, TimeProvider.System))
        {
            log.Append(new GovernanceEntry("manager-1", GovernanceAction.ExemptionGranted, "researcher-7", """{"categories":["gambling"]}"""));
            log.Append(new GovernanceEntry("manager-1", GovernanceAction.ExemptionRevoked, "researcher-7"));
            log.Append(new GovernanceEntry("privacy-officer", GovernanceAction.PersonalDataRead, "researcher-7", Purpose: "article 8 request"));
        }

        var intact = await WebProxyExecutable.RunAsync(["log", "verify", "--data", _data.Path]);
        Assert.True(intact.ExitCode == 0, intact.Describe());
        Assert.Contains("intact: 3 records", intact.StandardOutput, StringComparison.Ordinal);

        Tamper("UPDATE governance_log SET actor = 'someone-else' WHERE sequence = 2;");
        var tampered = await WebProxyExecutable.RunAsync(["log", "verify", "--data", _data.Path]);
        Assert.True(tampered.ExitCode == 1, tampered.Describe());
        Assert.Contains("record 2", tampered.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_without_a_log_is_one_clear_line()
    {
        var result = await WebProxyExecutable.RunAsync(["log", "verify", "--data", _data.Path]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("webproxy: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("no governance log", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Plays someone with write access to the file: drops the append-only triggers and edits a row.</summary>
    private void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, GovernanceLog.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS governance_log_no_update; " + sql;
        command.ExecuteNonQuery();
    }
}
