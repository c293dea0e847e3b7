namespace WebProxy.Host.Configuration;

/// <summary>Whether and how the admin port speaks TLS.</summary>
public enum AdminHttpsMode
{
    /// <summary>Plain HTTP: for the loopback default, or behind a TLS proxy (<see cref="AdminSettings.AllowPlainHttpOnNetwork"/>).</summary>
    Off,

    /// <summary>
    /// A certificate the organisation CA issues for <see cref="AdminSettings.HttpsHostNames"/>, renewed by itself:
    /// the workstations trust that CA already (it signs the intercepted sites), so nothing else is to be installed.
    /// </summary>
    OrganisationCa,

    /// <summary>The operator's certificate and key (<see cref="AdminSettings.HttpsCertificatePemPath"/>, PEM).</summary>
    Certificate,
}
