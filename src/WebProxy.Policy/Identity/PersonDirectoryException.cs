using WebProxy.Policy.Json;

namespace WebProxy.Policy.Identity;

/// <summary>
/// A directory that cannot be used. From a file (<see cref="PersonDirectoryFile.Parse"/>) the message names the file,
/// the line and the field: <c>people.json, line 12, people[3].manager: ...</c>. From
/// <see cref="PersonDirectory.Create"/> there is no file: the message is <c>people[3].manager: ...</c>, the index being
/// the person's position in the list given. The problem itself names the person.
/// </summary>
public sealed class PersonDirectoryException : JsonFileException
{
    public PersonDirectoryException()
    {
    }

    public PersonDirectoryException(string message)
        : base(message)
    {
    }

    public PersonDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PersonDirectoryException(string fileName, int line, string field, string problem, Exception? innerException = null)
        : base(fileName, line, field, problem, innerException)
    {
    }
}
