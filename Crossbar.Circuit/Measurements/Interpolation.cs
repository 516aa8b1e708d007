namespace Crossbar.Circuit.Measurements;

/// <summary>Reading a sampled vector between its points: linear interpolation, crossings, and the local slope.</summary>
internal static class Interpolation
{
    /// <summary>y at <paramref name="x"/> on the line through (x0, y0) and (x1, y1).</summary>
    public static double Linear(double x0, double y0, double x1, double y1, double x) => y0 + ((x - x0) * (y1 - y0) / (x1 - x0));

    /// <summary>Where the line through (x0, d0) and (x1, d1) crosses zero.</summary>
    public static double Crossing(double x0, double d0, double x1, double d1) => x0 + ((0 - d0) * (x1 - x0) / (d1 - d0));

    /// <summary>Linear interpolation of <paramref name="values"/> at scale value <paramref name="at"/> in the first interval holding it (either direction for dc), or NaN.</summary>
    public static double ValueAt(MeasureData data, double[] values, double at)
    {
        double[] scale = data.Scale;
        if (data.Analysis == "op")
        {
            return values.Length > 0 ? values[0] : double.NaN;
        }

        for (int k = 1; k < scale.Length; k++)
        {
            double s0 = scale[k - 1], s1 = scale[k];
            if ((s0 <= at && s1 >= at) || (data.Analysis == "dc" && s0 >= at && s1 <= at))
            {
                return s1 == s0 ? values[k] : Linear(s0, values[k - 1], s1, values[k], at);
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// The slope of <paramref name="values"/> at <paramref name="at"/>: the derivative of the parabola through the three
    /// points nearest to it (second-order accurate on a smooth signal), or the chord when there are only two points.
    /// </summary>
    public static double SlopeAt(MeasureData data, double[] values, double at)
    {
        double[] x = data.Scale;
        if (x.Length < 2 || at < Math.Min(x[0], x[^1]) || at > Math.Max(x[0], x[^1]))
        {
            return double.NaN;
        }

        int nearest = 0;
        for (int k = 1; k < x.Length; k++)
        {
            if (Math.Abs(x[k] - at) < Math.Abs(x[nearest] - at))
            {
                nearest = k;
            }
        }

        if (x.Length == 2)
        {
            return (values[1] - values[0]) / (x[1] - x[0]);
        }

        int i = Math.Clamp(nearest - 1, 0, x.Length - 3);
        double x0 = x[i], x1 = x[i + 1], x2 = x[i + 2];
        double y0 = values[i], y1 = values[i + 1], y2 = values[i + 2];
        // d/dx of the Lagrange parabola through (x0,y0), (x1,y1), (x2,y2).
        return (y0 * ((2 * at) - x1 - x2) / ((x0 - x1) * (x0 - x2)))
            + (y1 * ((2 * at) - x0 - x2) / ((x1 - x0) * (x1 - x2)))
            + (y2 * ((2 * at) - x0 - x1) / ((x2 - x0) * (x2 - x1)));
    }
}
