using System.Net;

namespace WebProxy.Proxy.Telemetry;

/// <summary>
/// Per connection, in memory only: the client's address, and a note of the last (person or address, site, day) the
/// recorder counted in a distinct-visitor sketch, so the repeated requests of one page to one site are counted once
/// without computing a keyed hash each time. Never written anywhere; it ends with the connection.
/// </summary>
public sealed class ClientSlot
{
    public ClientSlot(IPAddress? address)
    {
        Address = address;
    }

    /// <summary>The client's address (the identity counted when nobody is signed in).</summary>
    public IPAddress? Address { get; }

    /// <summary>Whom the last count was for: the person's id, or <see cref="Address"/>.</summary>
    public object? CountedFor { get; set; }

    /// <summary>The site of the last count.</summary>
    public string? CountedSite { get; set; }

    /// <summary>Until when (UTC ticks, the end of that local day) the last count stands.</summary>
    public long CountedUntilTicks { get; set; }
}
