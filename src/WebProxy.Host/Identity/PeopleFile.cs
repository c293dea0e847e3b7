using WebProxy.Host.Configuration;
using WebProxy.Policy.Identity;

namespace WebProxy.Host.Identity;

/// <summary>Loads the directory of people named by the settings; a broken file stops the start like bad configuration.</summary>
internal static class PeopleFile
{
    public const string DefaultFileName = "directory.json";

    public static PersonDirectory Load(WebProxySettings settings)
    {
        var path = settings.Identity.DirectoryFile ?? Path.Combine(Path.GetFullPath(settings.DataDirectory), DefaultFileName);
        if (!File.Exists(path))
        {
            return PersonDirectory.Empty;
        }

        try
        {
            return PersonDirectoryFile.Parse(File.ReadAllText(path), path);
        }
        catch (PersonDirectoryException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }
}
