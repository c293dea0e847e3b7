using System.Collections.Frozen;
using System.Numerics;
using WebProxy.Policy.Categories;
using WebProxy.Policy.Connect;

namespace WebProxy.Policy.Rules;

/// <summary>
/// Decides, without I/O, what the proxy does with a CONNECT (on the host) and with a plain or intercepted request (on
/// the full URL), from a <see cref="CategoryIndex"/>, the <see cref="CategoryMapping"/> and the
/// <see cref="PolicySettings"/>. Immutable and lock-free: a reload builds a new engine and swaps the reference.
/// </summary>
/// <remarks>
/// <para>Order of rules, for both entry points: the local allow list (<see cref="LocalLists.Allow"/>) wins over every
/// category; then the blocked list categories, reported by <see cref="RegulationCategoryNames.Priority"/>; else
/// allowed. List categories the mapping does not know, or maps with <c>blocked: false</c>, never block.</para>
/// <para>Deciding allocates nothing beyond what <see cref="CategoryIndex.MatchUrl(CategoryRequest)"/> does: the
/// masks and one <see cref="BlockReason"/> per list category are computed here, once.</para>
/// <para>Exemptions (issue 4, article 5.4) enter as values, never as state: a research exemption as the mask of
/// <see cref="ExemptMask"/> (its categories stop blocking for that one decision), a size exemption as the limit it
/// grants. The engine is the same for everyone; who is asking is the caller's business.</para>
/// </remarks>
public sealed class PolicyEngine
{
    private readonly ulong _allowMask;
    private readonly ulong _blockMask;
    private readonly ulong[] _priorityMasks;
    private readonly ulong[] _categoryMasks;
    private readonly BlockReason?[] _reasons = new BlockReason?[CategoryIndex.MaxCategories];
    private readonly FrozenSet<int> _connectPorts;
    private readonly FrozenSet<string> _pathRuleHosts;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _pathRuleHostLookup;

    public PolicyEngine(CategoryIndex index, CategoryMapping mapping, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        Index = index;
        Mapping = mapping;
        Settings = settings;
        _connectPorts = settings.AllowedConnectPorts.ToFrozenSet();

        var byCategory = new ulong[RegulationCategoryNames.All.Count];
        var unmapped = new List<string>();
        for (var i = 0; i < index.Categories.Count; i++)
        {
            var name = index.Categories[i];
            var bit = 1UL << i;
            if (name == LocalLists.Allow)
            {
                _allowMask |= bit;
            }
            else if (!mapping.TryGetRule(name, out var rule))
            {
                unmapped.Add(name);
            }
            else if (rule.Blocked)
            {
                byCategory[(int)rule.Category] |= bit;
                _blockMask |= bit;
                _reasons[i] = BlockReason.ForCategory(rule.Category, rule.Article, rule.ListCategory);
            }
        }

        _categoryMasks = byCategory;
        _priorityMasks = [.. RegulationCategoryNames.Priority.Select(c => byCategory[(int)c])];
        UnmappedListCategories = unmapped;

        // Hosts whose url-list entries block some path: a CONNECT to them cannot be decided on the host alone.
        _pathRuleHosts = index.Urls.Enumerate()
            .Where(u => (u.Rule.Categories & _blockMask) != 0)
            .Select(u => u.Host)
            .ToFrozenSet(StringComparer.Ordinal);
        _pathRuleHostLookup = _pathRuleHosts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The category index decisions look up.</summary>
    public CategoryIndex Index { get; }

    /// <summary>The mapping from list categories to the regulation.</summary>
    public CategoryMapping Mapping { get; }

    /// <summary>The settings.</summary>
    public PolicySettings Settings { get; }

    /// <summary>
    /// List categories in the index that the mapping neither maps nor is a local list (for a start-up warning);
    /// they never block. Those the mapping lists under <c>unmapped</c> are included too: check
    /// <see cref="CategoryMapping.Unmapped"/> to tell a deliberate omission from a forgotten one.
    /// </summary>
    public IReadOnlyList<string> UnmappedListCategories { get; }

    /// <summary>
    /// Decides a CONNECT on its port and host (the path is not visible yet).
    /// </summary>
    /// <returns>
    /// <list type="bullet">
    /// <item>A port outside <see cref="PolicySettings.AllowedConnectPorts"/>: <see cref="PolicyDecisionKind.Refuse"/>, no reason.</item>
    /// <item>A host on the local allow list: <see cref="PolicyDecisionKind.Tunnel"/> (<see cref="PolicyDecisionKind.Intercept"/> in <see cref="InterceptionMode.All"/>).</item>
    /// <item>A blocked host: <see cref="PolicyDecisionKind.Intercept"/> with the reason, so the block page is shown over TLS;
    /// in <see cref="InterceptionMode.None"/> <see cref="PolicyDecisionKind.Refuse"/> with the reason.</item>
    /// <item>In <see cref="InterceptionMode.BlockedOnly"/>, a host with blocked url-list paths (UT1's canaries, for one):
    /// <see cref="PolicyDecisionKind.Intercept"/> without a reason; each request inside is decided on its URL.</item>
    /// <item>Otherwise <see cref="PolicyDecisionKind.Tunnel"/> (<see cref="PolicyDecisionKind.Intercept"/> in <see cref="InterceptionMode.All"/>).</item>
    /// </list>
    /// Expression lists are not consulted on a CONNECT: they need the URL.
    /// </returns>
    public PolicyDecision DecideConnect(ConnectTarget target) => DecideConnect(target, 0);

    /// <summary>
    /// <see cref="DecideConnect(ConnectTarget)"/> for a person whose research exemptions cover the list categories in
    /// <paramref name="exemptMask"/> (from <see cref="ExemptMask"/>): those categories do not block.
    /// </summary>
    public PolicyDecision DecideConnect(ConnectTarget target, ulong exemptMask)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_connectPorts.Contains(target.Port))
        {
            return PolicyDecision.RefusePort;
        }

        var mode = Settings.InterceptionMode;
        var categories = Index.MatchHost(target.Host) & ~exemptMask;
        if ((categories & _allowMask) == 0 && ReasonOf(categories) is { } reason)
        {
            return new PolicyDecision(mode == InterceptionMode.None ? PolicyDecisionKind.Refuse : PolicyDecisionKind.Intercept, reason);
        }

        return mode switch
        {
            InterceptionMode.All => PolicyDecision.Intercept,
            InterceptionMode.BlockedOnly when (categories & _allowMask) == 0 && HasBlockedPaths(target.Host) => PolicyDecision.Intercept,
            _ => PolicyDecision.Tunnel,
        };
    }

    /// <summary>Decides a plain or intercepted request on its full URL: <see cref="PolicyDecisionKind.Allow"/> or <see cref="PolicyDecisionKind.Block"/>.</summary>
    public PolicyDecision DecideRequest(CategoryRequest request) => DecideCategories(Index.MatchUrl(request));

    /// <summary><see cref="DecideRequest(CategoryRequest)"/> with the categories of <paramref name="exemptMask"/> not blocking.</summary>
    public PolicyDecision DecideRequest(CategoryRequest request, ulong exemptMask) =>
        DecideCategories(Index.MatchUrl(request) & ~exemptMask);

    /// <summary>
    /// The list categories that stop blocking for a person with research exemptions for
    /// <paramref name="categories"/>: every list category the mapping puts under one of them. Zero for an empty set,
    /// so anonymous requests pay nothing. The local allow list is never part of it, and a URL in two categories stays
    /// blocked by the one not exempted.
    /// </summary>
    public ulong ExemptMask(IReadOnlySet<RegulationCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var mask = 0UL;
        foreach (var category in categories)
        {
            if ((uint)category < (uint)_categoryMasks.Length)
            {
                mask |= _categoryMasks[(int)category];
            }
        }

        return mask;
    }

    /// <summary>Decides a category mask from <see cref="CategoryIndex.MatchUrl(CategoryRequest)"/> or <see cref="CategoryIndex.MatchHost"/> of <see cref="Index"/>.</summary>
    public PolicyDecision DecideCategories(ulong categories) =>
        (categories & _allowMask) == 0 && ReasonOf(categories) is { } reason ? PolicyDecision.Block(reason) : PolicyDecision.Allow;

    /// <summary>
    /// The download limit for one response, in bytes, or null for none.
    /// </summary>
    /// <param name="exemptedLimit">The limit an oversized-transfer exemption grants (issue 4), or null without one. It
    /// can only raise the configured limit; <see cref="long.MaxValue"/> lifts it.</param>
    public long? DownloadLimit(long? exemptedLimit = null) => EffectiveLimit(Settings.DownloadLimitBytes, exemptedLimit);

    /// <summary>The upload limit for one request body, in bytes, or null for none; see <see cref="DownloadLimit"/>.</summary>
    public long? UploadLimit(long? exemptedLimit = null) => EffectiveLimit(Settings.UploadLimitBytes, exemptedLimit);

    /// <summary>Block with <see cref="BlockReason.DownloadTooLarge"/> when <paramref name="bytes"/> (a Content-Length, or the count so far) exceeds the limit.</summary>
    public PolicyDecision DecideDownloadSize(long bytes, long? exemptedLimit = null) =>
        DownloadLimit(exemptedLimit) is { } limit && bytes > limit ? PolicyDecision.Block(BlockReason.DownloadTooLarge) : PolicyDecision.Allow;

    /// <summary>Block with <see cref="BlockReason.UploadTooLarge"/> when <paramref name="bytes"/> exceeds the upload limit.</summary>
    public PolicyDecision DecideUploadSize(long bytes, long? exemptedLimit = null) =>
        UploadLimit(exemptedLimit) is { } limit && bytes > limit ? PolicyDecision.Block(BlockReason.UploadTooLarge) : PolicyDecision.Allow;

    private BlockReason? ReasonOf(ulong categories)
    {
        var blocked = categories & _blockMask;
        if (blocked == 0)
        {
            return null;
        }

        foreach (var mask in _priorityMasks)
        {
            var hit = blocked & mask;
            if (hit != 0)
            {
                return _reasons[BitOperations.TrailingZeroCount(hit)];
            }
        }

        return null;
    }

    private bool HasBlockedPaths(string host) =>
        _pathRuleHosts.Count > 0 && _pathRuleHostLookup.Contains(UrlText.StripWwwLabel(host));

    private static long? EffectiveLimit(long? configured, long? exempted)
    {
        if (configured is null || exempted is null)
        {
            return configured;
        }

        return exempted.Value == long.MaxValue ? null : Math.Max(configured.Value, exempted.Value);
    }

    private static void Validate(PolicySettings settings)
    {
        if (!Enum.IsDefined(settings.InterceptionMode))
        {
            throw new ArgumentException($"Unknown interception mode {settings.InterceptionMode}.", nameof(settings));
        }

        ArgumentNullException.ThrowIfNull(settings.AllowedConnectPorts, nameof(settings));
        foreach (var port in settings.AllowedConnectPorts)
        {
            if (port is < 1 or > 65535)
            {
                throw new ArgumentException($"CONNECT port {port} is not in 1-65535.", nameof(settings));
            }
        }

        if (settings.DownloadLimitBytes <= 0 || settings.UploadLimitBytes <= 0)
        {
            throw new ArgumentException("Size limits must be positive, or null for none.", nameof(settings));
        }
    }
}
