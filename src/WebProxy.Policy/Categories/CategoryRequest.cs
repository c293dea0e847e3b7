namespace WebProxy.Policy.Categories;

/// <summary>A request in the form <see cref="CategoryIndex"/> looks up.</summary>
/// <param name="Host">Normalised host: lower-case, punycode, no trailing dot, IPv4 in dotted-decimal.</param>
/// <param name="Port">The explicit non-default port of the URL, or 0.</param>
/// <param name="PathAndQuery">Path and query as sent (not decoded), without fragment; <c>/</c> when empty.</param>
public readonly record struct CategoryRequest(string Host, int Port, string PathAndQuery);
