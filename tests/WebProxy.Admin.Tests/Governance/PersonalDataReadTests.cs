using System.Net;
using System.Text.Json;
using WebProxy.Testing;

namespace WebProxy.Admin.Tests.Governance;

/// <summary>
/// Article 4.3: every API call that reads someone else's data writes one <c>personal_data_read</c> record per person
/// read about, with the actor and the purpose the caller stated. Read back through <c>GET /api/log</c> as the privacy
/// officer. Reading only one's own data needs no purpose and leaves no record.
/// </summary>
public sealed class PersonalDataReadTests
{
    /// <summary>(case, caller, path without the purpose, whom the read is about; null: whoever the answer names).</summary>
    public static TheoryData<string, string, string, string[]?> Reads => new()
    {
        { "a manager lists the directory", "m.jansen", "/api/directory", ["r.bakker", "w.raad"] },
        { "a manager reads a team member", "m.jansen", "/api/directory/r.bakker", ["r.bakker"] },
        { "IT lists the directory", "i.t", "/api/directory", ["secretary", "m.jansen", "r.bakker", "w.raad", "o.dekker", "p.smit", "t.arch", "p.officer", "s.officer", "mayor"] },
        { "an architect reads a works-council member", "t.arch", "/api/directory/w.raad", ["w.raad"] },
        { "the secretary lists exemptions", "secretary", "/api/exemptions", ["o.dekker", "r.bakker"] },
        { "a manager lists exemptions of one subject", "m.jansen", "/api/exemptions?subject=r.bakker", ["r.bakker"] },
        { "the privacy officer reads an exemption", "p.officer", "/api/exemptions/{research}", ["r.bakker"] },
        { "the architect reads an exemption it granted", "t.arch", "/api/exemptions/{size}", ["o.dekker"] },
        { "the security officer reads the log", "s.officer", "log", null },
        { "the privacy officer reads the log about a works-council member", "p.officer", "log:w.raad", ["w.raad"] },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_of_someone_elses_data_is_recorded_with_its_purpose(string name, string caller, string path, string[]? about)
    {
        await using var server = await GovernanceServer.StartAsync();
        var research = await server.GrantResearchAsync();
        var size = await server.GrantSizeAsync();
        await server.GetJsonAsync(TestOrganisation.Manager, "/api/directory/w.raad?purpose=preparing the team meeting");
        var purpose = $"{name}: complaint 2026-{Guid.NewGuid():N}";

        var answer = await server.GetJsonAsync(caller, WithPurpose(path, purpose, research, size));

        var expected = about ?? [.. answer.EnumerateArray()
            .Select(r => r.GetProperty("subject").GetString())
            .OfType<string>()
            .Where(s => s != caller)
            .Distinct()];
        Assert.NotEmpty(expected);
        var reads = (await server.ReadLogAsync())
            .Where(r => r.GetProperty("purpose").GetString() == purpose)
            .ToArray();
        Assert.All(reads, r =>
        {
            Assert.Equal("personal_data_read", GovernanceServer.ActionOf(r));
            Assert.Equal(caller, r.GetProperty("actor").GetString());
            using var details = JsonDocument.Parse(r.GetProperty("details").GetString()!);
            Assert.Equal("api", details.RootElement.GetProperty("via").GetString());
        });
        Assert.Equal(expected.Order(StringComparer.Ordinal), reads.Select(r => r.GetProperty("subject").GetString()).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string> OwnData => new()
    {
        { "r.bakker", "/api/me" },
        { "r.bakker", "/api/directory" },
        { "r.bakker", "/api/directory/r.bakker" },
        { "r.bakker", "/api/exemptions" },
        { "r.bakker", "/api/exemptions/{research}" },
        { "w.raad", "/api/exemptions" },
    };

    [Theory]
    [MemberData(nameof(OwnData))]
    public async Task Reading_only_ones_own_data_needs_no_purpose_and_leaves_no_record(string caller, string path)
    {
        await using var server = await GovernanceServer.StartAsync();
        var research = await server.GrantResearchAsync();
        await server.SignInAsync(caller);
        await server.SignInAsync(TestOrganisation.ItPerson);
        var recordsBefore = await server.LogCountAsync();

        await server.GetJsonAsync(caller, path.Replace("{research}", research.ToString(), StringComparison.Ordinal));

        Assert.Equal(recordsBefore, await server.LogCountAsync());
    }

    [Fact]
    public async Task A_read_that_is_refused_is_not_recorded()
    {
        await using var server = await GovernanceServer.StartAsync();
        await server.SignInAsync(TestOrganisation.OtherManager);
        await server.SignInAsync(TestOrganisation.ItPerson);
        var recordsBefore = await server.LogCountAsync();

        using var response = await server.GetAsync(TestOrganisation.OtherManager, "/api/directory/r.bakker?purpose=curious");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(recordsBefore, await server.LogCountAsync());
    }

    [Fact]
    public async Task Log_records_name_their_action_with_the_stored_name()
    {
        await using var server = await GovernanceServer.StartAsync();
        await server.GetJsonAsync(TestOrganisation.Manager, "/api/directory/r.bakker?purpose=team review");

        var records = await server.ReadLogAsync();

        // The stored names are the log's vocabulary (README, `webproxy log`); an enum number would tie API clients to
        // the order of a C# enum, which the storage layer deliberately avoids.
        var actions = records.Select(r => r.GetProperty("action")).ToArray();
        Assert.All(actions, a => Assert.Equal(JsonValueKind.String, a.ValueKind));
        Assert.Contains(actions, a => a.ValueKind == JsonValueKind.String && a.GetString() == "personal_data_read");
    }

    private static string WithPurpose(string path, string purpose, Guid research, Guid size)
    {
        var escaped = Uri.EscapeDataString(purpose);
        return path switch
        {
            "log" => GovernanceServer.LogPath(purpose),
            "log:w.raad" => GovernanceServer.LogPath(purpose, "w.raad"),
            _ => path.Replace("{research}", research.ToString(), StringComparison.Ordinal).Replace("{size}", size.ToString(), StringComparison.Ordinal)
                + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "purpose=" + escaped,
        };
    }
}
