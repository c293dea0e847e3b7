using System.CommandLine;
using WebProxy.Host.Configuration;

namespace WebProxy.Host.Commands;

/// <summary>Options every command understands, and the one way they turn into settings.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "Configuration file (JSON). Without it, the embedded defaults apply.",
        Recursive = true,
    };

    public static Option<string?> DataDirectory { get; } = new("--data")
    {
        Description = "Data folder (CA, databases); overrides DataDirectory from the configuration file.",
        Recursive = true,
    };

    public static WebProxySettings LoadSettings(ParseResult parseResult)
    {
        var settings = SettingsLoader.Load(parseResult.GetValue(Config));
        if (parseResult.GetValue(DataDirectory) is { } data)
        {
            settings.DataDirectory = data;
        }

        return settings;
    }
}
