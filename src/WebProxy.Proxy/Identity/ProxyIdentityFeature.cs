namespace WebProxy.Proxy.Identity;

/// <summary>Who authenticated on this connection (CONNECT), for the requests inside it; in memory only.</summary>
public sealed class ProxyIdentityFeature
{
    public ProxyIdentityFeature(string personId)
    {
        PersonId = personId;
    }

    public string PersonId { get; }
}
