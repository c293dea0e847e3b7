using System.Collections.Frozen;
using WebProxy.Policy.Identity;

namespace WebProxy.Policy.Investigations;

/// <summary>
/// An immutable snapshot of all investigations, as the proxy consults them per request (issue 6). The host builds a
/// new snapshot when one is requested, decided, withdrawn or held, and swaps it in atomically. Every question takes
/// the moment as <c>now</c>; there is no clock inside, so a recording window opens and closes exactly, and stops by
/// itself at the end without anyone acting. Lookups by subject are a dictionary read.
/// </summary>
public sealed class InvestigationSet
{
    private readonly FrozenDictionary<string, Investigation[]> _bySubject;
    private readonly FrozenDictionary<Guid, Investigation> _byId;

    private InvestigationSet(Investigation[] all)
    {
        All = all;
        _bySubject = all
            .GroupBy(i => i.SubjectId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byId = all.ToFrozenDictionary(i => i.Id);
        OnLegalHold = all.Where(i => i.IsOnLegalHold).Select(i => i.Id).ToFrozenSet();
    }

    /// <summary>A set without investigations.</summary>
    public static InvestigationSet Empty { get; } = new([]);

    /// <summary>Every investigation, in the order given (the order they were requested), whatever its state.</summary>
    public IReadOnlyList<Investigation> All { get; }

    /// <summary>The ids of the investigations whose records a legal hold keeps now (the retention job skips them).</summary>
    public IReadOnlySet<Guid> OnLegalHold { get; }

    /// <summary>Builds a snapshot.</summary>
    /// <exception cref="ArgumentException">An investigation is null, or two have the same id.</exception>
    public static InvestigationSet Create(IEnumerable<Investigation> investigations)
    {
        ArgumentNullException.ThrowIfNull(investigations);
        var list = investigations.ToArray();
        var ids = new HashSet<Guid>();
        foreach (var investigation in list)
        {
            if (investigation is null)
            {
                throw new ArgumentException("An investigation is missing.", nameof(investigations));
            }

            if (!ids.Add(investigation.Id))
            {
                throw new ArgumentException($"Two investigations have the id {investigation.Id}.", nameof(investigations));
            }
        }

        return new InvestigationSet(list);
    }

    /// <summary>
    /// Whether <paramref name="investigation"/> records its subject's requests at <paramref name="now"/>: it was
    /// approved at or before <paramref name="now"/>, and <c>CaptureStart &lt;= now &lt; CaptureEnd</c> (from the
    /// later of the start and the approval, until the earlier of the end and a withdrawal). A refused or merely
    /// requested investigation never records.
    /// </summary>
    public static bool IsCapturing(Investigation investigation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        return investigation.CaptureStart is { } start && start <= now && now < investigation.CaptureEnd;
    }

    /// <summary>The investigation with this id, or null.</summary>
    public Investigation? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>A new snapshot with the investigation added, or replacing the one with the same id (keeping its place).</summary>
    public InvestigationSet With(Investigation investigation)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        var list = All.ToList();
        var index = list.FindIndex(i => i.Id == investigation.Id);
        if (index < 0)
        {
            list.Add(investigation);
        }
        else
        {
            list[index] = investigation;
        }

        return new InvestigationSet([.. list]);
    }

    /// <summary>The investigations naming one person, in the order given; empty for someone never named.</summary>
    public IReadOnlyList<Investigation> For(string personId)
    {
        ArgumentNullException.ThrowIfNull(personId);
        return _bySubject.TryGetValue(personId, out var investigations) ? investigations : [];
    }

    /// <summary>
    /// The investigations recording <paramref name="personId"/>'s requests at <paramref name="now"/>
    /// (<see cref="IsCapturing"/>), in the order given; empty for nearly everyone. The capture hook appends one record
    /// per investigation, in that investigation's own scope (the full URL only for a content one).
    /// </summary>
    public IReadOnlyList<Investigation> Capturing(string personId, DateTimeOffset now)
    {
        List<Investigation>? capturing = null;
        foreach (var investigation in For(personId))
        {
            if (IsCapturing(investigation, now))
            {
                (capturing ??= []).Add(investigation);
            }
        }

        return capturing ?? (IReadOnlyList<Investigation>)[];
    }

    /// <summary>
    /// What to record of <paramref name="personId"/>'s requests at <paramref name="now"/>: the widest scope of the
    /// investigations recording them (<see cref="InvestigationScope.Content"/> wins over
    /// <see cref="InvestigationScope.Traffic"/>), or null when none is (the proxy then records nothing about them).
    /// </summary>
    public InvestigationScope? ActiveFor(string personId, DateTimeOffset now)
    {
        InvestigationScope? scope = null;
        foreach (var investigation in For(personId))
        {
            if (IsCapturing(investigation, now))
            {
                if (investigation.Scope == InvestigationScope.Content)
                {
                    return InvestigationScope.Content;
                }

                scope = InvestigationScope.Traffic;
            }
        }

        return scope;
    }

    /// <summary>
    /// <see cref="ActiveFor(string, DateTimeOffset)"/>, refused at capture for a person the directory now shows with an
    /// article-6.6 role (design §1: refused at request, at approval and at capture): null for them, whatever was approved.
    /// </summary>
    public InvestigationScope? ActiveFor(string personId, PersonDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (ActiveFor(personId, now) is not { } scope)
        {
            return null;
        }

        return directory.Find(personId) is { } person && !InvestigationRules.IsExcluded(person) ? scope : null;
    }

    /// <summary>
    /// The first moment after <paramref name="now"/> at which some investigation starts or stops recording, so the host
    /// can set a timer (to drop cached decisions, to log an end) instead of polling; null when nothing changes any more.
    /// </summary>
    public DateTimeOffset? NextChange(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var investigation in All)
        {
            if (investigation.CaptureStart is { } start && start < investigation.CaptureEnd)
            {
                Consider(start);
                Consider(investigation.CaptureEnd);
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
