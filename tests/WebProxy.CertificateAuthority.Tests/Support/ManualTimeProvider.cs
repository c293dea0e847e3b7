namespace WebProxy.CertificateAuthority.Tests.Support;

/// <summary>A clock that moves only when a test moves it (Microsoft.Extensions.TimeProvider.Testing is not available).</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>A fixed, recent instant, so every run sees the same dates.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private DateTimeOffset _now;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start)
    {
        _now = start;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }

    public void Set(DateTimeOffset now)
    {
        lock (_lock)
        {
            _now = now;
        }
    }
}
