using System.Collections.Frozen;
using WebProxy.Policy.Rules;

namespace WebProxy.Policy.Exemptions;

/// <summary>
/// An immutable snapshot of all exemptions, as the proxy consults them per request (issue 4). The host builds a new
/// snapshot when one is granted, revoked or marked expired and swaps it in atomically, so a change applies to the next
/// request without a restart. Every question takes the moment as <c>now</c>; there is no clock inside, so windows are
/// exact and tests use fixed times. Lookups by subject are a dictionary read.
/// </summary>
public sealed class ExemptionSet
{
    private static readonly IReadOnlySet<RegulationCategory> NoCategories = FrozenSet<RegulationCategory>.Empty;

    private readonly FrozenDictionary<string, Exemption[]> _bySubject;

    private ExemptionSet(Exemption[] all)
    {
        All = all;
        _bySubject = all
            .GroupBy(e => e.SubjectId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A set without exemptions.</summary>
    public static ExemptionSet Empty { get; } = new([]);

    /// <summary>Every exemption, in the order given, revoked and ended ones included.</summary>
    public IReadOnlyList<Exemption> All { get; }

    /// <summary>Builds a snapshot.</summary>
    /// <exception cref="ArgumentException">An exemption is null, or two have the same id.</exception>
    public static ExemptionSet Create(IEnumerable<Exemption> exemptions)
    {
        ArgumentNullException.ThrowIfNull(exemptions);
        var list = exemptions.ToArray();
        var ids = new HashSet<Guid>();
        foreach (var exemption in list)
        {
            if (exemption is null)
            {
                throw new ArgumentException("An exemption is missing.", nameof(exemptions));
            }

            if (!ids.Add(exemption.Id))
            {
                throw new ArgumentException($"Two exemptions have the id {exemption.Id}.", nameof(exemptions));
            }
        }

        return new ExemptionSet(list);
    }

    /// <summary>
    /// Whether the exemption applies at <paramref name="now"/>: <c>Start &lt;= now &lt; End</c>, and not revoked at or
    /// before <paramref name="now"/>. A revocation time in the future (only when asking about the past) does not count yet.
    /// </summary>
    public static bool IsActive(Exemption exemption, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        return exemption.Start <= now && now < exemption.EffectiveEnd;
    }

    /// <summary>The exemption with this id, or null.</summary>
    public Exemption? Find(Guid id) => All.FirstOrDefault(e => e.Id == id);

    /// <summary>A new snapshot with the exemption added, or replacing the one with the same id (keeping its place).</summary>
    public ExemptionSet With(Exemption exemption)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        var list = All.ToList();
        var index = list.FindIndex(e => e.Id == exemption.Id);
        if (index < 0)
        {
            list.Add(exemption);
        }
        else
        {
            list[index] = exemption;
        }

        return new ExemptionSet([.. list]);
    }

    /// <summary>The exemptions of one person, in the order given; empty for someone without any.</summary>
    public IReadOnlyList<Exemption> For(string personId)
    {
        ArgumentNullException.ThrowIfNull(personId);
        return _bySubject.TryGetValue(personId, out var exemptions) ? exemptions : [];
    }

    /// <summary>
    /// The regulation categories <paramref name="personId"/> may visit at <paramref name="now"/>: the union of the
    /// categories of their active research exemptions; empty without one.
    /// </summary>
    public IReadOnlySet<RegulationCategory> ActiveResearchCategories(string personId, DateTimeOffset now)
    {
        HashSet<RegulationCategory>? categories = null;
        foreach (var exemption in For(personId))
        {
            if (exemption is ResearchExemption research && IsActive(research, now))
            {
                (categories ??= []).UnionWith(research.Categories);
            }
        }

        return categories ?? NoCategories;
    }

    /// <summary>
    /// Whether anyone holds an active research exemption for <paramref name="category"/> at <paramref name="now"/>:
    /// only then can credentials change a block of that category, so only then does the proxy in
    /// <c>when-needed</c> mode ask an anonymous client to sign in. Says nothing about who.
    /// </summary>
    public bool AnyoneExempt(RegulationCategory category, DateTimeOffset now)
    {
        foreach (var exemption in All)
        {
            if (exemption is ResearchExemption research && research.Categories.Contains(category) && IsActive(research, now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The size limit <paramref name="personId"/>'s active size exemptions grant at <paramref name="now"/>, for
    /// <see cref="PolicyEngine.DownloadLimit"/> and <see cref="PolicyEngine.UploadLimit"/>: the largest
    /// <see cref="SizeExemption.MaxBytes"/>; <see cref="long.MaxValue"/> when an active one has no limit; null when
    /// none is active.
    /// </summary>
    public long? ActiveSizeLimit(string personId, DateTimeOffset now)
    {
        long? limit = null;
        foreach (var exemption in For(personId))
        {
            if (exemption is SizeExemption size && IsActive(size, now))
            {
                var bytes = size.MaxBytes ?? long.MaxValue;
                limit = limit is { } current ? Math.Max(current, bytes) : bytes;
            }
        }

        return limit;
    }

    /// <summary>
    /// The exemptions that have run to their end (<c>End &lt;= now</c>) without being revoked and whose expiry the
    /// governance log does not hold yet (<see cref="Exemption.ExpiryRecorded"/> false), in the order given. The host
    /// logs an 'expired' record for each and stores them with <see cref="Exemption.ExpiryRecorded"/> set. A revoked
    /// exemption never expires: its revocation is its last record.
    /// </summary>
    public IReadOnlyList<Exemption> Expired(DateTimeOffset now) =>
        [.. All.Where(e => e.End <= now && e.RevokedAt is null && !e.ExpiryRecorded)];

    /// <summary>
    /// The first moment after <paramref name="now"/> at which some exemption starts, ends or is revoked, so the host
    /// can set a timer (to log expiries, to drop cached decisions) instead of polling; null when nothing changes any
    /// more.
    /// </summary>
    public DateTimeOffset? NextChange(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var exemption in All)
        {
            // An exemption revoked before it started never applies: its start changes nothing.
            if (exemption.Start < exemption.EffectiveEnd)
            {
                Consider(exemption.Start);
                Consider(exemption.EffectiveEnd);
            }
        }

        return next;

        void Consider(DateTimeOffset moment)
        {
            if (moment > now && (next is null || moment < next))
            {
                next = moment;
            }
        }
    }
}
