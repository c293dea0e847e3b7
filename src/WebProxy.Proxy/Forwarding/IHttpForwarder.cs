using Microsoft.AspNetCore.Http;

namespace WebProxy.Proxy.Forwarding;

/// <summary>
/// Forwards one request to an origin and streams the response back. This is the seam the request pipeline
/// calls for plain absolute-form requests and for requests decrypted inside an intercepted tunnel.
/// </summary>
public interface IHttpForwarder
{
    /// <summary>
    /// Sends the request in <paramref name="context"/> to <paramref name="destination"/> (an absolute http or https
    /// URI, path and query included) and copies the response to the client, bodies streamed both ways. Bodies larger
    /// than <paramref name="limits"/> allow are refused before a byte moves when their length is declared, and cut
    /// off where the count crosses the bound when it is not.
    /// </summary>
    /// <returns>
    /// <see cref="ForwarderError.None"/> on success. On failure the details are in a <see cref="ForwarderErrorFeature"/>
    /// on the context; when the response has not started, the caller owns writing the error answer.
    /// </returns>
    ValueTask<ForwarderError> SendAsync(HttpContext context, Uri destination, TransferLimits limits, CancellationToken cancellationToken);
}
