using System.Text;
using System.Text.Json;
using WebProxy.Policy.Investigations;
using WebProxy.Storage;
using WebProxy.Testing;
using static WebProxy.Host.Tests.Commands.GovernanceCommands;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// <c>webproxy investigations ...</c> on a real data folder, run as the built program: the rules of articles 6.2-6.7
/// and 7.1 as the admin API applies them (the same service), refusals as one line naming the option with exit code 1,
/// and every read of the report stated and recorded (article 4.3).
/// </summary>
public sealed class InvestigationsCommandTests : IDisposable
{
    private const string Purpose = "Suspected online gambling during working hours";
    private const string ReadPurpose = "Case 2026-31: weekly review of the recorded traffic";

    private readonly GovernanceCommands _commands = new();

    public InvestigationsCommandTests() => TestOrganisation.WriteTo(_commands.DataDirectory);

    public void Dispose() => _commands.Dispose();

    [Fact]
    public async Task Request_approve_and_report_with_a_purpose_shows_the_records_and_writes_the_read_to_the_log()
    {
        var request = await _commands.RunAsync(Request(Manager, Researcher, SecurityOfficer));

        Assert.True(request.ExitCode == 0, request.Describe());
        var id = CreatedId(request, "Requested investigation");
        Assert.Contains("It records nothing until the municipal secretary approves it.", request.StandardOutput, StringComparison.Ordinal);
        var requested = Assert.Single(_commands.StoredInvestigations());
        Assert.Equal((id, Researcher, Manager, InvestigationState.Requested), (requested.Id, requested.SubjectId, requested.RequestedBy, requested.State));
        Assert.Equal([SecurityOfficer], requested.Readers);
        var requestRecord = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.InvestigationRequested);
        Assert.Contains("\"via\":\"cli\"", requestRecord.Details, StringComparison.Ordinal);

        var approve = await _commands.RunAsync(["investigations", "approve", id.ToString(), "--by", Secretary]);

        Assert.True(approve.ExitCode == 0, approve.Describe());
        Assert.Equal(id, CreatedId(approve, "Approved investigation"));
        Assert.Contains("approved, recording", approve.StandardOutput, StringComparison.Ordinal);
        var approved = Assert.Single(_commands.StoredInvestigations());
        Assert.Equal((InvestigationState.Approved, Secretary), (approved.State, approved.DecidedBy));

        _commands.Capture(id, "casino.example", category: "gambling", decision: "blocked");
        var report = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", SecurityOfficer, "--purpose", ReadPurpose]);

        Assert.True(report.ExitCode == 0, report.Describe());
        var row = Assert.Single(report.StandardOutput.Split('\n'), l => l.Contains("casino.example", StringComparison.Ordinal));
        Assert.Contains("gambling", row, StringComparison.Ordinal);
        Assert.EndsWith("blocked", row, StringComparison.Ordinal);
        Assert.Contains("1 recorded requests", report.StandardOutput, StringComparison.Ordinal);
        var read = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
        Assert.Equal((SecurityOfficer, Researcher, ReadPurpose), (read.Actor, read.Subject, read.Purpose));
        using (var details = JsonDocument.Parse(read.Details))
        {
            Assert.Equal(id.ToString(), details.RootElement.GetProperty("investigation").GetString());
            Assert.Equal(1, details.RootElement.GetProperty("records").GetInt32());
            Assert.Equal("report", details.RootElement.GetProperty("format").GetString());
            Assert.Equal("cli", details.RootElement.GetProperty("via").GetString());
        }

        // The subject sees who read what was recorded about them, and why (article 8).
        var overview = await _commands.RunAsync(["rights", "overview", "--by", Researcher]);
        Assert.True(overview.ExitCode == 0, overview.Describe());
        var readLine = Assert.Single(overview.StandardOutput.Split('\n'), l => l.Contains("investigation_report_read", StringComparison.Ordinal));
        Assert.Contains(ReadPurpose, readLine, StringComparison.Ordinal);
        Assert.Contains(SecurityOfficer, readLine, StringComparison.Ordinal);

        var verify = await _commands.RunAsync(["log", "verify"]);
        Assert.True(verify.ExitCode == 0, verify.Describe());
    }

    [Fact]
    public async Task The_report_needs_a_purpose_and_its_JSON_is_the_admin_APIs_without_a_URL_for_the_traffic_scope()
    {
        var id = await RequestAndApproveAsync();
        _commands.Capture(id, "chat.example", url: null, category: "chat", decision: "blocked");

        var withoutPurpose = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", SecurityOfficer]);

        Assert.Contains("needs a stated purpose", AssertRefused(withoutPurpose, "--purpose"), StringComparison.Ordinal);
        Assert.DoesNotContain(_commands.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);

        var json = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", SecurityOfficer, "--purpose", ReadPurpose, "--json"]);

        Assert.True(json.ExitCode == 0, json.Describe());
        using var document = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal("approved", document.RootElement.GetProperty("investigation").GetProperty("state").GetString());
        var record = Assert.Single(document.RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal("chat.example", record.GetProperty("host").GetString());
        Assert.False(record.TryGetProperty("url", out _), "A traffic-scope report has no URL field (article 6.3).");
        Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
    }

    [Fact]
    public async Task The_CSV_export_is_the_admin_APIs_and_is_recorded_as_a_csv_read()
    {
        var id = await RequestAndApproveAsync();
        _commands.Capture(id, "chat.example", url: null, category: "chat", decision: "blocked");

        var both = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", SecurityOfficer, "--purpose", ReadPurpose, "--json", "--csv"]);
        Assert.Contains("not both", AssertRefused(both, "--csv"), StringComparison.Ordinal);

        var csv = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", SecurityOfficer, "--purpose", ReadPurpose, "--csv"]);

        Assert.True(csv.ExitCode == 0, csv.Describe());
        var lines = csv.StandardOutput.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WebProxy.Admin.Investigations.InvestigationReportCsv.TrafficHeader, lines[0]);
        Assert.EndsWith(",chat.example,1234,56,chat,blocked", Assert.Single(lines[1..]), StringComparison.Ordinal);
        var read = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
        Assert.Contains("\"format\":\"csv\"", read.Details, StringComparison.Ordinal);
        Assert.Equal(ReadPurpose, read.Purpose);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var request = await _commands.RunAsync(Request(Secretary, Researcher, SecurityOfficer));
        var id = CreatedId(request, "Requested investigation");

        var approve = await _commands.RunAsync(["investigations", "approve", id.ToString(), "--by", Secretary]);

        var line = AssertRefused(approve, "--by");
        Assert.Equal($"error: --by: '{Secretary}' requested this investigation; the requester and the approver must be different people", line);
        Assert.Equal(InvestigationState.Requested, Assert.Single(_commands.StoredInvestigations()).State);
        Assert.DoesNotContain(_commands.Records(), r => r.Action == GovernanceAction.InvestigationApproved);
    }

    [Fact]
    public async Task A_subject_with_an_article_6_6_role_is_refused_without_their_name_in_the_error_or_anywhere_in_the_data_folder()
    {
        string[] names = [WorksCouncilMember, "Wim Raad"];
        var result = await _commands.RunAsync(
            ["investigations", "request", "--by", Manager, "--subject", WorksCouncilMember, "--purpose", "Wim Raad chats all day",
             "--legal-ground", "Regulation article 6.2", "--end", Instant(TimeSpan.FromDays(7)), "--reader", SecurityOfficer]);

        var line = AssertRefused(result, "--subject");
        Assert.Contains("protected by article 6.6", line, StringComparison.Ordinal);
        Assert.All(names, name => Assert.DoesNotContain(name, line, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(_commands.StoredInvestigations());
        var refusal = Assert.Single(_commands.Records());
        Assert.Equal((GovernanceAction.InvestigationRefused, Manager, (string?)null), (refusal.Action, refusal.Actor, refusal.Subject));
        Assert.All(names, name => Assert.DoesNotContain(name, refusal.Details + refusal.Purpose, StringComparison.OrdinalIgnoreCase));

        // Nor in any file the command wrote: the databases with their journals (the directory names them, of course).
        foreach (var path in System.IO.Directory.EnumerateFiles(_commands.DataDirectory, "*", SearchOption.AllDirectories).Where(p => p != _commands.DirectoryFile))
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.All(names, name => Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(name)) < 0, $"'{name}' is in {path}."));
        }
    }

    [Fact]
    public async Task Only_the_named_readers_read_the_report_and_a_reader_must_be_in_the_directory()
    {
        var unknownReader = await _commands.RunAsync(Request(Manager, Researcher, "n.nobody"));
        Assert.Equal("error: --reader: 'n.nobody' is not in the directory", AssertRefused(unknownReader, "--reader"));
        var subjectAsReader = await _commands.RunAsync(Request(Manager, Researcher, Researcher));
        Assert.Contains("the subject cannot be a reader", AssertRefused(subjectAsReader, "--reader"), StringComparison.Ordinal);
        Assert.Empty(_commands.StoredInvestigations());

        var id = await RequestAndApproveAsync();

        // The requester may know of it, but is not a reader; someone uninvolved is not even told it exists.
        var requester = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", Manager, "--purpose", ReadPurpose]);
        Assert.Contains($"'{Manager}' is not named as a reader", AssertRefused(requester, "--by"), StringComparison.Ordinal);
        var outsider = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", OtherEmployee, "--purpose", ReadPurpose]);
        Assert.Equal($"error: <id>: there is no investigation {id}", AssertRefused(outsider, "<id>"));
        Assert.DoesNotContain(_commands.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
    }

    [Fact]
    public async Task Refusal_legal_hold_and_withdrawal_need_the_right_person_and_a_reason()
    {
        var refusedId = CreatedId(await _commands.RunAsync(Request(Manager, Colleague, SecurityOfficer)), "Requested investigation");
        AssertRefused(await _commands.RunAsync(["investigations", "refuse", refusedId.ToString(), "--by", Secretary]), "--reason");
        var refuse = await _commands.RunAsync(["investigations", "refuse", refusedId.ToString(), "--by", Secretary, "--reason", "Not proportional"]);
        Assert.True(refuse.ExitCode == 0, refuse.Describe());
        Assert.Contains("Not proportional", refuse.StandardOutput, StringComparison.Ordinal);

        var id = await RequestAndApproveAsync();
        AssertRefused(await _commands.RunAsync(["investigations", "legal-hold", id.ToString(), "--by", Manager, "--reason", "Court case"]), "--by");
        AssertRefused(await _commands.RunAsync(["investigations", "legal-hold", id.ToString(), "--by", Secretary]), "--reason");
        var hold = await _commands.RunAsync(["investigations", "legal-hold", id.ToString(), "--by", Secretary, "--reason", "Court case 2026-77"]);
        Assert.True(hold.ExitCode == 0, hold.Describe());
        Assert.StartsWith($"Put investigation {id} on legal hold:", hold.StandardOutput, StringComparison.Ordinal);
        Assert.True(Assert.Single(_commands.StoredInvestigations(), i => i.Id == id).IsOnLegalHold);
        Assert.Contains("on legal hold since", AssertRefused(
            await _commands.RunAsync(["investigations", "legal-hold", id.ToString(), "--by", Secretary, "--reason", "Again"]), "<id>"), StringComparison.Ordinal);
        AssertRefused(await _commands.RunAsync(["investigations", "release-hold", id.ToString(), "--by", Secretary]), "--reason");
        var release = await _commands.RunAsync(["investigations", "release-hold", id.ToString(), "--by", Secretary, "--reason", "Court case closed"]);
        Assert.True(release.ExitCode == 0, release.Describe());
        Assert.False(Assert.Single(_commands.StoredInvestigations(), i => i.Id == id).IsOnLegalHold);

        var withdraw = await _commands.RunAsync(["investigations", "withdraw", id.ToString(), "--by", Manager, "--reason", "Suspicion cleared"]);

        Assert.True(withdraw.ExitCode == 0, withdraw.Describe());
        Assert.Equal(id, CreatedId(withdraw, "Withdrew investigation"));
        var stored = _commands.StoredInvestigations().ToDictionary(i => i.Id);
        Assert.Equal((InvestigationState.Refused, InvestigationState.Withdrawn), (stored[refusedId].State, stored[id].State));
        Assert.Equal(
            [GovernanceAction.InvestigationRefused, GovernanceAction.LegalHoldSet, GovernanceAction.LegalHoldReleased, GovernanceAction.InvestigationWithdrawn],
            _commands.Records().Select(r => r.Action).Where(a => a is GovernanceAction.InvestigationRefused or GovernanceAction.LegalHoldSet
                or GovernanceAction.LegalHoldReleased or GovernanceAction.InvestigationWithdrawn));
    }

    [Fact]
    public async Task A_political_office_holder_is_approved_and_read_by_the_mayor_alone()
    {
        TestOrganisation.WriteTo(_commands.DataDirectory, TestOrganisation.WithAlderman);
        AssertRefused(await _commands.RunAsync(Request(SecurityOfficer, Alderman, Secretary)), "--reader");

        var request = await _commands.RunAsync(Request(SecurityOfficer, Alderman, Mayor));

        Assert.True(request.ExitCode == 0, request.Describe());
        Assert.Contains("political-office-holder", request.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("until the mayor approves it", request.StandardOutput, StringComparison.Ordinal);
        var id = CreatedId(request, "Requested investigation");
        Assert.Contains("only the mayor approves", AssertRefused(
            await _commands.RunAsync(["investigations", "approve", id.ToString(), "--by", Secretary]), "--by"), StringComparison.Ordinal);
        var approve = await _commands.RunAsync(["investigations", "approve", id.ToString(), "--by", Mayor, "--defer-disclosure"]);
        Assert.True(approve.ExitCode == 0, approve.Describe());
        Assert.True(Assert.Single(_commands.StoredInvestigations()).DeferDisclosure);

        var report = await _commands.RunAsync(["investigations", "report", id.ToString(), "--by", Mayor, "--purpose", "Reasonable suspicion, order 2026-02"]);

        Assert.True(report.ExitCode == 0, report.Describe());
        Assert.Contains("No requests recorded.", report.StandardOutput, StringComparison.Ordinal);
        var read = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.InvestigationReportRead);
        Assert.Equal((Mayor, Alderman), (read.Actor, read.Subject));
    }

    [Fact]
    public async Task Listing_others_investigations_needs_a_purpose_which_is_recorded()
    {
        var id = await RequestAndApproveAsync();

        Assert.Contains("purpose", AssertRefused(await _commands.RunAsync(["investigations", "list", "--by", Manager]), "--purpose"), StringComparison.Ordinal);
        AssertRefused(await _commands.RunAsync(["investigations", "list", "--purpose", "Review"]), "--by");

        var list = await _commands.RunAsync(["investigations", "list", "--by", Manager, "--purpose", "Review of my requests"]);

        Assert.True(list.ExitCode == 0, list.Describe());
        var row = Assert.Single(list.StandardOutput.Split('\n'), l => l.StartsWith(id.ToString(), StringComparison.Ordinal));
        Assert.Contains(Researcher, row, StringComparison.Ordinal);
        Assert.EndsWith("approved, recording", row, StringComparison.Ordinal);
        var read = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.PersonalDataRead);
        Assert.Equal((Manager, Researcher, "Review of my requests"), (read.Actor, read.Subject, read.Purpose));
    }

    [Theory]
    [InlineData("approve", "00000000-0000-0000-0000-000000000042", "there is no investigation 00000000-0000-0000-0000-000000000042")]
    [InlineData("approve", "case-17", "'case-17' is not an investigation id")]
    [InlineData("withdraw", "00000000-0000-0000-0000-000000000042", "there is no investigation")]
    [InlineData("report", "00000000-0000-0000-0000-000000000042", "there is no investigation")]
    public async Task An_unknown_or_malformed_id_is_a_clear_error(string command, string id, string reason)
    {
        string[] purpose = command == "report" ? ["--purpose", "Review"] : [];
        var result = await _commands.RunAsync(["investigations", command, id, "--by", Secretary, .. purpose]);

        Assert.Contains(reason, AssertRefused(result, "<id>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_that_is_not_ISO_8601_is_refused_before_anything_is_opened()
    {
        var result = await _commands.RunAsync(
            ["investigations", "request", "--by", Manager, "--subject", Researcher, "--purpose", Purpose, "--legal-ground", "Article 6.2",
             "--end", "next friday", "--reader", SecurityOfficer]);

        Assert.Equal("error: --end: 'next friday' is not a date and time (ISO 8601, e.g. 2026-12-01T17:00:00+01:00)", AssertRefused(result, "--end"));
        Assert.False(File.Exists(Path.Combine(_commands.DataDirectory, GovernanceLog.FileName)), "A refused input must not even open the governance log.");
    }

    [Theory]
    [InlineData("request", "--by --subject --purpose --legal-ground --scope --start --end --reader")]
    [InlineData("approve", "<id> --by --defer-disclosure")]
    [InlineData("refuse", "<id> --by --reason")]
    [InlineData("withdraw", "<id> --by --reason")]
    [InlineData("legal-hold", "<id> --by --reason")]
    [InlineData("release-hold", "<id> --by --reason")]
    [InlineData("list", "--by --purpose --json")]
    [InlineData("show", "<id> --by --purpose --json")]
    [InlineData("report", "<id> --by --purpose --json --csv")]
    public async Task Help_lists_the_options_of_each_command(string command, string options)
    {
        var result = await _commands.RunAsync(["investigations", command, "--help"]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.All(options.Split(' '), option => Assert.Contains(option, result.StandardOutput, StringComparison.Ordinal));
    }

    private static string[] Request(string by, string subject, string reader) =>
        ["investigations", "request", "--by", by, "--subject", subject, "--purpose", Purpose, "--legal-ground", "Regulation article 6.2",
         "--scope", "traffic", "--end", Instant(TimeSpan.FromDays(7)), "--reader", reader];

    /// <summary>A traffic investigation of the researcher, requested by their manager, read by the security officer, approved.</summary>
    private async Task<Guid> RequestAndApproveAsync()
    {
        var request = await _commands.RunAsync(Request(Manager, Researcher, SecurityOfficer));
        var id = CreatedId(request, "Requested investigation");
        var approve = await _commands.RunAsync(["investigations", "approve", id.ToString(), "--by", Secretary]);
        Assert.True(approve.ExitCode == 0, approve.Describe());
        return id;
    }
}
