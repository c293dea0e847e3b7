namespace WebProxy.Governance;

/// <summary>A person as IT enters them (admin API body, command line options).</summary>
/// <param name="Name">The display name; required.</param>
/// <param name="Manager">The manager's id; null for the top of a line.</param>
/// <param name="Roles">Role names (<c>employee</c>, <c>manager</c>, ...); at least one.</param>
/// <param name="Protected">Article 6.6 role names; null or empty for none.</param>
/// <param name="Password">A new password, stored only as a PBKDF2 hash; null keeps the current one.</param>
public sealed record PersonRequest(string? Name, string? Manager, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Protected, string? Password);
