namespace WebProxy.Policy.Categories;

/// <summary>A url-list entry under its (www-stripped) host: a path-and-query prefix and its categories.</summary>
/// <param name="PathPrefix">Normalised path prefix; empty matches every path of the host.</param>
/// <param name="Categories">Category bit mask.</param>
public readonly record struct UrlRule(string PathPrefix, ulong Categories);
