using Microsoft.AspNetCore.Http;

namespace WebProxy.Proxy.Requests;

/// <summary>
/// The rules applied to every request the proxy can see (plain, or decrypted inside an intercepted tunnel), on the
/// full URL. Implementations must be fast and lock-free: this runs on every request.
/// </summary>
public interface IRequestPolicy
{
    RequestVerdict Decide(HttpContext context, Uri destination);
}
