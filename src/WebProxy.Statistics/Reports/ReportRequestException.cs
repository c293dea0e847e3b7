namespace WebProxy.Statistics.Reports;

/// <summary>
/// A report was asked for in a way that cannot be answered: a period in the future, a reversed range, an unknown
/// period kind, a date that is not one. <see cref="Field"/> names the input (the admin API's query parameter:
/// <c>period</c>, <c>date</c>, <c>to</c>), so the API can answer with a problem that points at it.
/// </summary>
public sealed class ReportRequestException : Exception
{
    public ReportRequestException()
        : this("request", "The report request is not valid.")
    {
    }

    public ReportRequestException(string message)
        : this("request", message)
    {
    }

    public ReportRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "request";
    }

    public ReportRequestException(string field, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        Field = field;
    }

    /// <summary>The input the problem is about: <c>period</c>, <c>date</c> or <c>to</c>.</summary>
    public string Field { get; }
}
