namespace WebProxy.Statistics.Sketches;

/// <summary>The cardinality estimators of <see cref="HyperLogLog"/>.</summary>
internal static class HyperLogLogEstimator
{
    private const double SparseRegisters = 1 << SparseEntry.IndexBits;

    // α∞ = 1 / (2 ln 2), the limit of HyperLogLog's bias constant α_m as m grows (Ertl 2017, eq. 11).
    private static readonly double AlphaInfinity = 1 / (2 * Math.Log(2));

    /// <summary>
    /// Linear counting (Whang, Vander-Zanden and Taylor 1990) over the 2²⁵ virtual registers of the sparse form:
    /// m′ · ln(m′ / empty). With at most a few thousand entries among 33 million registers this is the number of
    /// distinct entries to within a few parts per million, so 1 to 50 distinct values read back exactly.
    /// </summary>
    public static double Sparse(int entries) => SparseRegisters * Math.Log(SparseRegisters / (SparseRegisters - entries));

    /// <summary>
    /// Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog sketches", 2017,
    /// arXiv:1702.01284, algorithm 6) over the register histogram. Unlike the original HyperLogLog estimate it needs
    /// no switch to linear counting and no table of empirical bias corrections (HyperLogLog++ §5.2): its σ term is
    /// linear counting for nearly empty sketches and its τ term corrects the registers that saturated, so it stays
    /// within the standard error 1.04/√m from a few hundred values up to far beyond 2⁶⁴ / m.
    /// </summary>
    public static double Dense(ReadOnlySpan<byte> registers, int precision)
    {
        var m = registers.Length;
        var q = 64 - precision; // register values run from 0 (empty) to q + 1
        Span<int> histogram = stackalloc int[q + 2];
        histogram.Clear();
        foreach (var value in registers)
        {
            histogram[value]++;
        }

        var z = m * Tau(1.0 - ((double)histogram[q + 1] / m));
        for (var k = q; k >= 1; k--)
        {
            z = 0.5 * (z + histogram[k]);
        }

        z += m * Sigma((double)histogram[0] / m);
        return AlphaInfinity * m * m / z;
    }

    // σ(x) = x + Σ_{k≥1} x^(2^k) · 2^(k−1); infinite for an empty sketch (x = 1), which makes the estimate 0.
    private static double Sigma(double x)
    {
        if (x == 1.0)
        {
            return double.PositiveInfinity;
        }

        var y = 1.0;
        var z = x;
        double previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    // τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))² · 2^−k) / 3; zero when no register (x = 1) or every register (x = 0)
    // saturated.
    private static double Tau(double x)
    {
        if (x is 0.0 or 1.0)
        {
            return 0.0;
        }

        var y = 1.0;
        var z = 1.0 - x;
        double previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1.0 - x) * (1.0 - x) * y;
        }
        while (z != previous);
        return z / 3.0;
    }
}
