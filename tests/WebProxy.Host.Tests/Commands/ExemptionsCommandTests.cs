using System.Text.Json;
using WebProxy.Policy.Exemptions;
using WebProxy.Storage;
using WebProxy.Testing;
using static WebProxy.Host.Tests.Commands.GovernanceCommands;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Host.Tests.Commands;

/// <summary>
/// <c>webproxy exemptions grant|revoke|list</c> on a real data folder: the rules of article 5.4 as the admin API
/// applies them (the same service), refusals as one line naming the option with exit code 1, and nothing stored
/// when refused.
/// </summary>
public sealed class ExemptionsCommandTests : IDisposable
{
    private readonly GovernanceCommands _commands = new();

    public ExemptionsCommandTests() => TestOrganisation.WriteTo(_commands.DataDirectory);

    public void Dispose() => _commands.Dispose();

    [Fact]
    public async Task The_direct_manager_grants_a_research_exemption_and_list_shows_it()
    {
        var end = Instant(TimeSpan.FromDays(30));

        var grant = await _commands.RunAsync(
            ["exemptions", "grant", "research", "--by", Manager, "--subject", Researcher, "--category", "adult", "--category", "gambling",
             "--end", end, "--reason", "Fraud investigation 2026-17"]);

        Assert.True(grant.ExitCode == 0, grant.Describe());
        var id = GrantedId(grant);
        Assert.Contains("adult, gambling", grant.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("within a second", grant.StandardOutput, StringComparison.Ordinal);
        var stored = Assert.IsType<ResearchExemption>(Assert.Single(_commands.StoredExemptions()));
        Assert.Equal((id, Researcher, Manager), (stored.Id, stored.SubjectId, stored.GrantedBy));
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), stored.End);
        var record = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.ExemptionGranted);
        Assert.Equal(Manager, record.Actor);
        Assert.Contains("\"via\":\"cli\"", record.Details, StringComparison.Ordinal);

        var list = await _commands.RunAsync(["exemptions", "list", "--by", Manager, "--purpose", "Weekly review of my team"]);

        Assert.True(list.ExitCode == 0, list.Describe());
        var row = Assert.Single(list.StandardOutput.Split('\n'), l => l.StartsWith(id.ToString(), StringComparison.Ordinal));
        Assert.Contains("research", row, StringComparison.Ordinal);
        Assert.Contains(Researcher, row, StringComparison.Ordinal);
        Assert.Contains("adult, gambling", row, StringComparison.Ordinal);
        Assert.EndsWith("active", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_by_someone_elses_manager_is_refused_naming_by_and_stores_nothing()
    {
        var result = await _commands.RunAsync(
            ["exemptions", "grant", "research", "--by", OtherManager, "--subject", Researcher, "--category", "adult",
             "--end", Instant(TimeSpan.FromDays(7)), "--reason", "Curiosity"]);

        var line = AssertRefused(result, "--by");
        Assert.Contains("direct manager", line, StringComparison.Ordinal);
        Assert.Empty(_commands.StoredExemptions());
        Assert.Empty(_commands.Records());
    }

    [Theory]
    [InlineData("--category", "porn", "unknown category 'porn'")]
    [InlineData("--end", "end-before-start", "must be after the start")]
    [InlineData("--end", "longer-than-90-days", "the maximum is 90 days")]
    [InlineData("--reason", "blank-reason", "a reason is required")]
    [InlineData("--subject", "unknown-subject", "'n.nobody' is not in the directory")]
    public async Task An_invalid_research_grant_is_refused_naming_the_option_and_stores_nothing(string option, string mistake, string reason)
    {
        var (category, start, end, why, subject) = mistake switch
        {
            "porn" => ("porn", (string?)null, Instant(TimeSpan.FromDays(7)), "Investigation", Researcher),
            "end-before-start" => ("adult", Instant(TimeSpan.FromDays(2)), Instant(TimeSpan.FromDays(1)), "Investigation", Researcher),
            "longer-than-90-days" => ("adult", null, Instant(TimeSpan.FromDays(91)), "Investigation", Researcher),
            "blank-reason" => ("adult", null, Instant(TimeSpan.FromDays(7)), " ", Researcher),
            _ => ("adult", null, Instant(TimeSpan.FromDays(7)), "Investigation", "n.nobody"),
        };
        string[] startOption = start is null ? [] : ["--start", start];

        var result = await _commands.RunAsync(
            ["exemptions", "grant", "research", "--by", Manager, "--subject", subject, "--category", category, .. startOption,
             "--end", end, "--reason", why]);

        var line = AssertRefused(result, option);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Empty(_commands.StoredExemptions());
    }

    [Theory]
    [InlineData("--end", "tomorrow")]
    [InlineData("--start", "1-12-2026 17:00 CET")]
    public async Task A_date_that_is_not_ISO_8601_is_refused_with_exit_code_1_and_an_example(string option, string text)
    {
        string[] period = option == "--end" ? ["--end", text] : ["--start", text, "--end", Instant(TimeSpan.FromDays(7))];

        var result = await _commands.RunAsync(
            ["exemptions", "grant", "research", "--by", Manager, "--subject", Researcher, "--category", "adult", .. period, "--reason", "Investigation"]);

        var line = AssertRefused(result, option);
        Assert.Equal($"error: {option}: '{text}' is not a date and time (ISO 8601, e.g. 2026-12-01T17:00:00+01:00)", line);
        Assert.False(File.Exists(Path.Combine(_commands.DataDirectory, GovernanceLog.FileName)), "A refused input must not even open the governance log.");
    }

    [Fact]
    public async Task The_grantor_revokes_and_list_shows_it_revoked_and_the_log_stays_intact()
    {
        var grant = await _commands.RunAsync(
            ["exemptions", "grant", "research", "--by", Manager, "--subject", Researcher, "--category", "hate",
             "--end", Instant(TimeSpan.FromDays(14)), "--reason", "Monitoring hate speech reports"]);
        var id = GrantedId(grant);

        var otherManager = await _commands.RunAsync(["exemptions", "revoke", id.ToString(), "--by", OtherManager]);
        AssertRefused(otherManager, "<id>");

        var revoke = await _commands.RunAsync(["exemptions", "revoke", id.ToString(), "--by", Manager, "--reason", "Investigation closed"]);

        Assert.True(revoke.ExitCode == 0, revoke.Describe());
        Assert.Contains("revoked", revoke.StandardOutput, StringComparison.Ordinal);
        var again = await _commands.RunAsync(["exemptions", "revoke", id.ToString(), "--by", Manager]);
        Assert.Contains("already revoked", AssertRefused(again, "<id>"), StringComparison.Ordinal);

        var list = await _commands.RunAsync(["exemptions", "list", "--by", Researcher, "--json"]);
        Assert.True(list.ExitCode == 0, list.Describe());
        using var json = JsonDocument.Parse(list.StandardOutput);
        var exemption = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(id.ToString(), exemption.GetProperty("id").GetString());
        Assert.Equal("revoked", exemption.GetProperty("state").GetString());
        Assert.Equal(Manager, exemption.GetProperty("revokedBy").GetString());
        var revoked = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.ExemptionRevoked);
        // The reason is kept as its hash only: the log is never deleted (article 7.1).
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Investigation closed"u8)), revoked.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Investigation closed", revoked.Details, StringComparison.Ordinal);

        var verify = await _commands.RunAsync(["log", "verify"]);
        Assert.True(verify.ExitCode == 0, verify.Describe());
    }

    [Fact]
    public async Task Size_exemptions_are_granted_by_a_technical_architect_only_with_an_explicit_limit()
    {
        string[] common = ["--subject", Researcher, "--end", Instant(TimeSpan.FromDays(3)), "--reason", "GIS data exchange, consultation 2026-04"];

        AssertRefused(await _commands.RunAsync(["exemptions", "grant", "size", "--by", Manager, "--max-bytes", "5368709120", .. common]), "--by");
        AssertRefused(await _commands.RunAsync(["exemptions", "grant", "size", "--by", Architect, .. common]), "--max-bytes");
        AssertRefused(await _commands.RunAsync(["exemptions", "grant", "size", "--by", Architect, "--max-bytes", "5 GB", .. common]), "--max-bytes");
        AssertRefused(await _commands.RunAsync(["exemptions", "grant", "size", "--by", Architect, "--max-bytes", "0", .. common]), "--max-bytes");
        Assert.Empty(_commands.StoredExemptions());

        var grant = await _commands.RunAsync(["exemptions", "grant", "size", "--by", Architect, "--max-bytes", "5368709120", .. common]);

        Assert.True(grant.ExitCode == 0, grant.Describe());
        Assert.Contains("5368709120 bytes", grant.StandardOutput, StringComparison.Ordinal);
        var stored = Assert.IsType<SizeExemption>(Assert.Single(_commands.StoredExemptions()));
        Assert.Equal(5_368_709_120L, stored.MaxBytes);
    }

    [Fact]
    public async Task Listing_other_peoples_exemptions_needs_a_purpose_and_exemptions_need_a_person_acting()
    {
        await _commands.RunAsync(
            ["exemptions", "grant", "research", "--by", Manager, "--subject", Researcher, "--category", "chat",
             "--end", Instant(TimeSpan.FromDays(5)), "--reason", "Chat moderation audit"]);
        var before = _commands.Records().Count;

        var withoutPurpose = await _commands.RunAsync(["exemptions", "list", "--by", Manager]);
        Assert.Contains("purpose", AssertRefused(withoutPurpose, "--purpose"), StringComparison.Ordinal);
        Assert.Equal(before, _commands.Records().Count);

        var withoutBy = await _commands.RunAsync(["exemptions", "list", "--purpose", "Review"]);
        AssertRefused(withoutBy, "--by");

        var withPurpose = await _commands.RunAsync(["exemptions", "list", "--by", Manager, "--active", "--purpose", "Review"]);
        Assert.True(withPurpose.ExitCode == 0, withPurpose.Describe());
        var read = Assert.Single(_commands.Records(), r => r.Action == GovernanceAction.PersonalDataRead);
        Assert.Equal((Manager, Researcher, "Review"), (read.Actor, read.Subject, read.Purpose));
    }
}
