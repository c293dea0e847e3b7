using WebProxy.Policy.Identity;

namespace WebProxy.Policy.Tests.Identity;

/// <summary>A realistic directory, shared by the identity tests.</summary>
internal static class Municipality
{
    /// <summary>The password every person with a password has in <see cref="Json"/>.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// One hash at the test iteration count, computed once: hashing costs time, and a test that needs a fresh hash
    /// makes its own.
    /// </summary>
    public static readonly string PasswordHash = PasswordHasher.Hash(Password, PasswordHasher.MinimumIterations);

    /// <summary>
    /// The municipal secretary at the top; two department managers under her; their teams; the technical architect in
    /// IT; a works council member; the mayor and an alderman (political office holders) outside the civil service.
    /// </summary>
    public static string Json => $$"""
        // The people of the municipality of Voorbeeld.
        {
          "people": [
            { "id": "a.jansen", "name": "Anna Jansen", "roles": ["employee", "municipal-secretary", "manager"], "password": "{{PasswordHash}}" },
            { "id": "p.bakker", "name": "Pieter Bakker", "manager": "a.jansen", "roles": ["employee", "manager"], "password": "{{PasswordHash}}" },
            { "id": "s.visser", "name": "Sanne Visser", "manager": "a.jansen", "roles": ["employee", "manager", "it"] },
            { "id": "j.devries", "name": "Jan de Vries", "manager": "p.bakker", "roles": ["employee"], "password": "{{PasswordHash}}" },
            { "id": "m.smit", "name": "Mohammed Smit", "manager": "p.bakker", "roles": ["employee"], "protected": ["works-council"] },
            { "id": "l.meijer", "name": "Lotte Meijer", "manager": "s.visser", "roles": ["employee", "technical-architect", "it"] },
            { "id": "r.bos", "name": "Ruud Bos", "manager": "s.visser", "roles": ["employee", "privacy-officer"], "protected": ["confidential-role", "mediator"] },
            { "id": "burgemeester", "name": "Eva de Boer", "roles": ["mayor"], "protected": ["political-office-holder"] },
            { "id": "k.mulder", "name": "Kees Mulder", "manager": null, "roles": ["employee"], "protected": ["political-office-holder"], "password": null },
          ],
        }
        """;

    public static PersonDirectory Load() => PersonDirectoryFile.Parse(Json, "people.json");
}
