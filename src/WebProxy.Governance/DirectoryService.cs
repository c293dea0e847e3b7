using System.Text.Json;
using WebProxy.Policy.Identity;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// Reading and editing the directory of people (issue 4) — the one implementation behind the admin API and the
/// <c>webproxy directory</c> commands. Every change writes a <c>directory_changed</c> record together with the new
/// file; reading other people's entries is a read of personal data with a stated purpose.
/// </summary>
public sealed class DirectoryService
{
    /// <summary>The shortest password accepted; a long passphrase beats complexity rules (NIST SP 800-63B §5.1.1).</summary>
    public const int MinimumPasswordLength = 12;

    private readonly GovernanceState _state;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _writeLock = new();

    public DirectoryService(GovernanceState state, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _state = state;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The people <paramref name="actor"/> may see (<see cref="AdminAccess.CanSeePerson"/>), in directory order. The
    /// local administrator (command line) sees everyone. Others than the actor need a purpose.
    /// </summary>
    public Outcome<IReadOnlyList<PersonView>> List(Actor actor, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var directory = _state.Directory;
        IReadOnlyList<Person> visible;
        Person? person = null;
        if (actor.IsLocalAdministrator)
        {
            visible = directory.People;
        }
        else if ((person = directory.Find(actor.PersonId)) is null)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory");
        }
        else
        {
            visible = [.. directory.People.Where(p => AdminAccess.CanSeePerson(person, p, directory))];
        }

        if (PersonalDataReads.Record(_state.Log, actor, visible.Select(p => p.Id), "directory", purpose) is { } problem)
        {
            return problem;
        }

        return visible.Select(p => PersonView.Of(p, person is null || AdminAccess.CanSeeProtectedRoles(person, p))).ToArray();
    }

    /// <summary>One person's entry, when <paramref name="actor"/> may see it.</summary>
    public Outcome<PersonView> Get(Actor actor, string id, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var directory = _state.Directory;
        var person = actor.IsLocalAdministrator ? null : directory.Find(actor.PersonId);
        if (!actor.IsLocalAdministrator && person is null)
        {
            return Problem.Forbidden("actor", $"'{actor.PersonId}' is not in the directory");
        }

        if (directory.Find(id ?? string.Empty) is not { } target || (person is not null && !AdminAccess.CanSeePerson(person, target, directory)))
        {
            return Problem.NotFound("id", $"there is no person '{id}'");
        }

        if (PersonalDataReads.Record(_state.Log, actor, [target.Id], "directory", purpose) is { } problem)
        {
            return problem;
        }

        return PersonView.Of(target, person is null || AdminAccess.CanSeeProtectedRoles(person, target));
    }

    /// <summary>Adds the person or replaces their entry (IT, or the local administrator).</summary>
    public Outcome<PersonView> Put(Actor actor, string id, PersonRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        lock (_writeLock)
        {
            if (BeforeEdit(actor) is { } refused)
            {
                return refused;
            }

            var directory = _state.Directory;
            var existing = directory.Find(id ?? string.Empty);
            var built = Build(id ?? string.Empty, request, existing);
            if (!built.Succeeded)
            {
                return built.Problem;
            }

            PersonDirectory changed;
            try
            {
                changed = directory.WithPerson(built.Value);
            }
            catch (PersonDirectoryException ex)
            {
                // The directory names the field as people[i].field; here it is the request's field.
                return Problem.Invalid(ex.Field[(ex.Field.LastIndexOf('.') + 1)..], ex.Problem ?? ex.Message);
            }

            var fields = Fields(existing, built.Value);
            if (existing is not null && fields.Count == 0)
            {
                return PersonView.Of(built.Value, showProtected: true);
            }

            Save(actor, changed, built.Value.Id, existing is null ? "added" : "updated", fields);
            return PersonView.Of(built.Value, showProtected: true);
        }
    }

    /// <summary>Removes a person; refused while someone still has them as manager.</summary>
    public Outcome<string> Remove(Actor actor, string id)
    {
        ArgumentNullException.ThrowIfNull(actor);
        lock (_writeLock)
        {
            if (BeforeEdit(actor) is { } refused)
            {
                return refused;
            }

            var directory = _state.Directory;
            if (directory.Find(id ?? string.Empty) is null)
            {
                return Problem.NotFound("id", $"there is no person '{id}'");
            }

            if (directory.Team(id!).Count > 0)
            {
                return Problem.Conflict("id",
                    $"'{id}' still manages {string.Join(", ", directory.Team(id!).Select(p => p.Id))}; give them another manager first");
            }

            // A later person with the same id must not inherit an exemption: they end first.
            var now = _timeProvider.GetUtcNow();
            if (_state.Exemptions.For(id!).FirstOrDefault(e => now < e.EffectiveEnd) is { } current)
            {
                return Problem.Conflict("id", $"'{id}' still has exemption {current.Id} until {current.EffectiveEnd:O}; revoke it first");
            }

            // Nor may a namesake be recorded under an investigation of someone else: it is withdrawn or ends first.
            if (_state.Investigations.For(id!).Any(i => i.State is Policy.Investigations.InvestigationState.Requested
                    || (i.State is Policy.Investigations.InvestigationState.Approved && now < i.CaptureEnd)))
            {
                return Problem.Conflict("id", $"'{id}' is the subject of an investigation that is pending or recording; it must end or be withdrawn first");
            }

            Save(actor, directory.WithoutPerson(id!), id!, "removed", []);
            return id!;
        }
    }

    /// <summary>
    /// Refreshes and checks the actor may edit. A directory file broken by hand is not overwritten from memory: that
    /// would silently undo whatever else the hand edit changed.
    /// </summary>
    private Problem? BeforeEdit(Actor actor)
    {
        if (_state.Refresh() is { } broken || (broken = _state.DirectoryProblem) is not null)
        {
            return Problem.Conflict("directory", $"the directory file was edited by hand and is not valid; fix it first: {broken.Message}");
        }

        return MayEdit(actor, _state.Directory);
    }

    private Problem? MayEdit(Actor actor, PersonDirectory directory)
    {
        if (!_state.DirectorySource.IsWritable)
        {
            return Problem.Conflict("directory", $"the directory comes from {_state.DirectorySource.Describe()} and is edited there");
        }

        if (actor.IsLocalAdministrator)
        {
            return null;
        }

        return directory.Find(actor.PersonId) is { } person && AdminAccess.CanEditDirectory(person)
            ? null
            : Problem.Forbidden("actor", $"'{actor.PersonId}' may not edit the directory; that is IT's role");
    }

    private void Save(Actor actor, PersonDirectory directory, string subject, string change, IReadOnlyList<string> fields)
    {
        var details = JsonSerializer.Serialize(new { change, fields, via = actor.Via }, GovernanceJson.Options);
        _state.DirectorySource.Save(directory, new GovernanceEntry(actor.PersonId, GovernanceAction.DirectoryChanged, subject, details), _state.Log);
        _state.Refresh();
    }

    private static Outcome<Person> Build(string id, PersonRequest request, Person? existing)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problem.Invalid("name", "the name is required");
        }

        var roles = new HashSet<Role>();
        foreach (var name in request.Roles ?? [])
        {
            if (!RoleNames.TryParse(name, out var role))
            {
                return Problem.Invalid("roles", $"unknown role '{name}'; known are {string.Join(", ", RoleNames.All.Select(RoleNames.Name))}");
            }

            roles.Add(role);
        }

        if (roles.Count == 0)
        {
            return Problem.Invalid("roles", "at least one role is required");
        }

        var protectedRoles = ProtectedRole.None;
        foreach (var name in request.Protected ?? [])
        {
            if (!ProtectedRoleNames.TryParse(name, out var role))
            {
                return Problem.Invalid("protected",
                    $"unknown protected role '{name}'; known are {string.Join(", ", ProtectedRoleNames.All.Select(ProtectedRoleNames.Name))}");
            }

            protectedRoles |= role;
        }

        var hash = existing?.PasswordHash;
        if (request.Password is not null)
        {
            if (request.Password.Length < MinimumPasswordLength)
            {
                return Problem.Invalid("password", $"a password needs at least {MinimumPasswordLength} characters");
            }

            hash = PasswordHasher.Hash(request.Password);
        }

        return new Person(id, request.Name.Trim(), string.IsNullOrEmpty(request.Manager) ? null : request.Manager, roles, protectedRoles, hash);
    }

    /// <summary>
    /// For the record: the fields that differ, or for a new person the fields given; the password only as
    /// "password", never its value.
    /// </summary>
    private static List<string> Fields(Person? before, Person after)
    {
        if (before is null)
        {
            var set = new (string Field, bool IsSet)[]
            {
                ("name", true),
                ("manager", after.ManagerId is not null),
                ("roles", true),
                ("protected", after.ProtectedRoles != ProtectedRole.None),
                ("password", after.PasswordHash is not null),
            };
            return [.. set.Where(f => f.IsSet).Select(f => f.Field)];
        }

        var changes = new (string Field, bool Changed)[]
        {
            ("name", before.DisplayName != after.DisplayName),
            ("manager", before.ManagerId != after.ManagerId),
            ("roles", !before.Roles.SetEquals(after.Roles)),
            ("protected", before.ProtectedRoles != after.ProtectedRoles),
            ("password", before.PasswordHash != after.PasswordHash),
        };
        return [.. changes.Where(c => c.Changed).Select(c => c.Field)];
    }
}
