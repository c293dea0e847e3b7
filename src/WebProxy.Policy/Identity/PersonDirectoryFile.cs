using System.Collections.Frozen;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WebProxy.Policy.Json;

namespace WebProxy.Policy.Identity;

/// <summary>
/// The directory file (<c>people.json</c> in the data folder). Text in, text out: reading and writing the file is the
/// caller's job, so the admin API and the CLI edit the directory in memory and save the text atomically.
/// <code>
/// // comments and trailing commas are allowed; unknown fields are errors
/// {
///   "people": [
///     { "id": "a.jansen", "name": "Anna Jansen", "roles": ["employee", "municipal-secretary"],
///       "password": "pbkdf2-sha256$600000$&lt;salt base64&gt;$&lt;hash base64&gt;" },
///     { "id": "p.bakker", "name": "Pieter Bakker", "manager": "a.jansen", "roles": ["employee", "manager"],
///       "protected": ["works-council"] }
///   ]
/// }
/// </code>
/// <c>id</c>, <c>name</c> and <c>roles</c> (at least one) are required; <c>manager</c> (absent or null at the top),
/// <c>protected</c> and <c>password</c> (absent or null: the person cannot authenticate) are optional. Role and
/// protected-role names are those of <see cref="RoleNames"/> and <see cref="ProtectedRoleNames"/>, exact and lower-case.
/// </summary>
public static class PersonDirectoryFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Names such as "Jan de Vries-Ötztürk" stay readable; the file is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly FrozenSet<string> RootFields = FrozenSet.Create(StringComparer.Ordinal, "people");

    private static readonly FrozenSet<string> PersonFields =
        FrozenSet.Create(StringComparer.Ordinal, "id", "name", "manager", "roles", "protected", "password");

    /// <summary>Parses and validates a directory file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="fileName">How errors name the file, e.g. <c>data/people.json</c>.</param>
    /// <exception cref="PersonDirectoryException">The file is not valid; the message names the file, the line and the field.</exception>
    public static PersonDirectory Parse(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        var bytes = Encoding.UTF8.GetBytes(json.StartsWith('\uFEFF') ? json[1..] : json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new PersonDirectoryException(fileName, (int)(e.LineNumber ?? 0) + 1, string.Empty, "not valid JSON: " + e.Message, e);
        }

        using (document)
        {
            var lines = new JsonLineMap(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var parser = new Parser(fileName, lines);
            var people = parser.Read(document.RootElement);
            if (PersonDirectory.FindProblem(people) is { } problem)
            {
                throw parser.Error($"people[{problem.Index}].{problem.Field}", problem.Text);
            }

            return PersonDirectory.Create(people);
        }
    }

    /// <summary>
    /// The directory as file text, in the format <see cref="Parse"/> reads: people in directory order, roles in
    /// declaration order, optional fields left out when empty. <c>Parse(Write(d))</c> equals <c>d</c>.
    /// </summary>
    public static string Write(PersonDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("people");
            foreach (var person in directory.People)
            {
                writer.WriteStartObject();
                writer.WriteString("id", person.Id);
                writer.WriteString("name", person.DisplayName);
                if (person.ManagerId is not null)
                {
                    writer.WriteString("manager", person.ManagerId);
                }

                writer.WriteStartArray("roles");
                foreach (var role in RoleNames.All.Where(person.Roles.Contains))
                {
                    writer.WriteStringValue(RoleNames.Name(role));
                }

                writer.WriteEndArray();
                if (person.ProtectedRoles != ProtectedRole.None)
                {
                    writer.WriteStartArray("protected");
                    foreach (var name in ProtectedRoleNames.NamesOf(person.ProtectedRoles))
                    {
                        writer.WriteStringValue(name);
                    }

                    writer.WriteEndArray();
                }

                if (person.PasswordHash is not null)
                {
                    writer.WriteString("password", person.PasswordHash);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private sealed class Parser(string fileName, JsonLineMap lines)
    {
        private readonly StrictJsonObjects _json = new((path, problem, occurrence) => new PersonDirectoryException(fileName, lines.LineOf(path, occurrence), path, problem));

        public List<Person> Read(JsonElement root)
        {
            var fields = _json.Fields(root, string.Empty, RootFields);
            if (!fields.TryGetValue("people", out var people))
            {
                throw Error("people", "the field is missing");
            }

            var result = new List<Person>();
            foreach (var (entry, path) in _json.Items(people, "people"))
            {
                result.Add(ReadPerson(entry, path));
            }

            return result;
        }

        public PersonDirectoryException Error(string path, string problem, int occurrence = 0) =>
            new(fileName, lines.LineOf(path, occurrence), path, problem);

        private Person ReadPerson(JsonElement entry, string path)
        {
            var fields = _json.Fields(entry, path, PersonFields);
            var id = _json.Text(fields, path, "id", required: true, nullable: false)!;
            var name = _json.Text(fields, path, "name", required: true, nullable: false)!;
            var manager = _json.Text(fields, path, "manager", required: false, nullable: true);
            var password = _json.Text(fields, path, "password", required: false, nullable: true);

            if (!fields.TryGetValue("roles", out var rolesElement))
            {
                throw Error(JsonLineMap.Child(path, "roles"), $"person '{id}': the field is missing (at least one role)");
            }

            var roles = new HashSet<Role>();
            foreach (var (item, itemPath) in _json.Items(rolesElement, JsonLineMap.Child(path, "roles")))
            {
                var roleName = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!RoleNames.TryParse(roleName, out var role))
                {
                    throw Error(itemPath, $"person '{id}': unknown role {Describe(item)}; expected one of {string.Join(", ", RoleNames.All.Select(RoleNames.Name))}");
                }

                if (!roles.Add(role))
                {
                    throw Error(itemPath, $"person '{id}': role '{roleName}' is listed twice");
                }
            }

            var protectedRoles = ProtectedRole.None;
            if (fields.TryGetValue("protected", out var protectedElement) && protectedElement.ValueKind != JsonValueKind.Null)
            {
                foreach (var (item, itemPath) in _json.Items(protectedElement, JsonLineMap.Child(path, "protected")))
                {
                    var roleName = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (!ProtectedRoleNames.TryParse(roleName, out var role))
                    {
                        throw Error(itemPath, $"person '{id}': unknown protected role {Describe(item)}; expected one of {string.Join(", ", ProtectedRoleNames.All.Select(ProtectedRoleNames.Name))}");
                    }

                    if ((protectedRoles & role) != 0)
                    {
                        throw Error(itemPath, $"person '{id}': protected role '{roleName}' is listed twice");
                    }

                    protectedRoles |= role;
                }
            }

            return new Person(id, name, manager, roles.ToFrozenSet(), protectedRoles, password);
        }

        private static string Describe(JsonElement item) =>
            item.ValueKind == JsonValueKind.String ? $"'{item.GetString()}'" : item.GetRawText();

    }
}
