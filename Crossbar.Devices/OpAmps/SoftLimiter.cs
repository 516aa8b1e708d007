namespace Crossbar.Devices.OpAmps;

/// <summary>
/// Smooth clipping of a value into [lower, upper]: exactly the identity inside, tanh knees of width δ at the edges.
/// </summary>
/// <remarks>
/// With c = upper − δ and d = lower + δ:
/// <code>
/// y = x                              d ≤ x ≤ c
///   = c + δ·tanh((x − c)/δ)          x &gt; c
///   = d − δ·tanh((d − x)/δ)          x &lt; d
/// </code>
/// y and dy/dx are continuous (so is d²y/dx², since tanh''(0) = 0), y stays strictly inside (lower, upper), and small
/// signals are passed without distortion, unlike a plain tanh over the full swing. A phenomenological limiter; it
/// does not model any particular output stage.
/// </remarks>
public static class SoftLimiter
{
    /// <summary>Clipped value and its derivative.</summary>
    /// <param name="x">Input.</param>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit, above <paramref name="lower"/>.</param>
    /// <param name="knee">Knee width δ, positive and at most (upper − lower)/2.</param>
    /// <param name="derivative">dy/dx.</param>
    /// <returns>y.</returns>
    /// <exception cref="ArgumentException">The limits or the knee are inconsistent.</exception>
    public static double Limit(double x, double lower, double upper, double knee, out double derivative)
    {
        if (!(upper > lower))
        {
            throw new ArgumentException($"upper ({Guard.Format(upper)}) must exceed lower ({Guard.Format(lower)}).", nameof(upper));
        }

        if (!(knee > 0.0 && knee <= 0.5 * (upper - lower)))
        {
            throw new ArgumentException($"knee must lie in (0, (upper − lower)/2], got {Guard.Format(knee)}.", nameof(knee));
        }

        return LimitUnchecked(x, lower, upper, knee, out derivative);
    }

    internal static double LimitUnchecked(double x, double lower, double upper, double knee, out double derivative)
    {
        double c = upper - knee;
        double d = lower + knee;
        if (x > c)
        {
            double t = Math.Tanh((x - c) / knee);
            derivative = 1.0 - (t * t);
            return c + (knee * t);
        }

        if (x < d)
        {
            double t = Math.Tanh((d - x) / knee);
            derivative = 1.0 - (t * t);
            return d - (knee * t);
        }

        derivative = 1.0;
        return x;
    }
}
