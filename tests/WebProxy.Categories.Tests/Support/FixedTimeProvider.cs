namespace WebProxy.Categories.Tests.Support;

/// <summary>A clock that says what the test tells it; timers still run on real time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
