using WebProxy.Policy.Json;

namespace WebProxy.Policy.Rules;

/// <summary>A mapping file that cannot be used; the message names the file, the line and the field.</summary>
public sealed class CategoryMappingException : JsonFileException
{
    public CategoryMappingException()
    {
    }

    public CategoryMappingException(string message)
        : base(message)
    {
    }

    public CategoryMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CategoryMappingException(string fileName, int line, string field, string problem, Exception? innerException = null)
        : base(fileName, line, field, problem, innerException)
    {
    }
}
