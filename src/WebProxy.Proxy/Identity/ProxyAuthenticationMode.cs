namespace WebProxy.Proxy.Identity;

/// <summary>Whether clients must say who they are (issue #4: exemptions apply only to authenticated people).</summary>
public enum ProxyAuthenticationMode
{
    /// <summary>No authentication: every request is anonymous, credentials are ignored.</summary>
    Off,

    /// <summary>Anonymous browsing is allowed; a person who wants their exemption applied authenticates.</summary>
    WhenNeeded,

    /// <summary>Every request must carry valid credentials; others get 407.</summary>
    Required,
}
