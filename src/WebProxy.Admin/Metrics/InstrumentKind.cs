namespace WebProxy.Admin.Metrics;

/// <summary>The instrument types the exporter understands, as Prometheus sees them.</summary>
internal enum InstrumentKind
{
    /// <summary><c>Counter&lt;T&gt;</c>: measurements are increments.</summary>
    Counter,

    /// <summary><c>UpDownCounter&lt;T&gt;</c>: measurements are increments or decrements; exported as a gauge.</summary>
    UpDownCounter,

    /// <summary><c>Gauge&lt;T&gt;</c>: measurements replace the value.</summary>
    Gauge,

    /// <summary><c>ObservableCounter&lt;T&gt;</c>: callbacks report the running total.</summary>
    ObservableCounter,

    /// <summary><c>ObservableUpDownCounter&lt;T&gt;</c>: callbacks report the current total; exported as a gauge.</summary>
    ObservableUpDownCounter,

    /// <summary><c>ObservableGauge&lt;T&gt;</c>: callbacks report the current value.</summary>
    ObservableGauge,

    /// <summary><c>Histogram&lt;T&gt;</c>: each measurement lands in a bucket.</summary>
    Histogram,
}
