using Microsoft.AspNetCore.Http;
using WebProxy.Proxy.Forwarding;

namespace WebProxy.Proxy.Requests;

/// <summary>No rules: every request is forwarded without size bounds. The engine's default until a policy is registered.</summary>
internal sealed class OpenRequestPolicy : IRequestPolicy
{
    private static readonly RequestVerdict Allowed = RequestVerdict.Allow(TransferLimits.None);

    public RequestVerdict Decide(HttpContext context, Uri destination) => Allowed;
}
