using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WebProxy.Storage;

/// <summary>
/// The hash of a governance record: SHA-256 over a canonical encoding that cannot be read two ways.
/// <code>
/// hash = SHA-256(
///     field("webproxy-governance-log/v1")      domain tag: a hash of something else never collides with a record's
///     int64 big-endian   sequence              so a record cannot be moved to another position with its hash
///     32 bytes           previous_hash         the chain: 32 zero bytes for record 1
///     field(recorded_at)                       the stored text, e.g. 2025-03-01T09:30:00.0000000Z
///     field(actor)
///     field(action)                            the stored name, e.g. exemption_granted
///     field(subject)
///     field(details)                           the stored JSON text, byte for byte (no re-serialisation)
///     field(purpose))
///
/// field(null) = 0x00
/// field(s)    = 0x01 || uint32 big-endian length of UTF-8(s) in bytes || UTF-8(s)
/// </code>
/// The length prefix keeps field boundaries unambiguous (actor "ab" + subject "c" differs from "a" + "bc"), and the
/// presence byte keeps a missing subject apart from an empty one. Anyone can recompute the chain from the table with
/// this description alone. A plain hash has no secret: it proves that records were not changed one by one, not that
/// the whole chain was not rewritten from some point on; the exported <see cref="GovernanceHead"/> covers that.
/// </summary>
internal static class GovernanceHash
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    /// <summary>The format of <c>recorded_at</c>: ISO 8601, UTC, 100 ns precision, fixed width (so text order is time order).</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const string DomainTag = "webproxy-governance-log/v1";

    /// <summary>The previous hash of record 1.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Size];

    public static string FormatTimestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTimestamp(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    public static byte[] Compute(
        long sequence,
        ReadOnlySpan<byte> previousHash,
        string? recordedAt,
        string? actor,
        string? action,
        string? subject,
        string? details,
        string? purpose)
    {
        if (previousHash.Length != Size)
        {
            throw new ArgumentException($"A previous hash has {Size} bytes.", nameof(previousHash));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, DomainTag);
        Span<byte> number = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        hash.AppendData(number);
        hash.AppendData(previousHash);
        AppendField(hash, recordedAt);
        AppendField(hash, actor);
        AppendField(hash, action);
        AppendField(hash, subject);
        AppendField(hash, details);
        AppendField(hash, purpose);
        return hash.GetHashAndReset();
    }

    public static string ToHex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    private static void AppendField(IncrementalHash hash, string? value)
    {
        if (value is null)
        {
            hash.AppendData([0]);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> prefix = stackalloc byte[1 + sizeof(uint)];
        prefix[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)bytes.Length);
        hash.AppendData(prefix);
        hash.AppendData(bytes);
    }
}
