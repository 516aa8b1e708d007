namespace Crossbar.Circuit.Measurements;

/// <summary>
/// The window functions of <c>.measure</c> (MIN, MAX, PP, AVG, RMS, INTEG) over FROM=..TO=, as ngspice 39 computes them.
/// </summary>
/// <remarks>
/// MIN, MAX and PP look at the points inside the window. AVG is the trapezoidal integral over the points inside the
/// window divided by the span they cover, ∫y dx / (x_last − x_first), without interpolating the window's ends. INTEG
/// and RMS interpolate the ends (y at FROM and TO) and integrate piecewise with Simpson's 3/8 rule where three
/// consecutive intervals have equal width, Simpson's 1/3 rule where two do, and the trapezoidal rule elsewhere; RMS is
/// √(∫y² dx / (TO − FROM)). Ngspice manual §15.4.5–15.4.7.
/// </remarks>
internal static class Window
{
    /// <summary>Lower and upper scale bounds: dc sweeps may run either way, so an unset bound is ±∞ and FROM/TO are ordered.</summary>
    public static (double Low, double High) Bounds(bool dc, double? from, double? to)
    {
        double low = from ?? double.NegativeInfinity;
        double high = to ?? double.PositiveInfinity;
        if (dc && high < low)
        {
            (low, high) = (high, low);
        }

        // A TO= of 0 means "no upper bound" outside dc (ngspice's convention for an unset TO).
        if (!dc && to == 0)
        {
            high = double.PositiveInfinity;
        }

        return (low, high);
    }

    /// <summary>Smallest (or largest) value in the window and where it is (the last point that reaches it); NaN when the window is empty.</summary>
    public static (double Value, double At) Extremum(MeasureData data, double[] values, double? from, double? to, bool maximum)
    {
        double best = double.NaN, at = double.NaN;
        bool dc = data.Analysis == "dc";
        (double low, double high) = Bounds(dc, from, to);
        for (int k = 0; k < data.Count; k++)
        {
            double s = data.Scale[k];
            if (s < low || s > high)
            {
                if (!dc && s > high)
                {
                    break;
                }

                continue;
            }

            double v = values[k];
            if (double.IsNaN(best) || (maximum ? v >= best : v <= best))
            {
                best = v;
                at = s;
            }
        }

        return (best, at);
    }

    /// <summary>Trapezoidal mean of the points in the window, and the scale value of the last point read (the first past TO, as ngspice reports it).</summary>
    public static (double Value, double End) Average(MeasureData data, double[] values, double? from, double? to)
    {
        bool dc = data.Analysis == "dc";
        (double low, double high) = Bounds(dc, from, to);
        double sum = 0, span = 0, previous = 0, previousScale = 0, end = double.NaN;
        bool first = true;
        for (int k = 0; k < data.Count; k++)
        {
            double s = data.Scale[k];
            end = s;
            if (s < low || s > high)
            {
                if (!dc && s > high)
                {
                    break;
                }

                continue;
            }

            if (!first)
            {
                sum += 0.5 * (values[k] + previous) * (s - previousScale);
                span += s - previousScale;
            }

            first = false;
            previous = values[k];
            previousScale = s;
        }

        return (first ? double.NaN : sum / span, end);
    }

    /// <summary>∫y dx (or √(∫y² dx / span) for <paramref name="rms"/>) over the window with interpolated ends; the window actually covered.</summary>
    public static (double Value, double From, double To) Integral(MeasureData data, double[] values, double? from, double? to, bool rms)
    {
        double[] scale = data.Scale;
        bool dc = data.Analysis == "dc";
        (double low, double high) = Bounds(dc, from, to);
        var x = new List<double>();
        var y = new List<double>();
        double end = double.NaN;
        for (int k = 0; k < scale.Length; k++)
        {
            double s = scale[k];
            double v = values[k];
            if (s < low)
            {
                continue;
            }

            if (s > high)
            {
                if (k > 0 && !AlmostEqual(s, high))
                {
                    v = Interpolation.Linear(scale[k - 1], values[k - 1], s, v, high);
                    s = high;
                }

                x.Add(s);
                y.Add(rms ? v * v : v);
                end = s;
                break;
            }

            if (x.Count == 0 && k > 0 && from is { } start && start != 0 && !AlmostEqual(s, start))
            {
                v = Interpolation.Linear(scale[k - 1], values[k - 1], s, v, start);
                s = start;
            }

            x.Add(s);
            y.Add(rms ? v * v : v);
        }

        if (x.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        if (double.IsNaN(end))
        {
            end = scale[^1];
        }

        double integral = Composite(x, y);
        double value = rms ? Math.Sqrt(integral / (end - x[0])) : integral;
        return (value, x[0], end);
    }

    /// <summary>Simpson's 3/8 rule over three equal intervals, Simpson's 1/3 over two, else the trapezoid.</summary>
    private static double Composite(List<double> x, List<double> y)
    {
        int n = x.Count;
        double Width(int i) => i < n - 1 ? x[i + 1] - x[i] : 0;
        double sum = 0;
        int k = 0;
        while (k < n - 1)
        {
            double h = Width(k);
            if (h > 0 && AlmostEqual(h, Width(k + 1)) && AlmostEqual(h, Width(k + 2)))
            {
                sum += 3 * h * (y[k] + (3 * (y[k + 1] + y[k + 2])) + y[k + 3]) / 8;
                k += 3;
            }
            else if (h > 0 && AlmostEqual(h, Width(k + 1)))
            {
                sum += h * (y[k] + (4 * y[k + 1]) + y[k + 2]) / 3;
                k += 2;
            }
            else
            {
                sum += h * (y[k] + y[k + 1]) / 2;
                k++;
            }
        }

        return sum;
    }

    /// <summary>Equal within 100 units in the last place (as ngspice compares interval widths).</summary>
    private static bool AlmostEqual(double a, double b)
    {
        if (a == b)
        {
            return true;
        }

        long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
        return (ia < 0) == (ib < 0) && Math.Abs(ia - ib) <= 100;
    }
}
