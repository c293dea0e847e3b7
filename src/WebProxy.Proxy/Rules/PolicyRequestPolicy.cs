using Microsoft.AspNetCore.Http;
using WebProxy.Policy.Categories;
using WebProxy.Proxy.Forwarding;
using WebProxy.Proxy.Requests;

namespace WebProxy.Proxy.Rules;

/// <summary>Request decisions from the policy engine, on the full URL, with the size limits that apply.</summary>
internal sealed class PolicyRequestPolicy : IRequestPolicy
{
    private readonly IPolicySource _source;

    public PolicyRequestPolicy(IPolicySource source)
    {
        _source = source;
    }

    public RequestVerdict Decide(HttpContext context, Uri destination)
    {
        var engine = _source.Current;
        if (RequestUrlNormaliser.TryNormalise(destination, out var request))
        {
            var decision = engine.DecideRequest(request);
            if (decision.Reason is { } reason)
            {
                return RequestVerdict.Refuse(reason);
            }
        }

        // Exemptions (issue #4) will pass the person's own limits here.
        return RequestVerdict.Allow(new TransferLimits(engine.UploadLimit(), engine.DownloadLimit()));
    }
}
