using WebProxy.Policy.Identity;

namespace WebProxy.Policy.Tests.Identity;

public sealed class PersonDirectoryFileTests
{
    [Fact]
    public void Write_then_Parse_gives_the_same_directory_and_the_same_text()
    {
        var directory = Municipality.Load();
        var text = PersonDirectoryFile.Write(directory);
        var again = PersonDirectoryFile.Parse(text, "people.json");

        Assert.Equal(directory.People, again.People);
        Assert.Equal(text, PersonDirectoryFile.Write(again));
        Assert.DoesNotContain("\"manager\": null", text, StringComparison.Ordinal);
        Assert.Contains("\"protected\": [\n        \"mediator\",\n        \"confidential-role\"\n      ]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_keeps_non_ascii_names_readable()
    {
        var directory = PersonDirectory.Create(
            [new Person("o.ozturk", "Özlem Öztürk", null, new HashSet<Role> { Role.Employee }, ProtectedRole.None, null)]);
        var text = PersonDirectoryFile.Write(directory);
        Assert.Contains("Özlem Öztürk", text, StringComparison.Ordinal);
        Assert.Equal("Özlem Öztürk", PersonDirectoryFile.Parse(text, "p.json").Find("o.ozturk")!.DisplayName);
    }

    [Fact]
    public void An_empty_list_is_an_empty_directory()
    {
        Assert.Empty(PersonDirectoryFile.Parse("""{ "people": [] }""", "p.json").People);
    }

    // Each malformed file: the line the error must name (1-based) and the exact message after the file name.
    [Theory]
    [InlineData("{ \"people\": [ {\n\"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"], \"email\": \"x\" } ] }",
        "line 2, people[0].email: unknown field 'email'; expected id, manager, name, password, protected, roles")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\",\n\"roles\": [\"employee\",\n\"boss\"] } ] }",
        "line 3, people[0].roles[1]: person 'a': unknown role 'boss'; expected one of employee, manager, technical-architect, municipal-secretary, mayor, privacy-officer, security-officer, it")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\",\n\"roles\": [\"employee\", \"Employee\"] } ] }",
        "line 2, people[0].roles[1]: person 'a': unknown role 'Employee'; expected one of employee, manager, technical-architect, municipal-secretary, mayor, privacy-officer, security-officer, it")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\", \"employee\"] } ] }",
        "line 1, people[0].roles[1]: person 'a': role 'employee' is listed twice")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"],\n\"protected\": [\"union\"] } ] }",
        "line 2, people[0].protected[0]: person 'a': unknown protected role 'union'; expected one of works-council, go-member, mediator, company-doctor, confidential-role, political-office-holder")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"], \"protected\": [\"mediator\", \"mediator\"] } ] }",
        "line 1, people[0].protected[1]: person 'a': protected role 'mediator' is listed twice")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\",\n\"roles\": [] } ] }",
        "line 2, people[0].roles: person 'a': at least one role is required")]
    [InlineData("{ \"people\": [ { \"id\": \"a\",\n\"name\": \"A\" } ] }",
        "line 1, people[0].roles: person 'a': the field is missing (at least one role)")]
    [InlineData("{ \"people\": [\n{ \"name\": \"A\", \"roles\": [\"employee\"] } ] }",
        "line 2, people[0].id: the field is missing")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"] },\n{ \"id\": \"b\",\n\"name\": 7, \"roles\": [\"employee\"] } ] }",
        "line 3, people[1].name: must be a non-empty string")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"] },\n{ \"id\": \"a\", \"name\": \"B\", \"roles\": [\"employee\"] } ] }",
        "line 2, people[1].id: 'a' is already the id of people[0]")]
    [InlineData("{ \"people\": [ { \"id\": \"Jan\", \"name\": \"A\", \"roles\": [\"employee\"] } ] }",
        "line 1, people[0].id: 'Jan' is not a person id (lower-case letters, digits, '.', '_', '-')")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"] },\n{ \"id\": \"b\", \"name\": \"B\",\n  \"manager\": \"zz\", \"roles\": [\"employee\"] } ] }",
        "line 3, people[1].manager: person 'b': manager 'zz' is not in the directory")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"manager\": \"b\", \"roles\": [\"employee\"] },\n{ \"id\": \"b\", \"name\": \"B\", \"manager\": \"a\", \"roles\": [\"employee\"] } ] }",
        "line 1, people[0].manager: person 'a': management cycle a -> b -> a")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"],\n\"password\": \"secret\" } ] }",
        "line 2, people[0].password: person 'a': not a password hash of the form pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": [\"employee\"],\n\"manager\": 3 } ] }",
        "line 2, people[0].manager: must be a non-empty string or null")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"id\": \"b\", \"name\": \"A\", \"roles\": [\"employee\"] } ] }",
        "line 1, people[0].id: duplicate field 'id'")]
    [InlineData("{ \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"roles\": \"employee\" } ] }",
        "line 1, people[0].roles: must be an array")]
    [InlineData("{ \"people\": [\n\"a\" ] }",
        "line 2, people[0]: must be an object")]
    [InlineData("{ \"persons\": [] }",
        "line 1, persons: unknown field 'persons'; expected people")]
    [InlineData("{\n}",
        "line 1, people: the field is missing")]
    [InlineData("[]",
        "line 1, document: must be an object")]
    public void A_malformed_file_names_the_file_the_line_and_the_field(string json, string expected)
    {
        var e = Assert.Throws<PersonDirectoryException>(() => PersonDirectoryFile.Parse(json, "data/people.json"));
        Assert.Equal("data/people.json, " + expected, e.Message);
        Assert.Equal("data/people.json", e.FileName);
        Assert.True(e.Line >= 1);
    }

    [Fact]
    public void Invalid_json_names_the_line_of_the_syntax_error()
    {
        var e = Assert.Throws<PersonDirectoryException>(() => PersonDirectoryFile.Parse("{\n  \"people\": [\n    { \"id\": }\n] }", "p.json"));
        Assert.StartsWith("p.json, line 3, document: not valid JSON:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_of_two_duplicate_fields_is_the_line_named()
    {
        var e = Assert.Throws<PersonDirectoryException>(() =>
            PersonDirectoryFile.Parse("{ \"people\": [ {\n\"id\": \"a\",\n\"name\": \"A\",\n\"id\": \"b\", \"roles\": [\"employee\"] } ] }", "p.json"));
        Assert.Equal("p.json, line 4, people[0].id: duplicate field 'id'", e.Message);
    }

    [Fact]
    public void Comments_trailing_commas_a_byte_order_mark_and_explicit_nulls_are_accepted()
    {
        var directory = PersonDirectoryFile.Parse(
            "\uFEFF/* people */ { \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"manager\": null, \"roles\": [\"it\",], \"protected\": null, \"password\": null, }, ], }",
            "p.json");
        var person = directory.Find("a")!;
        Assert.Equal((null, ProtectedRole.None, null), (person.ManagerId, person.ProtectedRoles, person.PasswordHash));
    }
}
