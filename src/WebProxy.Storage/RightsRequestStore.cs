using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WebProxy.Storage;

/// <summary>
/// The employees' rights requests (article 8), in the <c>rights_requests</c> table of the governance database. As for
/// exemptions and investigations, a filing and an answer are each written in the same transaction as their governance
/// record (<see cref="GovernanceLog.AppendWith"/>). An answer is conditional on the request being open, so two privacy
/// officers answering at once never both succeed; the loser gets null and nothing is written.
/// </summary>
public sealed class RightsRequestStore
{
    private const string Columns = "id, person, kind, text, filed_at, due_at, answered_by, answered_at, outcome, answer";

    private readonly GovernanceLog _log;

    public RightsRequestStore(GovernanceLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
    }

    /// <summary>Every request, answered or not, in the order they were filed.</summary>
    /// <exception cref="InvalidDataException">A row cannot be read back (edited by hand); names the request.</exception>
    public IReadOnlyList<RightsRequest> Load() => Query("1 = 1", _ => { });

    /// <summary>The requests <paramref name="personId"/> filed, in the order they were filed.</summary>
    public IReadOnlyList<RightsRequest> ForPerson(string personId)
    {
        ArgumentNullException.ThrowIfNull(personId);
        return Query("person = $person", command => command.Parameters.AddWithValue("$person", personId));
    }

    /// <summary>The requests not yet answered, oldest due date first.</summary>
    public IReadOnlyList<RightsRequest> Unanswered() => Query("answered_at IS NULL", _ => { }, "due_at, rowid");

    /// <summary>One request, or null.</summary>
    public RightsRequest? Find(Guid id) =>
        Query("id = $id", command => command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id))).SingleOrDefault();

    /// <summary>How many requests are unanswered at <paramref name="now"/> while their due date has come.</summary>
    public int CountOverdue(DateTimeOffset now)
    {
        using var connection = GovernanceSchema.Open(GovernanceSchema.ConnectionString(_log.DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM rights_requests WHERE answered_at IS NULL AND due_at <= $now;";
        command.Parameters.AddWithValue("$now", GovernanceHash.FormatTimestamp(now));
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Stores a new, open request together with its <c>rights_request_filed</c> record.</summary>
    /// <exception cref="ArgumentException">The request is answered already, or its person or text is empty; nothing is written.</exception>
    public GovernanceRecord File(RightsRequest request, GovernanceEntry record)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.PersonId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Text);
        if (request.IsAnswered)
        {
            throw new ArgumentException("Only an open request can be filed.", nameof(request));
        }

        return _log.AppendWith(record, command =>
        {
            command.CommandText = $"""
                INSERT INTO rights_requests ({Columns})
                VALUES ($id, $person, $kind, $text, $filed_at, $due_at, NULL, NULL, NULL, NULL);
                """;
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(request.Id));
            command.Parameters.AddWithValue("$person", request.PersonId);
            command.Parameters.AddWithValue("$kind", RightsRequestNames.Name(request.Kind));
            command.Parameters.AddWithValue("$text", request.Text);
            command.Parameters.AddWithValue("$filed_at", GovernanceHash.FormatTimestamp(request.FiledAt));
            command.Parameters.AddWithValue("$due_at", GovernanceHash.FormatTimestamp(request.DueAt));
            command.ExecuteNonQuery();
        });
    }

    /// <summary>
    /// Answers an open request together with its <c>rights_request_answered</c> record. Null, writing nothing, when it
    /// is missing or answered already.
    /// </summary>
    /// <exception cref="ArgumentException">No answerer, or an answer without text; nothing is written.</exception>
    public GovernanceRecord? Answer(Guid id, string answeredBy, DateTimeOffset answeredAt, RightsRequestOutcome outcome, string answer, GovernanceEntry record)
    {
        ArgumentException.ThrowIfNullOrEmpty(answeredBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        return _log.AppendIfOneRowChanged(record, """
            UPDATE rights_requests
            SET answered_by = $answered_by, answered_at = $answered_at, outcome = $outcome, answer = $answer
            WHERE id = $id AND answered_at IS NULL;
            """, command =>
        {
            command.Parameters.AddWithValue("$id", GovernanceRows.FormatId(id));
            command.Parameters.AddWithValue("$answered_by", answeredBy);
            command.Parameters.AddWithValue("$answered_at", GovernanceHash.FormatTimestamp(answeredAt));
            command.Parameters.AddWithValue("$outcome", RightsRequestNames.Name(outcome));
            command.Parameters.AddWithValue("$answer", answer);
        });
    }

    private List<RightsRequest> Query(string where, Action<SqliteCommand> bind, string orderBy = "rowid")
    {
        using var connection = GovernanceSchema.Open(GovernanceSchema.ConnectionString(_log.DatabasePath, SqliteOpenMode.ReadOnly));
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM rights_requests WHERE {where} ORDER BY {orderBy};";
        bind(command);
        using var reader = command.ExecuteReader();
        var requests = new List<RightsRequest>();
        while (reader.Read())
        {
            requests.Add(Read(reader));
        }

        return requests;
    }

    private static RightsRequest Read(SqliteDataReader reader)
    {
        var idText = reader.GetString(0);
        if (!Guid.TryParseExact(idText, "D", out var id))
        {
            throw Unreadable(idText, "id");
        }

        if (!RightsRequestNames.TryParse(reader.GetString(2), out RightsRequestKind kind))
        {
            throw Unreadable(idText, "kind");
        }

        RightsRequestOutcome? outcome = null;
        if (!reader.IsDBNull(8))
        {
            outcome = RightsRequestNames.TryParse(reader.GetString(8), out RightsRequestOutcome parsed) ? parsed : throw Unreadable(idText, "outcome");
        }

        var answeredAt = GovernanceRows.OptionalTime(reader, 7, idText, "answered_at", Unreadable);
        if ((answeredAt is null) != (outcome is null) || (answeredAt is null) != reader.IsDBNull(6) || (answeredAt is null) != reader.IsDBNull(9))
        {
            throw Unreadable(idText, "answer");
        }

        return new RightsRequest(id, reader.GetString(1), kind, reader.GetString(3), GovernanceRows.Time(reader, 4, idText, "filed_at", Unreadable), GovernanceRows.Time(reader, 5, idText, "due_at", Unreadable))
        {
            AnsweredBy = reader.IsDBNull(6) ? null : reader.GetString(6),
            AnsweredAt = answeredAt,
            Outcome = outcome,
            Answer = reader.IsDBNull(9) ? null : reader.GetString(9),
        };
    }

    private static InvalidDataException Unreadable(string id, string what) =>
        new($"Rights request {id} in the governance database cannot be read ({what}); it was changed outside WebProxy.");
}
