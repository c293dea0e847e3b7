namespace WebProxy.Policy.Identity;

/// <summary>
/// One person in the <see cref="PersonDirectory"/>. Plain data: the directory validates it (id syntax, manager,
/// roles) when it is built. Equality compares the role set by content. <see cref="ToString"/> shows only the id, so a
/// person logged by accident leaks neither the name nor the password hash.
/// </summary>
/// <param name="Id">Lower-case token, <c>[a-z0-9._-]+</c>, e.g. <c>j.devries</c>; the user name for proxy authentication.</param>
/// <param name="DisplayName">The name shown in the admin pages.</param>
/// <param name="ManagerId">The id of the person's manager; null for the top of a line of management.</param>
/// <param name="Roles">At least one role.</param>
/// <param name="ProtectedRoles">Article 6.6 roles; <see cref="ProtectedRole.None"/> for most people.</param>
/// <param name="PasswordHash">
/// A <see cref="PasswordHasher"/> encoding, or null: a person without a password can neither log in to the admin API
/// nor authenticate to the proxy.
/// </param>
public sealed record Person(
    string Id,
    string DisplayName,
    string? ManagerId,
    IReadOnlySet<Role> Roles,
    ProtectedRole ProtectedRoles,
    string? PasswordHash)
{
    /// <summary>Whether the person may authenticate at all.</summary>
    public bool HasPassword => PasswordHash is not null;

    public bool HasRole(Role role) => Roles.Contains(role);

    public bool HasProtectedRole(ProtectedRole role) => role != ProtectedRole.None && (ProtectedRoles & role) == role;

    public bool Equals(Person? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(DisplayName, other.DisplayName, StringComparison.Ordinal)
        && string.Equals(ManagerId, other.ManagerId, StringComparison.Ordinal)
        && Roles.SetEquals(other.Roles)
        && ProtectedRoles == other.ProtectedRoles
        && string.Equals(PasswordHash, other.PasswordHash, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Id, DisplayName, ManagerId, ProtectedRoles, PasswordHash);

    public override string ToString() => $"Person {{ Id = {Id} }}";
}
