using WebProxy.Policy.Identity;

namespace WebProxy.Governance;

/// <summary>
/// A person as the admin API shows them: never the password hash, and the article-6.6 roles only to those
/// <see cref="AdminAccess.CanSeeProtectedRoles"/> allows (null otherwise, not an empty list, so absence is not
/// mistaken for "none").
/// </summary>
public sealed record PersonView(string Id, string Name, string? Manager, IReadOnlyList<string> Roles, IReadOnlyList<string>? Protected, bool HasPassword)
{
    public static PersonView Of(Person person, bool showProtected)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PersonView(
            person.Id,
            person.DisplayName,
            person.ManagerId,
            [.. RoleNames.All.Where(person.HasRole).Select(RoleNames.Name)],
            showProtected ? ProtectedRoleNames.NamesOf(person.ProtectedRoles) : null,
            person.HasPassword);
    }
}
