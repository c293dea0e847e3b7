namespace WebProxy.Policy;

/// <summary>
/// The lookups behind the stable lower-case name tables of small enums (such as
/// <see cref="Investigations.InvestigationNames"/>): the names are in declaration order, so a value's name is the
/// one at its index, and a name reads back exactly (lower-case only).
/// </summary>
public static class EnumNames
{
    /// <summary>The name at <paramref name="index"/>; <see cref="ArgumentOutOfRangeException"/> for an unknown value.</summary>
    public static string Lookup<T>(string[] names, int index, T value)
    {
        ArgumentNullException.ThrowIfNull(names);
        return (uint)index < (uint)names.Length
            ? names[index]
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {typeof(T).Name}.");
    }

    /// <summary>Reads a name; exact, lower-case only. The value is the default when the name is unknown.</summary>
    public static bool TryParse<T>(string[] names, string? name, out T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(names);
        var index = Array.IndexOf(names, name);
        value = index < 0 ? default : (T)Enum.ToObject(typeof(T), index);
        return index >= 0;
    }
}
