namespace Crossbar.Circuit.Algebra;

/// <summary>Euclidean norms that neither overflow nor underflow: scaled by the largest entry, as LAPACK's dnrm2.</summary>
public static class ScaledNorm
{
    /// <summary>‖v‖₂ = s·√Σ(v_i/s)² with s = max|v_i|: finite for entries near 1e160, not zero for entries near 1e-200.</summary>
    /// <param name="v">The vector.</param>
    /// <returns>The norm (∞ or NaN when an entry is).</returns>
    public static double Of(ReadOnlySpan<double> v)
    {
        double scale = 0.0;
        foreach (double x in v)
        {
            double a = Math.Abs(x);
            if (!(a <= scale))
            {
                scale = a;
            }
        }

        if (scale == 0.0 || !double.IsFinite(scale))
        {
            return scale;
        }

        double s = 0.0;
        foreach (double x in v)
        {
            double r = x / scale;
            s += r * r;
        }

        return scale * Math.Sqrt(s);
    }

    /// <summary>‖x − reference‖₂/‖reference‖₂ with scaled norms (the absolute norm when the reference is zero).</summary>
    /// <param name="x">The answer.</param>
    /// <param name="reference">The exact answer.</param>
    /// <returns>The relative error.</returns>
    public static double RelativeError(ReadOnlySpan<double> x, ReadOnlySpan<double> reference)
    {
        if (x.Length != reference.Length)
        {
            throw new ArgumentException($"vectors of {x.Length} and {reference.Length} entries", nameof(reference));
        }

        var difference = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            difference[i] = x[i] - reference[i];
        }

        double num = Of(difference);
        double den = Of(reference);
        return den == 0.0 ? num : num / den;
    }
}
