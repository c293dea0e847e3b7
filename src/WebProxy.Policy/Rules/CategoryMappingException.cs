namespace WebProxy.Policy.Rules;

/// <summary>A mapping file that cannot be used; the message names the file, the line and the field.</summary>
public sealed class CategoryMappingException : Exception
{
    public CategoryMappingException()
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    public CategoryMappingException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    public CategoryMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Field = string.Empty;
    }

    public CategoryMappingException(string fileName, int line, string field, string problem, Exception? innerException = null)
        : base($"{fileName}, line {line}, {(field.Length == 0 ? "document" : field)}: {problem}", innerException)
    {
        FileName = fileName;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The JSON path of the field, e.g. <c>lists[2].article</c>; empty for the whole document.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string? Problem { get; }
}
