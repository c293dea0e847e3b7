namespace WebProxy.Categories;

/// <summary>
/// An import that must not replace the working index: the source is unreadable, refused (<c>http://</c>, too large,
/// timed out), or yields no entries (overall, or for a category that had entries before).
/// Malformed lines are never this exception; they are counted in the <see cref="ImportReport"/>.
/// </summary>
public sealed class CategoryImportException : Exception
{
    public CategoryImportException()
    {
    }

    public CategoryImportException(string message)
        : base(message)
    {
    }

    public CategoryImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
