namespace Crossbar.Circuit.Engine;

/// <summary>
/// The time constant of the tail of a step response, fitted: v(t) ≈ v∞ + a·e^(−t/τ) once the
/// faster modes have died out, for one signal or jointly for several (the outputs of one loop).
/// </summary>
/// <remarks>
/// <para><b>Window.</b> With the deviation d(t) = ‖v(t) − v(end)‖₂ over the signals and the step
/// h = d(0), the tail is the part of the record after d last exceeds <c>upper</c>·h, up to where
/// it last exceeds <c>lower</c>·h. The defaults, 10⁻³ and 10⁻⁶, start late: the INV loops of
/// positive matrices have several poles within 10–30% of the slowest, and a second mode with
/// τ₂ = 0.8·τ still holds e^(−0.25·t/τ) of its share, about 20% at 10⁻³ of the step (≈7τ in);
/// the end stays well above the integrator's error and the last sample's own offset from v∞
/// (e^(−20) of the step for a 20τ record).</para>
/// <para><b>Fit.</b> Least squares of ln‖v(t) − v(t + L)‖₂ = const − t/τ over the window, with
/// L a third of the window and v(t + L) interpolated linearly: for one mode
/// v(t) − v(t + L) = a·(1 − e^(−L/τ))·e^(−t/τ), so v∞ drops out. The norm over several signals
/// adds the squared modal amplitudes rather than letting modes of opposite sign cancel in one
/// signal (which can make a single output's tail look slower than the slowest pole).</para>
/// <para><b>Oscillating tails.</b> When d rises again to more than twice its last minimum at least
/// twice inside the window (a complex dominant pair: the tail crosses v∞ every half period), the
/// local maxima of d, the envelope e^(−t/τ), enter a log fit instead. NaN when the window holds fewer than
/// <see cref="MinimumPoints"/> samples (or three envelope peaks), when the step is zero, or when
/// the fitted deviation grows.</para>
/// </remarks>
public static class TimeConstantFit
{
    /// <summary>Default upper edge of the tail window, relative to the step.</summary>
    public const double DefaultUpper = 1e-3;

    /// <summary>Default lower edge of the tail window, relative to the step.</summary>
    public const double DefaultLower = 1e-6;

    /// <summary>Fewest samples in the window for a fit.</summary>
    public const int MinimumPoints = 8;

    /// <summary>Fits τ (s) to the tail of one signal v(t); NaN when no clean tail exists (see remarks).</summary>
    /// <param name="time">Sample times in s, increasing.</param>
    /// <param name="value">Samples (any unit).</param>
    /// <param name="upper">Upper edge of the window, relative to the step (0 &lt; lower &lt; upper &lt; 1).</param>
    /// <param name="lower">Lower edge of the window, relative to the step.</param>
    public static double Of(IReadOnlyList<double> time, IReadOnlyList<double> value, double upper = DefaultUpper, double lower = DefaultLower)
        => Of(time, [value], upper, lower);

    /// <summary>Fits one τ (s) to the joint tail of several signals sampled at the same times; NaN when no clean tail exists (see remarks).</summary>
    /// <param name="time">Sample times in s, increasing.</param>
    /// <param name="signals">The signals (same unit), each with one sample per time.</param>
    /// <param name="upper">Upper edge of the window, relative to the step (0 &lt; lower &lt; upper &lt; 1).</param>
    /// <param name="lower">Lower edge of the window, relative to the step.</param>
    public static double Of(IReadOnlyList<double> time, IReadOnlyList<IReadOnlyList<double>> signals, double upper = DefaultUpper, double lower = DefaultLower)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0 || signals.Any(v => v.Count != time.Count))
        {
            throw new ArgumentException($"expected at least one signal of {time.Count} samples, one per time", nameof(signals));
        }

        if (!(lower > 0 && lower < upper && upper < 1))
        {
            throw new ArgumentException($"the window must satisfy 0 < lower < upper < 1, got lower = {lower}, upper = {upper}", nameof(lower));
        }

        int n = time.Count;
        if (n < MinimumPoints)
        {
            return double.NaN;
        }

        double[] deviation = new double[n];
        for (int k = 0; k < n; k++)
        {
            double sum = 0;
            foreach (IReadOnlyList<double> v in signals)
            {
                sum += (v[k] - v[n - 1]) * (v[k] - v[n - 1]);
            }

            deviation[k] = Math.Sqrt(sum);
        }

        double step = deviation[0];
        if (!(step > 0) || !double.IsFinite(step))
        {
            return double.NaN;
        }

        (int first, int last) = Window(deviation, upper * step, lower * step);
        if (last - first + 1 < MinimumPoints)
        {
            return double.NaN;
        }

        double tau = Oscillates(deviation, first, last)
            ? EnvelopeFit(time, deviation, first, last, lower * step)
            : LagFit(time, signals, first, last);
        return tau > 0 && double.IsFinite(tau) ? tau : double.NaN;
    }

    /// <summary>Indices of the first and last window samples: after the last deviation above <paramref name="high"/>, up to the last one at or above <paramref name="low"/>.</summary>
    private static (int First, int Last) Window(double[] deviation, double high, double low)
    {
        int first = 0;
        for (int k = deviation.Length - 1; k >= 0; k--)
        {
            if (deviation[k] > high)
            {
                first = k + 1;
                break;
            }
        }

        int last = first - 1;
        for (int k = first; k < deviation.Length; k++)
        {
            if (deviation[k] >= low)
            {
                last = k;
            }
        }

        return (first, last);
    }

    /// <summary>
    /// True when the deviation d rises again, to more than twice the minimum it had reached, at
    /// least twice inside the window (a tail that crosses v∞ dips towards zero each half cycle);
    /// the bumps of a sum of real modes are fewer and shallower.
    /// </summary>
    private static bool Oscillates(double[] d, int first, int last)
    {
        int rises = 0;
        double minimum = d[first];
        for (int k = first + 1; k <= last; k++)
        {
            minimum = Math.Min(minimum, d[k]);
            if (d[k] > 2 * minimum)
            {
                rises++;
                minimum = d[k];
            }
        }

        return rises >= 2;
    }

    /// <summary>
    /// τ of a monotone tail from ln‖v(t) − v(t + L)‖₂ = const − t/τ, which does not involve v∞;
    /// L is a third of the window and v(t + L) is interpolated linearly.
    /// </summary>
    private static double LagFit(IReadOnlyList<double> t, IReadOnlyList<IReadOnlyList<double>> signals, int first, int last)
    {
        double lag = (t[last] - t[first]) / 3;
        var xs = new List<double>();
        var ys = new List<double>();
        int j = first;
        for (int k = first; k <= last; k++)
        {
            double target = t[k] + lag;
            while (j < t.Count - 1 && t[j + 1] < target)
            {
                j++;
            }

            if (j >= t.Count - 1)
            {
                break;
            }

            double f = (target - t[j]) / (t[j + 1] - t[j]);
            double sum = 0;
            foreach (IReadOnlyList<double> v in signals)
            {
                double difference = v[k] - (v[j] + (f * (v[j + 1] - v[j])));
                sum += difference * difference;
            }

            if (sum > 0)
            {
                xs.Add(t[k]);
                ys.Add(0.5 * Math.Log(sum));
            }
        }

        return xs.Count >= MinimumPoints ? -1 / Slope(xs, ys) : double.NaN;
    }

    /// <summary>τ of an oscillating tail from the local maxima of the deviation d (≥ <paramref name="low"/>) inside the window: the envelope e^(−t/τ).</summary>
    private static double EnvelopeFit(IReadOnlyList<double> t, double[] d, int first, int last, double low)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int k = first + 1; k < last; k++)
        {
            if (d[k] >= d[k - 1] && d[k] > d[k + 1] && d[k] >= low)
            {
                xs.Add(t[k]);
                ys.Add(Math.Log(d[k]));
            }
        }

        return xs.Count >= 3 ? -1 / Slope(xs, ys) : double.NaN;
    }

    /// <summary>Least-squares slope of y against x.</summary>
    private static double Slope(List<double> xs, List<double> ys)
    {
        double mx = xs.Average();
        double my = ys.Average();
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < xs.Count; k++)
        {
            sxy += (xs[k] - mx) * (ys[k] - my);
            sxx += (xs[k] - mx) * (xs[k] - mx);
        }

        return sxy / sxx;
    }
}
