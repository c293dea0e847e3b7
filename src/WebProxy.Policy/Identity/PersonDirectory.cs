using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace WebProxy.Policy.Identity;

/// <summary>
/// The people the proxy and its administration know (issue 4): who they are, who manages whom, their roles. Immutable
/// and always valid: ids are unique tokens, every manager exists, management has no cycles, everyone has a role. An
/// edit (<see cref="WithPerson"/>, <see cref="WithoutPerson"/>) returns a new directory, validated the same way, so a
/// caller can swap the whole directory atomically. Several people may be at the top (no manager): the municipal
/// secretary heads the civil service, while the mayor and aldermen are not managed by anyone in it.
/// </summary>
public sealed partial class PersonDirectory
{
    /// <summary>The reserved actor id for the command line on the server acting without a person.</summary>
    public const string LocalAdministratorId = "local-administrator";

    /// <summary>The reserved actor id for what happens by itself, such as the expiry timer.</summary>
    public const string SystemId = "system";

    /// <summary>The reserved actor id a failed sign-in to an unknown account is recorded under.</summary>
    public const string UnknownId = "unknown";

    /// <summary>
    /// Ids the governance log uses for actors that are not people (the command line on the server, the expiry timer,
    /// a failed sign-in to an unknown account); a person with one of them could pass for that actor.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedIds = FrozenSet.ToFrozenSet([LocalAdministratorId, SystemId, UnknownId], StringComparer.Ordinal);

    private static readonly ProtectedRole AllProtected = ProtectedRoleNames.All.Aggregate(ProtectedRole.None, (a, r) => a | r);

    private readonly FrozenDictionary<string, Person> _byId;
    private readonly FrozenDictionary<string, Person[]> _teams;

    private PersonDirectory(Person[] people)
    {
        People = people;
        _byId = people.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        _teams = people
            .Where(p => p.ManagerId is not null)
            .GroupBy(p => p.ManagerId!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A directory without people.</summary>
    public static PersonDirectory Empty { get; } = new([]);

    /// <summary>Everyone, in the order given (the file's order).</summary>
    public IReadOnlyList<Person> People { get; }

    /// <summary>Builds a directory, validating it.</summary>
    /// <exception cref="PersonDirectoryException">
    /// The first problem, e.g. <c>people[3].manager: person 'x': manager 'y' is not in the directory</c>.
    /// </exception>
    public static PersonDirectory Create(IEnumerable<Person> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var list = people.ToArray();
        if (FindProblem(list) is { } problem)
        {
            throw new PersonDirectoryException(string.Empty, 0, $"people[{problem.Index}].{problem.Field}", problem.Text);
        }

        return new PersonDirectory(list);
    }

    /// <summary>Looks a person up by id (exact, ordinal).</summary>
    public bool TryGet(string id, out Person person)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out person!);
    }

    /// <summary>The person with this id, or null.</summary>
    public Person? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.GetValueOrDefault(id);
    }

    /// <summary>The direct manager of a person; null for the top or an unknown id.</summary>
    public Person? ManagerOf(string personId) =>
        Find(personId) is { ManagerId: { } managerId } ? _byId[managerId] : null;

    /// <summary>The managers above a person, nearest first; empty for the top or an unknown id.</summary>
    public IEnumerable<Person> LineOf(string personId)
    {
        for (var manager = ManagerOf(personId); manager is not null; manager = ManagerOf(manager.Id))
        {
            yield return manager;
        }
    }

    /// <summary>
    /// Whether <paramref name="managerId"/> is somewhere above <paramref name="personId"/> in the line of management
    /// (the direct manager, their manager, and so on). Nobody is in their own line.
    /// </summary>
    public bool IsInLineOf(string personId, string managerId)
    {
        ArgumentNullException.ThrowIfNull(managerId);
        return LineOf(personId).Any(m => string.Equals(m.Id, managerId, StringComparison.Ordinal));
    }

    /// <summary>The people a manager directly manages, in directory order; empty for someone who manages nobody.</summary>
    public IReadOnlyList<Person> Team(string managerId)
    {
        ArgumentNullException.ThrowIfNull(managerId);
        return _teams.TryGetValue(managerId, out var team) ? team : [];
    }

    /// <summary>A new directory with the person added, or replacing the person with the same id (keeping its place).</summary>
    /// <exception cref="PersonDirectoryException">The result would not be valid.</exception>
    public PersonDirectory WithPerson(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var list = People.ToList();
        var index = list.FindIndex(p => string.Equals(p.Id, person.Id, StringComparison.Ordinal));
        if (index < 0)
        {
            list.Add(person);
        }
        else
        {
            list[index] = person;
        }

        return Create(list);
    }

    /// <summary>A new directory without the person.</summary>
    /// <exception cref="PersonDirectoryException">Someone still has the person as manager.</exception>
    /// <exception cref="KeyNotFoundException">No such person.</exception>
    public PersonDirectory WithoutPerson(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_byId.ContainsKey(id))
        {
            throw new KeyNotFoundException($"Person '{id}' is not in the directory.");
        }

        return Create(People.Where(p => !string.Equals(p.Id, id, StringComparison.Ordinal)));
    }

    /// <summary>The first problem of a list of people, in list order; the field is the file's field name.</summary>
    internal static (int Index, string Field, string Text)? FindProblem(IReadOnlyList<Person> people)
    {
        var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (person is null)
            {
                return (i, "id", "missing person");
            }

            if (person.Id is null || !IdPattern().IsMatch(person.Id))
            {
                return (i, "id", $"'{person.Id}' is not a person id (lower-case letters, digits, '.', '_', '-')");
            }

            if (ReservedIds.Contains(person.Id))
            {
                return (i, "id", $"'{person.Id}' is reserved: the governance log uses it for actions taken by no person");
            }

            if (!indexById.TryAdd(person.Id, i))
            {
                return (i, "id", $"'{person.Id}' is already the id of people[{indexById[person.Id]}]");
            }

            if (string.IsNullOrWhiteSpace(person.DisplayName))
            {
                return (i, "name", $"person '{person.Id}': the name must not be empty");
            }

            if (person.Roles is null || person.Roles.Count == 0)
            {
                return (i, "roles", $"person '{person.Id}': at least one role is required");
            }

            foreach (var role in person.Roles)
            {
                if (!Enum.IsDefined(role))
                {
                    return (i, "roles", $"person '{person.Id}': unknown role {(int)role}");
                }
            }

            if ((person.ProtectedRoles & ~AllProtected) != 0)
            {
                return (i, "protected", $"person '{person.Id}': unknown protected role {(int)person.ProtectedRoles}");
            }

            if (person.PasswordHash is not null && !PasswordHasher.IsWellFormed(person.PasswordHash))
            {
                return (i, "password", $"person '{person.Id}': not a password hash of the form {PasswordHasher.FormatDescription}");
            }
        }

        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (person.ManagerId is null)
            {
                continue;
            }

            if (!indexById.ContainsKey(person.ManagerId))
            {
                return (i, "manager", $"person '{person.Id}': manager '{person.ManagerId}' is not in the directory");
            }

            // Walk up; in a valid directory the walk ends at a top within people.Count steps.
            var chain = new List<string> { person.Id };
            for (var current = person.ManagerId; current is not null; current = people[indexById[current]].ManagerId)
            {
                if (!indexById.ContainsKey(current))
                {
                    break; // reported at that person's own entry
                }

                var seen = chain.IndexOf(current);
                chain.Add(current);
                if (seen >= 0)
                {
                    var cycle = string.Join(" -> ", chain.Skip(seen));
                    return (i, "manager", seen == 0
                        ? $"person '{person.Id}': management cycle {cycle}"
                        : $"person '{person.Id}': the line of management runs into the cycle {cycle}");
                }
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
