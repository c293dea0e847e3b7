using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WebProxy.Storage;

/// <summary>
/// The last record of the log: its sequence and hash. Operators should copy it somewhere the database's
/// administrators cannot write (a ticket, a mail to the privacy officer, a printout) and pass it back to
/// <see cref="GovernanceLogVerifier.Verify"/>: that is the only defence against someone who removes records from
/// the end and also rewinds the <c>governance_head</c> table. Its text form is <c>sequence:hash</c>.
/// </summary>
/// <param name="Sequence">The last record's sequence.</param>
/// <param name="Hash">The last record's hash, 64 lower-case hex digits.</param>
public sealed record GovernanceHead(long Sequence, string Hash)
{
    /// <summary><c>sequence:hash</c>, the form <see cref="TryParse"/> reads back.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}:{Hash}");

    /// <summary>Reads <c>sequence:hash</c> (hash in hex, either case).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GovernanceHead? head)
    {
        head = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0)
        {
            return false;
        }

        var hash = text[(colon + 1)..].Trim();
        if (!long.TryParse(text.AsSpan(0, colon).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1
            || hash.Length != GovernanceHash.Size * 2
            || !hash.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        head = new GovernanceHead(sequence, hash.ToLowerInvariant());
        return true;
    }
}
