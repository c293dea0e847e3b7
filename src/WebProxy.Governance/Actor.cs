using WebProxy.Policy.Identity;

namespace WebProxy.Governance;

/// <summary>
/// Who performs a governance action and through which door: the admin API, the manager pages or the command line.
/// The door goes into every record (article 6.1d: evidence says how an action came about).
/// </summary>
/// <param name="PersonId">A directory person's id, or <see cref="Actor.LocalAdministratorId"/> for the command line
/// acting without one.</param>
/// <param name="Via"><c>api</c>, <c>page</c> or <c>cli</c>.</param>
public sealed record Actor(string PersonId, string Via)
{
    /// <summary>
    /// The actor recorded for directory changes made on the server's command line without <c>--by</c>: whoever can
    /// run it can already write the files, so it is trusted like the file system, and recorded as such.
    /// </summary>
    public const string LocalAdministratorId = PersonDirectory.LocalAdministratorId;

    /// <summary>The actor recorded for what happens by itself, such as an exemption running to its end.</summary>
    public const string SystemId = PersonDirectory.SystemId;

    public static Actor Api(string personId) => new(personId, "api");

    public static Actor Page(string personId) => new(personId, "page");

    public static Actor CommandLine(string? personId) => new(personId ?? LocalAdministratorId, "cli");

    /// <summary>Only the command line acts as the local administrator; the id is reserved in the directory.</summary>
    public bool IsLocalAdministrator => PersonId == LocalAdministratorId && Via == "cli";
}
