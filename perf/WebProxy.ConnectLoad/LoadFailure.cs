namespace WebProxy.ConnectLoad;

/// <summary>An iteration that failed in a way the protocol code recognised, with its kind.</summary>
internal sealed class LoadFailure : Exception
{
    public LoadFailure()
    {
    }

    public LoadFailure(string message)
        : base(message)
    {
    }

    public LoadFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LoadFailure(FailureKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public FailureKind Kind { get; } = FailureKind.Protocol;
}
