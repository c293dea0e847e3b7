namespace WebProxy.Host.Configuration;

/// <summary>A configuration problem, worded as file, line and field, so the operator can go straight to it.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
