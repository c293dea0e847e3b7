namespace WebProxy.Host.Configuration;

/// <summary>One invalid setting: the field's path as written in the file, and what is wrong with it.</summary>
public sealed record SettingsProblem(string Field, string Message);
