using Microsoft.Data.Sqlite;

namespace WebProxy.Storage.Tests.Support;

/// <summary>Plays the attacker: a raw connection to the file that drops the append-only triggers and runs SQL.</summary>
internal static class RawSql
{
    public static void Tamper(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS governance_log_no_update; DROP TRIGGER IF EXISTS governance_log_no_delete; " + sql;
        command.ExecuteNonQuery();
    }

    public static void Execute(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
