using System.Net;
using System.Net.Sockets;

namespace WebProxy.Testing;

/// <summary>
/// Loopback ports that are free right now, for a program that must be told its ports before it starts. Another
/// process can still take one before the program binds it; callers retry on "address already in use".
/// </summary>
public static class FreeTcpPorts
{
    /// <summary>Distinct free ports: all are held open together while chosen, so none is handed out twice.</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
