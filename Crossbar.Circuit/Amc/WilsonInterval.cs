namespace Crossbar.Circuit.Amc;

/// <summary>
/// The Wilson score interval of a binomial proportion, the confidence interval of a measured bit error rate: unlike the
/// normal (Wald) interval it stays inside [0, 1] and is not empty at 0 errors, where a BER simulation often ends.
/// </summary>
/// <remarks>
/// For k errors in n bits, p̂ = k/n and z the standard normal quantile (1.959964 for 95%):
/// <code>
/// centre = (p̂ + z²/(2n)) / (1 + z²/n)
/// half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²))
/// [lo, hi] = [centre − half, centre + half]
/// </code>
/// At k = 0 this is [0, z²/(n + z²)] ≈ [0, 3.84/n]. Source: E. B. Wilson, "Probable inference, the law of succession, and
/// statistical inference", J. Am. Stat. Assoc. 22 (158), 209–212 (1927); recommended over the Wald interval by L. D.
/// Brown, T. T. Cai and A. DasGupta, "Interval estimation for a binomial proportion", Statistical Science 16 (2),
/// 101–133 (2001).
/// </remarks>
public static class WilsonInterval
{
    /// <summary>z of a two-sided 95% interval: the 0.975 quantile of the standard normal distribution.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval of <paramref name="errors"/> successes in <paramref name="trials"/> trials.</summary>
    /// <param name="errors">Errors counted, 0 ≤ errors ≤ trials.</param>
    /// <param name="trials">Trials (bits); 0 gives [0, 1], no information.</param>
    /// <param name="z">Normal quantile; <see cref="Z95"/> for 95%.</param>
    /// <returns>Lower and upper bound, within [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative counts, more errors than trials, or z not positive.</exception>
    public static (double Lower, double Upper) Of(long errors, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(errors);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errors, trials);
        if (!(z > 0.0) || !double.IsFinite(z))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "z must be a finite positive quantile.");
        }

        if (trials == 0)
        {
            return (0.0, 1.0);
        }

        double n = trials;
        double p = errors / n;
        double z2 = z * z;
        double denominator = 1.0 + (z2 / n);
        double centre = (p + (z2 / (2.0 * n))) / denominator;
        double half = z / denominator * Math.Sqrt((p * (1.0 - p) / n) + (z2 / (4.0 * n * n)));
        // The exact ends: 0 at no errors and 1 at all errors (the formula gives them up to rounding).
        double lower = errors == 0 ? 0.0 : Math.Max(0.0, centre - half);
        double upper = errors == trials ? 1.0 : Math.Min(1.0, centre + half);
        return (lower, upper);
    }
}
