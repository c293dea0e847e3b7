using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WebProxy.Statistics.ClientKeys;

/// <summary>
/// Turns a client identity (the authenticated person's id, else the client address as text) into the 64-bit value a
/// <see cref="Sketches.HyperLogLog"/> counts: HMAC-SHA256 (RFC 2104) under a random 32-byte key, truncated to its
/// leftmost 64 bits (RFC 2104 §5).
/// The key is drawn from <see cref="RandomNumberGenerator"/>, lives only in this object's memory, and is replaced
/// (the old one zeroed) when the local day changes.
/// </summary>
/// <remarks>
/// <para>Why keyed and daily (issue #5, regulation article 6.2): a stored sketch holds bits of these hashes. Without
/// the key nobody, the operator included, can compute the hash of a known person or address to test it against a
/// stored sketch; and because each day has its own key, which no longer exists once the day is over, sketches of
/// different days cannot be linked: the same person gives unrelated values on Monday and Tuesday.</para>
/// <para>A consequence for reports: merging day sketches over a week counts client-days, not clients (one person on
/// five days counts as five). The union over a period is an upper bound of its distinct clients; the largest daily
/// count is a lower bound.</para>
/// <para>Within one day the same client gives the same value wherever
/// <see cref="Hash(ReadOnlySpan{char}, out DateOnly)"/> is used, so two stored per-site sketches of that day share an
/// entry when one client visited both sites: for sites with few visitors that links visits into an unnamed browsing
/// profile of the day. <see cref="Hash(ReadOnlySpan{char}, ReadOnlySpan{char}, out DateOnly)"/> hashes the site in
/// as well, so one client's values in two sites' sketches are unrelated; sketches that are stored should use it.</para>
/// <para>The day is the date in <see cref="TimeZoneInfo"/> terms (Europe/Amsterdam for the municipality): a day of
/// 23 or 25 hours at a DST change is one day. The day never goes back: if the clock does (two threads racing at
/// midnight, or an operator setting it back), hashing stays with the newest key and reports its day, so each key
/// serves exactly one day and a destroyed key is never needed again.</para>
/// <para>Thread-safe; the common path takes no lock and allocates nothing (a scope and identity of up to 510
/// UTF-8 bytes together are encoded on the stack). A hash costs about as much as one SHA-256 of a short message,
/// roughly half a microsecond: a recorder should hash once per client and site where it can (per tunnel, say), not
/// once per request.</para>
/// </remarks>
public sealed class DailyClientHasher : IDisposable
{
    private const int StackLimit = 512;
    private const int ScopeLengthSize = sizeof(ushort);

    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo _timeZone;
    private readonly Lock _rotation = new();
    private DayKey? _current;
    private bool _disposed;

    /// <param name="timeProvider">The clock that says which day it is.</param>
    /// <param name="timeZone">The zone whose midnight starts a new day and a new key.</param>
    public DailyClientHasher(TimeProvider timeProvider, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(timeZone);
        _timeProvider = timeProvider;
        _timeZone = timeZone;
    }

    /// <summary>The value of <paramref name="clientId"/> under today's key.</summary>
    /// <param name="clientId">The person's id, or the client address as text.</param>
    /// <param name="day">The local day whose key made the hash: count it in that day's sketch.</param>
    public ulong Hash(ReadOnlySpan<char> clientId, out DateOnly day) => Hash(ReadOnlySpan<char>.Empty, clientId, out day);

    /// <summary>The value of <paramref name="clientId"/> within <paramref name="scope"/> (a site) under today's key:
    /// unrelated to the same client's value in any other scope.</summary>
    /// <param name="scope">What the sketch counts visitors of, e.g. the site; at most 65,535 UTF-8 bytes.</param>
    /// <param name="clientId">The person's id, or the client address as text.</param>
    /// <param name="day">The local day whose key made the hash: count it in that day's sketch.</param>
    public ulong Hash(ReadOnlySpan<char> scope, ReadOnlySpan<char> clientId, out DateOnly day)
    {
        // The message is [scope length: 2 bytes][scope][client], so no (scope, client) pair spells another's message.
        var scopeBytes = Encoding.UTF8.GetByteCount(scope);
        if (scopeBytes > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(scope), "The scope is longer than 65,535 UTF-8 bytes.");
        }

        var size = ScopeLengthSize + scopeBytes + Encoding.UTF8.GetByteCount(clientId);
        byte[]? rented = null;
        var message = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            message = message[..size];
            BinaryPrimitives.WriteUInt16BigEndian(message, (ushort)scopeBytes);
            Encoding.UTF8.GetBytes(scope, message[ScopeLengthSize..]);
            Encoding.UTF8.GetBytes(clientId, message[(ScopeLengthSize + scopeBytes)..]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            while (true)
            {
                var key = KeyFor(_timeProvider.GetUtcNow());
                key.Mac(message, mac);
                Interlocked.MemoryBarrier(); // see DayKey: a key zeroed while in use is seen as retired here
                if (!key.IsRetired)
                {
                    day = key.Day;
                    return BinaryPrimitives.ReadUInt64BigEndian(mac);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message); // the identity does not linger in the buffer
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Zeroes the current key; hashing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_rotation)
        {
            _disposed = true;
            _current?.Retire();
            _current = null;
        }
    }

    private DayKey KeyFor(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _timeZone).DateTime);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Day >= today)
        {
            return current;
        }

        lock (_rotation)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            current = _current;
            if (current is not null && current.Day >= today)
            {
                return current;
            }

            var next = new DayKey(today);
            Volatile.Write(ref _current, next);
            current?.Retire();
            return next;
        }
    }
}
