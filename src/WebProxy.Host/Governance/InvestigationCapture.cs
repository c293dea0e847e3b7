using WebProxy.Governance;
using WebProxy.Host.Statistics;
using WebProxy.Policy.Investigations;
using WebProxy.Proxy.Telemetry;
using WebProxy.Storage;

namespace WebProxy.Host.Governance;

/// <summary>
/// The proxy's <see cref="IInvestigationCapture"/> on the governance state (issue 6): a request authenticated as the
/// subject of an approved investigation, within its period, is appended to <c>investigations.db</c> in that
/// investigation's scope. A subject who holds an article-6.6 role by now is not recorded, whatever was approved.
/// </summary>
internal sealed class InvestigationCapture : IInvestigationCapture
{
    private readonly GovernanceState _state;
    private readonly CaptureStore _captures;
    private readonly TimeProvider _timeProvider;

    public InvestigationCapture(GovernanceState state, CaptureStore captures, TimeProvider timeProvider)
    {
        _state = state;
        _captures = captures;
        _timeProvider = timeProvider;
    }

    public bool IsCapturing(string personId) =>
        _state.Investigations.ActiveFor(personId, _state.Directory, _timeProvider.GetUtcNow()) is not null;

    public bool WantsContent(string personId) =>
        _state.Investigations.ActiveFor(personId, _state.Directory, _timeProvider.GetUtcNow()) == InvestigationScope.Content;

    public void Capture(in TrafficEvent traffic, string personId, string? url)
    {
        // As ActiveFor with the directory, in one pass: nothing for a person with an article-6.6 role by now.
        var now = _timeProvider.GetUtcNow();
        var capturing = _state.Investigations.Capturing(personId, now);
        if (capturing.Count == 0 || _state.Directory.Find(personId) is not { } person || InvestigationRules.IsExcluded(person))
        {
            return;
        }

        var decision = ProxyTrafficRecorder.Name(traffic.Decision);
        foreach (var investigation in capturing)
        {
            _captures.Append(investigation, now, traffic.Host, url, traffic.BytesToClient, traffic.BytesToOrigin, traffic.Rule, decision);
        }
    }
}
