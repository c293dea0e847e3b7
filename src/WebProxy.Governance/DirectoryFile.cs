using System.Text;
using WebProxy.Policy.Identity;
using WebProxy.Storage;

namespace WebProxy.Governance;

/// <summary>
/// The directory of people as a JSON file (format: <see cref="PersonDirectoryFile"/>), by default
/// <c>&lt;data&gt;/directory.json</c>. This is the directory source of the built-in kind; an LDAP or Active Directory
/// source would implement <see cref="IDirectorySource"/> the same way and be read-only.
/// </summary>
public sealed class DirectoryFile : IDirectorySource
{
    public DirectoryFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    public bool IsWritable => true;

    public string Describe() => Path;

    /// <summary>A missing file is an empty directory (a fresh install); a broken one stops with file, line and field.</summary>
    /// <exception cref="PersonDirectoryException">The file is not a valid directory.</exception>
    public PersonDirectory Load()
    {
        if (!File.Exists(Path))
        {
            return PersonDirectory.Empty;
        }

        return PersonDirectoryFile.Parse(File.ReadAllText(Path, Encoding.UTF8), Path);
    }

    /// <summary>A stamp that changes when the file is replaced or edited, so a poll can tell without reading it.</summary>
    public object Version()
    {
        var info = new FileInfo(Path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
    }

    /// <summary>
    /// Replaces the file with <paramref name="directory"/> and appends <paramref name="record"/>, both or neither: the
    /// new file is written beside the old one and renamed over it inside the record's transaction, so a failed rename
    /// rolls the record back and a failed record leaves the old file. Readers never see half a file.
    /// </summary>
    public GovernanceRecord Save(PersonDirectory directory, GovernanceEntry record, GovernanceLog log)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(log);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(folder);
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, PersonDirectoryFile.Write(directory), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        try
        {
            // The file holds password hashes: readable by the service account only.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return log.Append(record, () => File.Move(temporary, Path, overwrite: true));
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
