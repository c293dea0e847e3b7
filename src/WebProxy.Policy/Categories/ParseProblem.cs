namespace WebProxy.Policy.Categories;

/// <summary>A list line that was not loaded, and why. The rest of the list loads regardless.</summary>
/// <param name="File">The list file as the caller named it, e.g. <c>gambling/domains</c>.</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Entry">The offending line, trimmed and cut to at most 200 characters.</param>
/// <param name="Reason">A short human-readable reason.</param>
public sealed record ParseProblem(string File, int Line, string Entry, string Reason);
