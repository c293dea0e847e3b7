using System.Net.Security;

namespace WebProxy.CertificateAuthority;

/// <summary>
/// One host's leaf in the cache: in flight until the mint completes, then ready until its renewal time. Callers
/// that arrive while the mint is in flight await the same task, so a host is minted once however many
/// connections to it open at the same moment.
/// </summary>
internal sealed class LeafCacheEntry
{
    private readonly TaskCompletionSource<SslStreamCertificateContext> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SslStreamCertificateContext? _context;
    private DateTimeOffset _renewAt;
    private long _lastUsed;

    public LeafCacheEntry(long lastUsed)
    {
        _lastUsed = lastUsed;
    }

    /// <summary>The minted context, or null while the mint is in flight.</summary>
    public SslStreamCertificateContext? Context => Volatile.Read(ref _context);

    public Task<SslStreamCertificateContext> Completion => _completion.Task;

    /// <summary>Position in use order, for least-recently-used eviction; higher is more recent.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long useStamp) => Volatile.Write(ref _lastUsed, useStamp);

    /// <summary>True once the leaf is minted and past its renewal time; an in-flight entry is never stale.</summary>
    public bool IsStale(DateTimeOffset now) => Context is not null && now >= _renewAt;

    public void Complete(SslStreamCertificateContext context, DateTimeOffset renewAt)
    {
        // _renewAt is written before _context is published, so a reader that sees the context sees its time too.
        _renewAt = renewAt;
        Volatile.Write(ref _context, context);
        _completion.SetResult(context);
    }

    public void Fail(Exception exception) => _completion.SetException(exception);
}
