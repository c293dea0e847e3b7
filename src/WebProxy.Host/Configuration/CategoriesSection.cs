namespace WebProxy.Host.Configuration;

/// <summary>Where the category rules come from.</summary>
public sealed class CategoriesSection
{
    /// <summary>
    /// The folder with <c>mapping.json</c>, <c>local/</c> (the municipality's allow and deny lists) and <c>samples/</c>;
    /// the copy shipped next to the program when not set.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Where imported lists are fetched by default by <c>webproxy categories update</c> when no source is given.</summary>
    public string? DefaultSource { get; set; }
}
