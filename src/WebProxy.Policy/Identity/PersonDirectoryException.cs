namespace WebProxy.Policy.Identity;

/// <summary>
/// A directory that cannot be used. From a file (<see cref="PersonDirectoryFile.Parse"/>) the message names the file,
/// the line and the field: <c>people.json, line 12, people[3].manager: ...</c>. From
/// <see cref="PersonDirectory.Create"/> there is no file: the message is <c>people[3].manager: ...</c>, the index being
/// the person's position in the list given. The problem itself names the person.
/// </summary>
public sealed class PersonDirectoryException : Exception
{
    public PersonDirectoryException()
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    public PersonDirectoryException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    public PersonDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    /// <param name="fileName">The file, or empty when the directory did not come from a file.</param>
    /// <param name="line">The 1-based line; ignored without a file.</param>
    /// <param name="field">The JSON path of the field, e.g. <c>people[3].manager</c>; empty for the whole document.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PersonDirectoryException(string fileName, int line, string field, string problem, Exception? innerException = null)
        : base(Format(fileName, line, field, problem), innerException)
    {
        FileName = fileName;
        Line = fileName.Length == 0 ? 0 : line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file as the caller named it; empty when the directory did not come from a file.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line; 0 when the directory did not come from a file.</summary>
    public int Line { get; }

    /// <summary>The JSON path of the field, e.g. <c>people[3].manager</c>; empty for the whole document.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string? Problem { get; }

    private static string Format(string fileName, int line, string field, string problem)
    {
        var location = field.Length == 0 ? "document" : field;
        return fileName.Length == 0 ? $"{location}: {problem}" : $"{fileName}, line {line}, {location}: {problem}";
    }
}
