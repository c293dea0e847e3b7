namespace WebProxy.Policy.Json;

/// <summary>
/// A hand-edited JSON file that cannot be used. The message names the file, the line and the field
/// (<c>mapping.json, line 12, lists[3].article: ...</c>), or only the field when the data did not come from a file.
/// </summary>
public abstract class JsonFileException : Exception
{
    protected JsonFileException()
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    protected JsonFileException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    protected JsonFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    /// <param name="fileName">The file, or empty when the data did not come from a file.</param>
    /// <param name="line">The 1-based line; ignored without a file.</param>
    /// <param name="field">The JSON path of the field, e.g. <c>people[3].manager</c>; empty for the whole document.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected JsonFileException(string fileName, int line, string field, string problem, Exception? innerException)
        : base(Format(fileName, line, field, problem), innerException)
    {
        FileName = fileName;
        Line = fileName.Length == 0 ? 0 : line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file as the caller named it; empty when the data did not come from a file.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line; 0 when the data did not come from a file.</summary>
    public int Line { get; }

    /// <summary>The JSON path of the field; empty for the whole document.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string? Problem { get; }

    private static string Format(string fileName, int line, string field, string problem)
    {
        var location = field.Length == 0 ? "document" : field;
        return fileName.Length == 0 ? $"{location}: {problem}" : $"{fileName}, line {line}, {location}: {problem}";
    }
}
