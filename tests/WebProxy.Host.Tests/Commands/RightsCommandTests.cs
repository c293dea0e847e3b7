using System.Text.Json;
using WebProxy.Storage;
using WebProxy.Testing;
using static WebProxy.Host.Tests.Commands.GovernanceCommands;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// <c>webproxy rights file|list|answer|overview</c> on a real data folder, run as the built program: article 8 as the
/// admin API applies it (the same services): a request is filed by the person it is about, read by a privacy officer
/// only with a recorded purpose, answered with reasons, and the answer shows in the person's own overview.
/// </summary>
public sealed class RightsCommandTests : IDisposable
{
    private const string RequestText = "My manager is listed as o.dekker; it has been m.jansen since March.";
    private const string AnswerText = "Corrected: your manager is now m.jansen in the directory.";
    private const string ListPurpose = "Weekly check of the open rights requests";

    private readonly GovernanceCommands _commands = new();

    public RightsCommandTests() => TestOrganisation.WriteTo(_commands.DataDirectory);

    public void Dispose() => _commands.Dispose();

    [Fact]
    public async Task A_granted_deletion_request_erases_the_records_of_an_ended_investigation_but_not_of_a_running_one()
    {
        // An investigation that records for three more seconds, with one captured request.
        var request = await _commands.RunAsync(
            ["investigations", "request", "--by", Manager, "--subject", Researcher, "--purpose", "Suspected misuse", "--legal-ground", "Regulation article 6.2",
             "--scope", "traffic", "--end", GovernanceCommands.Instant(TimeSpan.FromSeconds(3)), "--reader", SecurityOfficer]);
        var investigation = CreatedId(request, "Requested investigation");
        Assert.Equal(0, (await _commands.RunAsync(["investigations", "approve", investigation.ToString(), "--by", Secretary])).ExitCode);
        _commands.Capture(investigation, "shop.example");
        var id = CreatedId(await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "delete", "--text", "Delete what was recorded about me"]), "Filed rights request");
        string[] answer = ["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text", "Erased", "--erase-captured-requests"];

        var early = await _commands.RunAsync(answer);
        Assert.Contains("once it ended", AssertRefused(early, "--erase-captured-requests"), StringComparison.Ordinal);
        Assert.False(Assert.Single(_commands.StoredRightsRequests()).IsAnswered);

        var ended = _commands.StoredInvestigations().Single().End;
        await Task.Delay(ended - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        var erased = await _commands.RunAsync(answer);

        Assert.True(erased.ExitCode == 0, erased.Describe());
        using (var captures = new CaptureStore(_commands.DataDirectory))
        {
            Assert.Equal(0, captures.Count(investigation));
        }

        var deletion = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.RecordsDeleted);
        Assert.Equal((PrivacyOfficer, Researcher), (deletion.Actor, deletion.Subject));
        Assert.Contains("\"kind\":\"erasure\"", deletion.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_granted_blocking_request_blocks_an_ended_investigations_records_for_its_readers()
    {
        var request = await _commands.RunAsync(
            ["investigations", "request", "--by", Manager, "--subject", Researcher, "--purpose", "Suspected misuse", "--legal-ground", "Regulation article 6.2",
             "--scope", "traffic", "--end", GovernanceCommands.Instant(TimeSpan.FromSeconds(2)), "--reader", SecurityOfficer]);
        var investigation = CreatedId(request, "Requested investigation");
        Assert.Equal(0, (await _commands.RunAsync(["investigations", "approve", investigation.ToString(), "--by", Secretary])).ExitCode);
        _commands.Capture(investigation, "shop.example");
        var id = CreatedId(await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "block", "--text", "Stop giving out my records"]), "Filed rights request");
        await Task.Delay(_commands.StoredInvestigations().Single().End - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        var wrongBox = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text", "Blocked", "--erase-captured-requests"]);
        Assert.Contains("goes with granting a deletion request", AssertRefused(wrongBox, "--erase-captured-requests"), StringComparison.Ordinal);
        var blocked = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text", "Blocked", "--block-captured-requests"]);

        Assert.True(blocked.ExitCode == 0, blocked.Describe());
        Assert.NotNull(_commands.StoredInvestigations().Single().Block);
        var read = await _commands.RunAsync(["investigations", "report", investigation.ToString(), "--by", SecurityOfficer, "--purpose", "Case review"]);
        Assert.Contains("blocked at the subject's request", AssertRefused(read, "<id>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_can_come_from_standard_input_to_stay_out_of_the_shell_history()
    {
        var both = await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "delete", "--text", RequestText, "--text-stdin"], RequestText);
        Assert.Contains("not both", AssertRefused(both, "--text-stdin"), StringComparison.Ordinal);
        Assert.Empty(_commands.StoredRightsRequests());

        var empty = await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "delete", "--text-stdin"], "");
        AssertRefused(empty, "--text");

        var filed = await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "correct", "--text-stdin"], RequestText + "\n");
        Assert.True(filed.ExitCode == 0, filed.Describe());
        var id = CreatedId(filed, "Filed rights request");
        Assert.Equal(RequestText, Assert.Single(_commands.StoredRightsRequests()).Text);

        var answered = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text-stdin"], AnswerText);
        Assert.True(answered.ExitCode == 0, answered.Describe());
        Assert.Equal(AnswerText, Assert.Single(_commands.StoredRightsRequests()).Answer);
    }

    [Fact]
    public async Task A_request_is_filed_listed_with_a_purpose_answered_with_a_text_and_shown_in_the_overview()
    {
        var file = await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "correct", "--text", RequestText]);

        Assert.True(file.ExitCode == 0, file.Describe());
        var id = CreatedId(file, "Filed rights request");
        var filed = Assert.Single(_commands.StoredRightsRequests());
        Assert.Equal((id, Researcher, RightsRequestKind.Correct, RequestText), (filed.Id, filed.PersonId, filed.Kind, filed.Text));
        Assert.Equal(TimeSpan.FromDays(28), filed.DueAt - filed.FiledAt);
        var filedRecord = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.RightsRequestFiled);
        Assert.Equal((Researcher, Researcher), (filedRecord.Actor, filedRecord.Subject));
        Assert.Contains("\"via\":\"cli\"", filedRecord.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("o.dekker", filedRecord.Details, StringComparison.Ordinal);

        var withoutPurpose = await _commands.RunAsync(["rights", "list", "--by", PrivacyOfficer]);
        Assert.Contains("stated purpose", AssertRefused(withoutPurpose, "--purpose"), StringComparison.Ordinal);
        var notAnOfficer = await _commands.RunAsync(["rights", "list", "--by", Researcher, "--purpose", ListPurpose]);
        Assert.Contains("is not a privacy officer", AssertRefused(notAnOfficer, "--by"), StringComparison.Ordinal);
        Assert.DoesNotContain(_commands.Records(), r => r.Action == GovernanceAction.PersonalDataRead);

        var list = await _commands.RunAsync(["rights", "list", "--by", PrivacyOfficer, "--purpose", ListPurpose]);

        Assert.True(list.ExitCode == 0, list.Describe());
        var row = Assert.Single(list.StandardOutput.Split('\n'), l => l.StartsWith(id.ToString(), StringComparison.Ordinal));
        Assert.Contains($"{Researcher}  correct", row, StringComparison.Ordinal);
        Assert.Contains(" open ", row, StringComparison.Ordinal);
        var read = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.PersonalDataRead);
        Assert.Equal((PrivacyOfficer, Researcher, ListPurpose), (read.Actor, read.Subject, read.Purpose));
        var overdue = await _commands.RunAsync(["rights", "list", "--by", PrivacyOfficer, "--purpose", ListPurpose, "--overdue"]);
        Assert.Equal("No overdue rights requests.\n", overdue.StandardOutput);

        var refusedWithoutReasons = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "refused"]);
        Assert.Equal("error: --text: a refusal needs reasons (article 8); they are given to the person", AssertRefused(refusedWithoutReasons, "--text"));
        var unknownOutcome = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "maybe", "--text", AnswerText]);
        Assert.Contains("unknown outcome 'maybe'", AssertRefused(unknownOutcome, "--outcome"), StringComparison.Ordinal);
        Assert.False(Assert.Single(_commands.StoredRightsRequests()).IsAnswered);

        var answer = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text", AnswerText]);

        Assert.True(answer.ExitCode == 0, answer.Describe());
        Assert.Equal(id, CreatedId(answer, "Answered rights request"));
        var answered = Assert.Single(_commands.StoredRightsRequests());
        Assert.Equal((RightsRequestOutcome.Granted, PrivacyOfficer, AnswerText), (answered.Outcome, answered.AnsweredBy, answered.Answer));
        Assert.Contains("already", AssertRefused(
            await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "refused", "--text", "Changed my mind"]), "<id>"),
            StringComparison.Ordinal);

        var recordsBefore = _commands.Records().Count;
        var overview = await _commands.RunAsync(["rights", "overview", "--by", Researcher]);

        Assert.True(overview.ExitCode == 0, overview.Describe());
        Assert.StartsWith($"Everything held about {Researcher} (Ruud Bakker)", overview.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"answer    {AnswerText}", overview.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("state     granted", overview.StandardOutput, StringComparison.Ordinal);
        var readLine = Assert.Single(overview.StandardOutput.Split('\n'), l => l.Contains("personal_data_read", StringComparison.Ordinal));
        Assert.Contains(ListPurpose, readLine, StringComparison.Ordinal);
        Assert.Contains($"{PrivacyOfficer} (Petra Officier)", readLine, StringComparison.Ordinal);
        Assert.Equal(recordsBefore, _commands.Records().Count);

        var json = await _commands.RunAsync(["rights", "overview", "--by", Researcher, "--json"]);
        Assert.True(json.ExitCode == 0, json.Describe());
        using var document = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal(Researcher, document.RootElement.GetProperty("person").GetProperty("id").GetString());
        var request = Assert.Single(document.RootElement.GetProperty("rightsRequests").EnumerateArray());
        Assert.Equal(("granted", AnswerText), (request.GetProperty("state").GetString(), request.GetProperty("answer").GetString()));

        var verify = await _commands.RunAsync(["log", "verify"]);
        Assert.True(verify.ExitCode == 0, verify.Describe());
    }

    [Theory]
    [InlineData("--kind", "erase", RequestText, "unknown kind 'erase'; known are correct, complete, delete, block")]
    [InlineData("--kind", null, RequestText, "say what you ask for")]
    [InlineData("--text", "block", null, "say which data it is about")]
    [InlineData("--text", "block", "   ", "say which data it is about")]
    public async Task Filing_without_a_known_kind_or_a_text_is_refused_naming_the_option_and_stores_nothing(string option, string? kind, string? text, string reason)
    {
        string[] kindOption = kind is null ? [] : ["--kind", kind];
        string[] textOption = text is null ? [] : ["--text", text];

        var result = await _commands.RunAsync(["rights", "file", "--by", Researcher, .. kindOption, .. textOption]);

        Assert.Contains(reason, AssertRefused(result, option), StringComparison.Ordinal);
        Assert.Empty(_commands.StoredRightsRequests());
        Assert.Empty(_commands.Records());
    }

    [Fact]
    public async Task Filing_answering_and_the_overview_need_a_person_in_the_directory()
    {
        AssertRefused(await _commands.RunAsync(["rights", "file", "--kind", "delete", "--text", RequestText]), "--by");
        Assert.Contains("'n.nobody' is not in the directory", AssertRefused(
            await _commands.RunAsync(["rights", "file", "--by", "n.nobody", "--kind", "delete", "--text", RequestText]), "--by"), StringComparison.Ordinal);
        AssertRefused(await _commands.RunAsync(["rights", "overview"]), "--by");
        Assert.Contains("'n.nobody' is not in the directory", AssertRefused(
            await _commands.RunAsync(["rights", "overview", "--by", "n.nobody"]), "--by"), StringComparison.Ordinal);

        var id = CreatedId(await _commands.RunAsync(["rights", "file", "--by", Colleague, "--kind", "block", "--text", RequestText]), "Filed rights request");
        Assert.Contains("is not a privacy officer", AssertRefused(
            await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", Manager, "--outcome", "granted", "--text", AnswerText]), "--by"), StringComparison.Ordinal);
        Assert.False(Assert.Single(_commands.StoredRightsRequests()).IsAnswered);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000042", "error: <id>: there is no rights request 00000000-0000-0000-0000-000000000042")]
    [InlineData("request-17", "error: <id>: 'request-17' is not a rights request id (a GUID as the command that created it printed it)")]
    public async Task Answering_an_unknown_or_malformed_id_is_a_clear_error(string id, string error)
    {
        var result = await _commands.RunAsync(["rights", "answer", id, "--by", PrivacyOfficer, "--outcome", "granted", "--text", AnswerText]);

        Assert.Equal(error, AssertRefused(result, "<id>"));
    }

    [Theory]
    [InlineData("file", "--by --kind --text")]
    [InlineData("list", "--by --purpose --overdue --json")]
    [InlineData("answer", "<id> --by --outcome --text")]
    [InlineData("overview", "--by --json")]
    public async Task Help_lists_the_options_of_each_command(string command, string options)
    {
        var result = await _commands.RunAsync(["rights", command, "--help"]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.All(options.Split(' '), option => Assert.Contains(option, result.StandardOutput, StringComparison.Ordinal));
    }
}
