using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WebProxy.Statistics.ClientKeys;

/// <summary>
/// One day's HMAC key: 32 random bytes, in memory only, on the pinned object heap so the garbage collector never
/// moves it and leaves a copy behind. <see cref="Retire"/> zeroes it and frees every HMAC context made from it;
/// nothing can recompute that day's hashes after.
/// </summary>
/// <remarks>
/// <para>HMAC contexts are pooled: a one-shot <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
/// sets up a new OpenSSL context per call (about 2 µs), a reused one only resets (about 0.5 µs). A context is
/// created from the key span, so the only copy of the key outside <c>_key</c> is inside OpenSSL, which erases it when
/// the context is freed. Each context is used by one thread at a time: whoever takes it from the pool uses it and
/// puts it back, and after retirement whoever finds it in the pool frees it.</para>
/// <para>A hash may still be running on another thread when the key is retired. <see cref="Retire"/> marks the key
/// retired, fences, then zeroes; a user computes, fences, then checks <see cref="IsRetired"/>. If the computation
/// read any zeroed byte, the mark was written before that byte and is visible after the fence, so the user retries
/// with the new key instead of returning a hash of a half-erased key.</para>
/// </remarks>
internal sealed class DayKey
{
    private const int Size = 32; // RFC 2104 §3: a key at least as long as the hash output (SHA-256: 32 bytes)

    private readonly byte[] _key;
    private readonly ConcurrentQueue<IncrementalHash> _contexts = new();
    private volatile bool _retired;

    public DayKey(DateOnly day)
    {
        Day = day;
        _key = GC.AllocateUninitializedArray<byte>(Size, pinned: true);
        RandomNumberGenerator.Fill(_key);
    }

    /// <summary>The local day this key belongs to, and the only one it ever hashes for.</summary>
    public DateOnly Day { get; }

    public bool IsRetired => _retired;

    /// <summary>HMAC-SHA256 (RFC 2104) of <paramref name="message"/> under this key into 32 bytes.</summary>
    public void Mac(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (!_contexts.TryDequeue(out var context))
        {
            context = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, (ReadOnlySpan<byte>)_key);
        }

        context.AppendData(message);
        context.GetHashAndReset(destination);
        _contexts.Enqueue(context);
        if (_retired)
        {
            FreeContexts(); // retired while this context was out of the pool
        }
    }

    public void Retire()
    {
        _retired = true;
        Interlocked.MemoryBarrier();
        CryptographicOperations.ZeroMemory(_key);
        FreeContexts();
    }

    private void FreeContexts()
    {
        while (_contexts.TryDequeue(out var context))
        {
            context.Dispose();
        }
    }
}
