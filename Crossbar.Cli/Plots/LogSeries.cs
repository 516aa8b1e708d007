namespace Crossbar.Cli.Plots;

/// <summary>Points of a series for a log10 axis: NaN, infinite and non-positive values dropped, the rest as log10.</summary>
public static class LogSeries
{
    /// <summary>The drawable points of (x, y) on a log y axis.</summary>
    /// <param name="xs">X values.</param>
    /// <param name="ys">Y values, same length.</param>
    /// <returns>X and log10(y) of the points with finite x and finite y &gt; 0; and how many were dropped.</returns>
    public static (double[] X, double[] LogY, int Dropped) LogY(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < Math.Min(xs.Count, ys.Count); i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]) && ys[i] > 0)
            {
                x.Add(xs[i]);
                y.Add(Math.Log10(ys[i]));
            }
        }

        return ([.. x], [.. y], Math.Min(xs.Count, ys.Count) - x.Count);
    }
}
