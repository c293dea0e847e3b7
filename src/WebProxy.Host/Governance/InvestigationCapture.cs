using WebProxy.Governance;
using WebProxy.Policy.Investigations;
using WebProxy.Proxy.Telemetry;
using WebProxy.Statistics.Counting;
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
        var now = _timeProvider.GetUtcNow();
        if (_state.Investigations.ActiveFor(personId, _state.Directory, now) is null)
        {
            return;
        }

        var decision = traffic.Decision switch
        {
            TrafficDecision.Blocked => Decisions.Blocked,
            TrafficDecision.Exempted => Decisions.Exempted,
            _ => Decisions.Allowed,
        };
        foreach (var investigation in _state.Investigations.Capturing(personId, now))
        {
            _captures.Append(investigation, now, traffic.Host, url, traffic.BytesToClient, traffic.BytesToOrigin, traffic.Rule, decision);
        }
    }
}
