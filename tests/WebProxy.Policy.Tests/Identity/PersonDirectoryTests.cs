using WebProxy.Policy.Identity;

namespace WebProxy.Policy.Tests.Identity;

public sealed class PersonDirectoryTests
{
    private static readonly PersonDirectory Directory = Municipality.Load();

    [Fact]
    public void People_are_found_by_id_with_their_roles_and_protected_roles()
    {
        Assert.Equal(9, Directory.People.Count);
        Assert.True(Directory.TryGet("m.smit", out var smit));
        Assert.Equal("Mohammed Smit", smit.DisplayName);
        Assert.Equal("p.bakker", smit.ManagerId);
        Assert.Equal([Role.Employee], smit.Roles);
        Assert.Equal(ProtectedRole.WorksCouncil, smit.ProtectedRoles);
        Assert.True(smit.HasProtectedRole(ProtectedRole.WorksCouncil));
        Assert.False(smit.HasPassword);

        var architect = Directory.Find("l.meijer")!;
        Assert.True(architect.HasRole(Role.TechnicalArchitect));
        Assert.False(architect.HasRole(Role.Manager));

        var alderman = Directory.Find("k.mulder")!;
        Assert.Null(alderman.ManagerId);
        Assert.True(alderman.HasProtectedRole(ProtectedRole.PoliticalOfficeHolder));
        Assert.Null(alderman.PasswordHash);
        Assert.Equal(ProtectedRole.OtherConfidentialRole | ProtectedRole.Mediator, Directory.Find("r.bos")!.ProtectedRoles);
    }

    [Fact]
    public void Lookups_are_exact_so_an_upper_case_or_unknown_id_finds_nobody()
    {
        Assert.False(Directory.TryGet("J.DeVries", out _));
        Assert.Null(Directory.Find("nobody"));
        Assert.Null(Directory.ManagerOf("nobody"));
        Assert.Empty(Directory.LineOf("nobody"));
    }

    [Fact]
    public void ManagerOf_is_the_direct_manager_and_null_at_the_top()
    {
        Assert.Equal("p.bakker", Directory.ManagerOf("j.devries")!.Id);
        Assert.Equal("a.jansen", Directory.ManagerOf("p.bakker")!.Id);
        Assert.Null(Directory.ManagerOf("a.jansen"));
        Assert.Null(Directory.ManagerOf("burgemeester"));
    }

    [Fact]
    public void The_line_of_management_runs_up_to_the_municipal_secretary()
    {
        Assert.Equal(["p.bakker", "a.jansen"], Directory.LineOf("j.devries").Select(p => p.Id));
        Assert.True(Directory.IsInLineOf("j.devries", "p.bakker"));
        Assert.True(Directory.IsInLineOf("j.devries", "a.jansen"));
    }

    [Fact]
    public void Nobody_is_in_their_own_line_nor_in_the_line_of_a_peer_or_a_subordinate()
    {
        Assert.False(Directory.IsInLineOf("j.devries", "j.devries"));
        Assert.False(Directory.IsInLineOf("j.devries", "s.visser"));
        Assert.False(Directory.IsInLineOf("j.devries", "m.smit"));
        Assert.False(Directory.IsInLineOf("p.bakker", "j.devries"));
        Assert.False(Directory.IsInLineOf("k.mulder", "a.jansen"));
        Assert.False(Directory.IsInLineOf("nobody", "a.jansen"));
    }

    [Fact]
    public void A_team_is_the_direct_reports_in_file_order()
    {
        Assert.Equal(["p.bakker", "s.visser"], Directory.Team("a.jansen").Select(p => p.Id));
        Assert.Equal(["j.devries", "m.smit"], Directory.Team("p.bakker").Select(p => p.Id));
        Assert.Empty(Directory.Team("j.devries"));
        Assert.Empty(Directory.Team("nobody"));
    }

    [Fact]
    public void Create_rejects_a_management_cycle_and_names_the_person_and_the_cycle()
    {
        var e = Assert.Throws<PersonDirectoryException>(() => PersonDirectory.Create(
        [
            Person("a", manager: "c"),
            Person("b", manager: "a"),
            Person("c", manager: "b"),
        ]));
        Assert.Equal("people[0].manager: person 'a': management cycle a -> c -> b -> a", e.Message);
        Assert.Equal(0, e.Line);
        Assert.Equal(string.Empty, e.FileName);
    }

    [Fact]
    public void Create_rejects_someone_who_manages_themselves()
    {
        var e = Assert.Throws<PersonDirectoryException>(() => PersonDirectory.Create([Person("a", manager: "a")]));
        Assert.Equal("people[0].manager: person 'a': management cycle a -> a", e.Message);
    }

    [Fact]
    public void Create_rejects_a_person_whose_line_runs_into_a_cycle_above_them()
    {
        var e = Assert.Throws<PersonDirectoryException>(() => PersonDirectory.Create(
            [Person("x", manager: "a"), Person("a", manager: "b"), Person("b", manager: "a")]));
        Assert.Equal("people[0].manager: person 'x': the line of management runs into the cycle a -> b -> a", e.Message);
    }

    [Theory]
    [InlineData("A.Jansen", "id", "'A.Jansen' is not a person id")]
    [InlineData("a jansen", "id", "'a jansen' is not a person id")]
    [InlineData("", "id", "'' is not a person id")]
    [InlineData("local-administrator", "id", "'local-administrator' is reserved")]
    [InlineData("system", "id", "'system' is reserved")]
    [InlineData("unknown", "id", "'unknown' is reserved")]
    public void Create_rejects_ids_that_are_not_lower_case_tokens_or_are_reserved_for_the_log(string id, string field, string problem)
    {
        var e = Assert.Throws<PersonDirectoryException>(() => PersonDirectory.Create([Person(id)]));
        Assert.Equal($"people[0].{field}", e.Field);
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_rejects_duplicate_ids_unknown_managers_no_roles_undefined_roles_and_bad_hashes()
    {
        void Rejects(string expected, params Person[] people) =>
            Assert.Equal(expected, Assert.Throws<PersonDirectoryException>(() => PersonDirectory.Create(people)).Message);

        Rejects("people[1].id: 'a' is already the id of people[0]", Person("a"), Person("a"));
        Rejects("people[0].manager: person 'a': manager 'zz' is not in the directory", Person("a", manager: "zz"));
        Rejects("people[0].roles: person 'a': at least one role is required", Person("a") with { Roles = new HashSet<Role>() });
        Rejects("people[0].roles: person 'a': unknown role 42", Person("a") with { Roles = new HashSet<Role> { (Role)42 } });
        Rejects("people[0].protected: person 'a': unknown protected role 64", Person("a") with { ProtectedRoles = (ProtectedRole)64 });
        Rejects("people[0].name: person 'a': the name must not be empty", Person("a") with { DisplayName = " " });
        Rejects($"people[0].password: person 'a': not a password hash of the form {PasswordHasher.FormatDescription}",
            Person("a") with { PasswordHash = "plain-text" });
    }

    [Fact]
    public void Edits_return_a_new_validated_directory_and_leave_the_old_one_unchanged()
    {
        var added = Directory.WithPerson(Person("n.nieuw", manager: "p.bakker"));
        Assert.Equal(["j.devries", "m.smit", "n.nieuw"], added.Team("p.bakker").Select(p => p.Id));
        Assert.Null(Directory.Find("n.nieuw"));

        var moved = added.WithPerson(added.Find("n.nieuw")! with { ManagerId = "s.visser" });
        Assert.Equal(10, moved.People.Count);
        Assert.True(moved.IsInLineOf("n.nieuw", "s.visser"));

        Assert.Null(moved.WithoutPerson("n.nieuw").Find("n.nieuw"));
        var e = Assert.Throws<PersonDirectoryException>(() => Directory.WithoutPerson("p.bakker"));
        Assert.Contains("manager 'p.bakker' is not in the directory", e.Message, StringComparison.Ordinal);
        Assert.Throws<PersonDirectoryException>(() => Directory.WithPerson(Directory.Find("a.jansen")! with { ManagerId = "j.devries" }));
        Assert.Throws<KeyNotFoundException>(() => Directory.WithoutPerson("nobody"));
    }

    [Fact]
    public void A_person_prints_only_the_id_so_logs_do_not_leak_names_or_hashes()
    {
        var person = Directory.Find("j.devries")!;
        Assert.Equal("Person { Id = j.devries }", person.ToString());
    }

    [Fact]
    public void Role_names_are_stable_and_lower_case()
    {
        Assert.Equal(
            ["employee", "manager", "technical-architect", "municipal-secretary", "mayor", "privacy-officer", "security-officer", "it"],
            RoleNames.All.Select(RoleNames.Name));
        Assert.Equal(
            ["works-council", "go-member", "mediator", "company-doctor", "confidential-role", "political-office-holder"],
            ProtectedRoleNames.All.Select(ProtectedRoleNames.Name));
        Assert.True(RoleNames.TryParse("technical-architect", out var role));
        Assert.Equal(Role.TechnicalArchitect, role);
        Assert.False(RoleNames.TryParse("Manager", out _));
        Assert.False(ProtectedRoleNames.TryParse(null, out _));
        Assert.Equal(["go-member", "company-doctor"], ProtectedRoleNames.NamesOf(ProtectedRole.CompanyDoctor | ProtectedRole.GoMember));
    }

    private static Person Person(string id, string? manager = null) =>
        new(id, "Name of " + id, manager, new HashSet<Role> { Role.Employee }, ProtectedRole.None, null);
}
