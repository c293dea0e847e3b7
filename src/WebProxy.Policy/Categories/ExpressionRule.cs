using System.Text.RegularExpressions;

namespace WebProxy.Policy.Categories;

/// <summary>A compiled expression-list entry and the categories it belongs to.</summary>
/// <param name="Source">The POSIX ERE as written in the list.</param>
/// <param name="Regex">The compiled, linear-time .NET equivalent (<see cref="PosixRegex"/>).</param>
/// <param name="Categories">Category bit mask.</param>
public sealed record ExpressionRule(string Source, Regex Regex, ulong Categories);
