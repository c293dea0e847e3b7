using WebProxy.Policy.Identity;

namespace WebProxy.Governance;

/// <summary>
/// Where the directory of people comes from. The built-in source is <see cref="DirectoryFile"/>; an LDAP or Active
/// Directory source would load the same <see cref="PersonDirectory"/> (people, managers, roles from group
/// membership) and report <see cref="IsWritable"/> false, so edits go to the organisation's own directory.
/// </summary>
public interface IDirectorySource
{
    /// <summary>Whether the admin API and the command line may edit it.</summary>
    bool IsWritable { get; }

    /// <summary>Where it is, for messages (a path, a server).</summary>
    string Describe();

    /// <summary>The directory as it is now.</summary>
    /// <exception cref="PersonDirectoryException">The source is not a valid directory; the message names where.</exception>
    PersonDirectory Load();

    /// <summary>
    /// Replaces the directory and appends <paramref name="record"/> to <paramref name="log"/>, both or neither.
    /// </summary>
    /// <exception cref="NotSupportedException">The source is read-only (<see cref="IsWritable"/> false).</exception>
    Storage.GovernanceRecord Save(PersonDirectory directory, Storage.GovernanceEntry record, Storage.GovernanceLog log);

    /// <summary>A value that changes whenever the source does (compared with <see cref="object.Equals(object)"/>).</summary>
    object Version();
}
