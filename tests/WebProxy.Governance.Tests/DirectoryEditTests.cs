using System.Text.Json;
using WebProxy.Governance.Tests.Support;
using WebProxy.Policy.Identity;
using WebProxy.Storage;
using static WebProxy.Testing.TestOrganisation;

namespace WebProxy.Governance.Tests;

/// <summary>
/// IT adds, changes and removes people: the file is rewritten and a <c>directory_changed</c> record names the change
/// and the fields, never the password or its hash. Everyone else is refused, and an edit that would break the
/// directory leaves the file as it was.
/// </summary>
public sealed class DirectoryEditTests : IDisposable
{
    private const string NewPassword = "paarse-olifant-op-de-fiets";

    private readonly GovernanceFixture _org = new();

    public void Dispose() => _org.Dispose();

    [Fact]
    public void IT_adds_a_person_to_the_file_with_a_working_password()
    {
        var added = _org.Directory.Put(Actor.Api(ItPerson), "n.nieuw", new PersonRequest("Nina Nieuw", Manager, ["employee"], null, NewPassword));

        Assert.True(added.Succeeded, added.Problem?.ToString());
        var person = FromFile().Find("n.nieuw");
        Assert.NotNull(person);
        Assert.Equal(Manager, person.ManagerId);
        Assert.True(PasswordHasher.Verify(NewPassword, person.PasswordHash));
        Assert.Equal("added", Change("n.nieuw").GetProperty("change").GetString());
    }

    [Fact]
    public void IT_updates_a_person_and_the_record_names_the_changed_fields()
    {
        var updated = _org.Directory.Put(Actor.Api(ItPerson), Colleague,
            new PersonRequest("Eva Visser-de Boer", Manager, ["employee"], null, NewPassword));

        Assert.True(updated.Succeeded, updated.Problem?.ToString());
        Assert.Equal("Eva Visser-de Boer", FromFile().Find(Colleague)!.DisplayName);
        var details = Change(Colleague);
        Assert.Equal("updated", details.GetProperty("change").GetString());
        Assert.Equal(["name", "password"], details.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void IT_removes_a_person_from_the_file()
    {
        var removed = _org.Directory.Remove(Actor.Api(ItPerson), OtherEmployee);

        Assert.True(removed.Succeeded, removed.Problem?.ToString());
        Assert.Null(FromFile().Find(OtherEmployee));
        Assert.Null(_org.State.Directory.Find(OtherEmployee));
        Assert.Equal("removed", Change(OtherEmployee).GetProperty("change").GetString());
    }

    [Fact]
    public void The_record_of_an_added_person_names_the_fields_given()
    {
        _org.Directory.Put(Actor.Api(ItPerson), "n.nieuw", new PersonRequest("Nina Nieuw", Manager, ["employee"], ["mediator"], NewPassword));

        Assert.Equal(["name", "manager", "roles", "protected", "password"],
            Change("n.nieuw").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void A_person_with_a_current_exemption_is_not_removed_so_a_later_namesake_cannot_inherit_it()
    {
        var exemption = _org.GrantResearch(Researcher);

        Refused.With(_org.Directory.Remove(Actor.Api(ItPerson), Researcher), ProblemKind.Conflict, "id");
        Assert.NotNull(FromFile().Find(Researcher));

        Assert.True(_org.Exemptions.Revoke(Actor.Api(Manager), exemption.Id, "leaving").Succeeded);
        Assert.True(_org.Directory.Remove(Actor.Api(ItPerson), Researcher).Succeeded);
    }

    [Fact]
    public void The_subject_of_a_pending_or_recording_investigation_is_not_removed_until_it_ends()
    {
        var investigation = _org.Approved();

        Refused.With(_org.Directory.Remove(Actor.Api(ItPerson), Researcher), ProblemKind.Conflict, "id");

        _org.Clock.Advance(investigation.End - _org.Clock.GetUtcNow());
        Assert.True(_org.Directory.Remove(Actor.Api(ItPerson), Researcher).Succeeded);
    }

    [Fact]
    public void A_file_broken_by_hand_is_not_overwritten_by_an_edit_until_it_is_fixed()
    {
        var path = _org.DirectoryPath;
        var good = File.ReadAllText(path);
        File.WriteAllText(path, good.Replace("\"people\"", "\"peeple\"", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Refused.With(_org.Directory.Put(Actor.Api(ItPerson), "n.nieuw", new PersonRequest("Nina Nieuw", Manager, ["employee"], null, null)),
            ProblemKind.Conflict, "directory");
        Assert.Contains("peeple", File.ReadAllText(path), StringComparison.Ordinal);

        File.WriteAllText(path, good);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(2));
        Assert.True(_org.Directory.Put(Actor.Api(ItPerson), "n.nieuw", new PersonRequest("Nina Nieuw", Manager, ["employee"], null, null)).Succeeded);
    }

    [Fact]
    public void No_record_holds_the_password_or_its_hash()
    {
        _org.Directory.Put(Actor.Api(ItPerson), "n.nieuw", new PersonRequest("Nina Nieuw", Manager, ["employee"], null, NewPassword));
        _org.Directory.Put(Actor.Api(ItPerson), Colleague, new PersonRequest("Eva Visser", Manager, ["employee"], null, NewPassword));

        Assert.Equal(2, _org.Records(GovernanceAction.DirectoryChanged).Count);
        Assert.All(_org.Records(), r =>
        {
            Assert.DoesNotContain(NewPassword, r.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("pbkdf2", r.Details, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData(Manager)]
    [InlineData(PrivacyOfficer)]
    [InlineData(Secretary)]
    public void Only_IT_edits_the_directory(string actor)
    {
        var before = File.ReadAllBytes(_org.DirectoryPath);

        Refused.With(_org.Directory.Put(Actor.Api(actor), Colleague, new PersonRequest("Eva", Manager, ["employee"], null, null)),
            ProblemKind.Forbidden, "actor");
        Refused.With(_org.Directory.Remove(Actor.Api(actor), OtherEmployee), ProblemKind.Forbidden, "actor");

        Assert.Equal(before, File.ReadAllBytes(_org.DirectoryPath));
        Assert.Null(_org.Log.Head());
    }

    [Fact]
    public void A_manager_who_still_manages_people_cannot_be_removed()
    {
        Refused.With(_org.Directory.Remove(Actor.Api(ItPerson), OtherManager), ProblemKind.Conflict, "id");

        Assert.NotNull(FromFile().Find(OtherManager));
    }

    [Theory]
    [InlineData("an unknown role", "roles")]
    [InlineData("a short password", "password")]
    [InlineData("a management cycle", "manager")]
    public void An_invalid_edit_is_refused_and_the_file_stays_byte_for_byte(string edit, string field)
    {
        var (id, request) = edit switch
        {
            "an unknown role" => (Colleague, new PersonRequest("Eva Visser", Manager, ["boss"], null, null)),
            "a short password" => (Colleague, new PersonRequest("Eva Visser", Manager, ["employee"], null, "kort")),
            "a management cycle" => (Manager, new PersonRequest("Marieke Jansen", Researcher, ["employee", "manager"], null, null)),
            _ => throw new ArgumentOutOfRangeException(nameof(edit), edit, "unknown case"),
        };
        var before = File.ReadAllBytes(_org.DirectoryPath);

        Refused.With(_org.Directory.Put(Actor.Api(ItPerson), id, request), ProblemKind.Invalid, field);

        Assert.Equal(before, File.ReadAllBytes(_org.DirectoryPath));
        Assert.Null(_org.Log.Head());
    }

    private PersonDirectory FromFile() => PersonDirectoryFile.Parse(File.ReadAllText(_org.DirectoryPath), _org.DirectoryPath);

    private JsonElement Change(string subject)
    {
        var record = Assert.Single(_org.Records(GovernanceAction.DirectoryChanged));
        Assert.Equal((ItPerson, subject), (record.Actor, record.Subject));
        var details = JsonDocument.Parse(record.Details).RootElement;
        Assert.Equal("api", details.GetProperty("via").GetString());
        return details;
    }
}
