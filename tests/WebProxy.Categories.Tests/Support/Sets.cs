namespace WebProxy.Categories.Tests.Support;

internal static class Sets
{
    public static IReadOnlySet<string> Of(params string[] names) => names.ToHashSet(StringComparer.Ordinal);
}
