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
        // A running investigation with one captured request; it ends when it is withdrawn, not by waiting for a clock.
        var investigation = await RequestApproveAndCaptureAsync();
        var id = CreatedId(await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "delete", "--text", "Delete what was recorded about me"]), "Filed rights request");
        string[] answer = ["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text", "Erased", "--erase-captured-requests"];

        var early = await _commands.RunAsync(answer);
        Assert.Contains("once it ended", AssertRefused(early, "--erase-captured-requests"), StringComparison.Ordinal);
        Assert.False(Assert.Single(_commands.StoredRightsRequests()).IsAnswered);
        using (var captures = new CaptureStore(_commands.DataDirectory))
        {
            Assert.Equal(1, captures.Count(investigation));
        }

        Assert.DoesNotContain(_commands.Records(), r => r.Action == GovernanceAction.RecordsDeleted);

        await EndByWithdrawalAsync(investigation);
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
        var investigation = await RequestApproveAndCaptureAsync();
        var id = CreatedId(await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "block", "--text", "Stop giving out my records"]), "Filed rights request");
        string[] answer = ["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text", "Blocked", "--block-captured-requests"];

        var early = await _commands.RunAsync(answer);
        Assert.Contains("once it ended", AssertRefused(early, "--block-captured-requests"), StringComparison.Ordinal);
        Assert.Null(_commands.StoredInvestigations().Single().Block);
        Assert.True((await _commands.RunAsync(["investigations", "report", investigation.ToString(), "--by", SecurityOfficer, "--purpose", "Case review"])).ExitCode == 0);

        await EndByWithdrawalAsync(investigation);
        var wrongBox = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "granted", "--text", "Blocked", "--erase-captured-requests"]);
        Assert.Contains("goes with granting a deletion request", AssertRefused(wrongBox, "--erase-captured-requests"), StringComparison.Ordinal);
        var blocked = await _commands.RunAsync(answer);

        Assert.True(blocked.ExitCode == 0, blocked.Describe());
        Assert.NotNull(_commands.StoredInvestigations().Single().Block);
        using (var captures = new CaptureStore(_commands.DataDirectory))
        {
            Assert.Equal(1, captures.Count(investigation));
        }

        var read = await _commands.RunAsync(["investigations", "report", investigation.ToString(), "--by", SecurityOfficer, "--purpose", "Case review"]);
        Assert.Contains("blocked at the subject's request", AssertRefused(read, "<id>"), StringComparison.Ordinal);
        var shown = await _commands.RunAsync(["investigations", "show", investigation.ToString(), "--by", SecurityOfficer, "--purpose", "Case review"]);
        Assert.True(shown.ExitCode == 0, shown.Describe());
        Assert.Contains("records blocked", shown.StandardOutput, StringComparison.Ordinal);
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

        var overview = await _commands.RunAsync(["rights", "overview", "--by", Researcher]);

        Assert.True(overview.ExitCode == 0, overview.Describe());
        Assert.StartsWith($"Everything held about {Researcher} (Ruud Bakker)", overview.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"answer    {AnswerText}", overview.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("state     granted", overview.StandardOutput, StringComparison.Ordinal);
        var readLine = Assert.Single(overview.StandardOutput.Split('\n'), l => l.Contains("personal_data_read", StringComparison.Ordinal));
        Assert.Contains(ListPurpose, readLine, StringComparison.Ordinal);
        Assert.Contains($"{PrivacyOfficer} (Petra Officier)", readLine, StringComparison.Ordinal);

        // On the command line --by is only asserted by whoever has the shell: the overview printed is a recorded read (article 4.3).
        var overviewRead = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.PersonalDataRead && r.Actor == Researcher);
        Assert.Equal((Researcher, RightsCommandOverviewPurpose), (overviewRead.Subject, overviewRead.Purpose));
        using (var details = JsonDocument.Parse(overviewRead.Details))
        {
            Assert.Equal(("overview", "cli"), (details.RootElement.GetProperty("what").GetString(), details.RootElement.GetProperty("via").GetString()));
        }

        var json = await _commands.RunAsync(["rights", "overview", "--by", Researcher, "--json"]);
        Assert.True(json.ExitCode == 0, json.Describe());
        using var document = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal(Researcher, document.RootElement.GetProperty("person").GetProperty("id").GetString());
        var request = Assert.Single(document.RootElement.GetProperty("rightsRequests").EnumerateArray());
        Assert.Equal(("granted", AnswerText), (request.GetProperty("state").GetString(), request.GetProperty("answer").GetString()));

        // The person sees that read in their next overview, like anyone else's (article 8).
        var seen = Assert.Single(document.RootElement.GetProperty("governanceLog").EnumerateArray(), r => r.GetProperty("sequence").GetInt64() == overviewRead.Sequence);
        Assert.Equal(("personal_data_read", Researcher, RightsCommandOverviewPurpose),
            (seen.GetProperty("action").GetString(), seen.GetProperty("actor").GetString(), seen.GetProperty("purpose").GetString()));
        Assert.Equal(2, _commands.Records().Count(r => r.Action == GovernanceAction.PersonalDataRead && r.Actor == Researcher));

        var verify = await _commands.RunAsync(["log", "verify"]);
        Assert.True(verify.ExitCode == 0, verify.Describe());
    }

    [Fact]
    public async Task An_overview_printed_with_a_purpose_records_that_purpose_and_a_refused_one_records_nothing()
    {
        AssertRefused(await _commands.RunAsync(["rights", "overview", "--by", "n.nobody", "--purpose", "Helped at the desk"]), "--by");
        Assert.Empty(_commands.Records());

        var overview = await _commands.RunAsync(["rights", "overview", "--by", Colleague, "--purpose", "  Helped at the desk, ticket 4711  "]);

        Assert.True(overview.ExitCode == 0, overview.Describe());
        Assert.Contains("Governance records about you (0)", overview.StandardOutput, StringComparison.Ordinal);
        var read = Assert.Single(_commands.Records());
        Assert.Equal((GovernanceAction.PersonalDataRead, Colleague, Colleague, "Helped at the desk, ticket 4711"), (read.Action, read.Actor, read.Subject, read.Purpose));
        Assert.Equal("{\"what\":\"overview\",\"via\":\"cli\"}", read.Details);

        var next = await _commands.RunAsync(["rights", "overview", "--by", Colleague]);
        var line = Assert.Single(next.StandardOutput.Split('\n'), l => l.Contains("personal_data_read", StringComparison.Ordinal));
        Assert.Contains("Helped at the desk, ticket 4711", line, StringComparison.Ordinal);
        Assert.Contains("\"what\":\"overview\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminal_control_sequences_in_a_request_never_reach_the_terminal_but_stay_in_the_data_and_the_JSON()
    {
        // Erase the line and move up (CSI 2K, CSI 1A), a bell, a single-character C1 CSI and DEL: enough to hide the row it is in.
        const string Hostile = "Delete my data\u001b[2K\u001b[1A\u0007 quietly\u009b2J\u007f";
        var filed = await _commands.RunAsync(["rights", "file", "--by", Researcher, "--kind", "delete", "--text", Hostile]);
        Assert.True(filed.ExitCode == 0, filed.Describe());
        AssertPrintable(filed.StandardOutput);
        var id = CreatedId(filed, "Filed rights request");
        Assert.Equal(Hostile, Assert.Single(_commands.StoredRightsRequests()).Text);

        var list = await _commands.RunAsync(["rights", "list", "--by", PrivacyOfficer, "--purpose", ListPurpose]);

        Assert.True(list.ExitCode == 0, list.Describe());
        AssertPrintable(list.StandardOutput);
        Assert.DoesNotContain('\u001b', list.StandardOutput);
        Assert.DoesNotContain('\u0007', list.StandardOutput);
        var row = Assert.Single(list.StandardOutput.Split('\n'), l => l.StartsWith(id.ToString(), StringComparison.Ordinal));
        Assert.EndsWith("Delete my data\uFFFD[2K\uFFFD[1A\uFFFD quietly\uFFFD2J\uFFFD", row, StringComparison.Ordinal);

        var json = await _commands.RunAsync(["rights", "list", "--by", PrivacyOfficer, "--purpose", ListPurpose, "--json"]);
        Assert.Contains("\\u001B[2K", json.StandardOutput, StringComparison.OrdinalIgnoreCase);
        using (var document = JsonDocument.Parse(json.StandardOutput))
        {
            Assert.Equal(Hostile, Assert.Single(document.RootElement.EnumerateArray()).GetProperty("text").GetString());
        }

        var answer = await _commands.RunAsync(["rights", "answer", id.ToString(), "--by", PrivacyOfficer, "--outcome", "refused", "--text", "No\u001b]0;owned\u0007"]);
        Assert.True(answer.ExitCode == 0, answer.Describe());
        AssertPrintable(answer.StandardOutput);
        var overview = await _commands.RunAsync(["rights", "overview", "--by", Researcher]);
        Assert.True(overview.ExitCode == 0, overview.Describe());
        AssertPrintable(overview.StandardOutput);
        Assert.Contains("answer    No\uFFFD]0;owned\uFFFD\n", overview.StandardOutput, StringComparison.Ordinal);
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
    [InlineData("file", "--by --kind --text --text-stdin")]
    [InlineData("list", "--by --purpose --overdue --json")]
    [InlineData("answer", "<id> --by --outcome --text --text-stdin --erase-captured-requests --block-captured-requests")]
    [InlineData("overview", "--by --purpose --json")]
    public async Task Help_lists_the_options_of_each_command(string command, string options)
    {
        var result = await _commands.RunAsync(["rights", command, "--help"]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.All(options.Split(' '), option => Assert.Contains(option, result.StandardOutput, StringComparison.Ordinal));
    }

    /// <summary>What <c>rights overview</c> records as the purpose when <c>--purpose</c> gives none.</summary>
    private const string RightsCommandOverviewPurpose = WebProxy.Host.Commands.RightsCommand.OverviewPurpose;

    /// <summary>Nothing a terminal acts on: no C0 control but the line feed, no DEL, no C1 control.</summary>
    private static void AssertPrintable(string output) =>
        Assert.All(output, c => Assert.False(c is (< ' ' and not '\n') or '\u007f' or (>= '\u0080' and <= '\u009f'), $"U+{(int)c:X4} reached the terminal:\n{output}"));

    /// <summary>
    /// An investigation of the researcher, requested with an end a week out, approved, with one captured request:
    /// it records until <see cref="EndByWithdrawalAsync"/> ends it.
    /// </summary>
    private async Task<Guid> RequestApproveAndCaptureAsync()
    {
        var request = await _commands.RunAsync(
            ["investigations", "request", "--by", Manager, "--subject", Researcher, "--purpose", "Suspected misuse", "--legal-ground", "Regulation article 6.2",
             "--scope", "traffic", "--end", Instant(TimeSpan.FromDays(7)), "--reader", SecurityOfficer]);
        var investigation = CreatedId(request, "Requested investigation");
        var approve = await _commands.RunAsync(["investigations", "approve", investigation.ToString(), "--by", Secretary]);
        Assert.True(approve.ExitCode == 0, approve.Describe());
        _commands.Capture(investigation, "shop.example");
        return investigation;
    }

    /// <summary>Withdraws the investigation: recording stops at once (its capture end is the withdrawal), so it has ended.</summary>
    private async Task EndByWithdrawalAsync(Guid investigation)
    {
        var withdraw = await _commands.RunAsync(["investigations", "withdraw", investigation.ToString(), "--by", Secretary, "--reason", "Suspicion cleared"]);
        Assert.True(withdraw.ExitCode == 0, withdraw.Describe());
        var ended = Assert.Single(_commands.StoredInvestigations());
        Assert.Equal(ended.WithdrawnAt, (DateTimeOffset?)ended.CaptureEnd);
    }
}
