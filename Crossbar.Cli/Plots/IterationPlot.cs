using ScottPlot;

namespace Crossbar.Cli.Plots;

/// <summary>
/// <c>iterations.png</c> of <c>crossbar hpinv</c>: the HP-INV relative error per iteration on a log axis, against the
/// single-shot analogue INV (dashed) and the FP32 unit roundoff 2^-24 (dotted), so one look tells how many iterations
/// beat one analogue solve and whether FP32 accuracy was reached. Best effort (a warning when it cannot be drawn).
/// </summary>
public static class IterationPlot
{
    /// <summary>Saves the plot (PNG or SVG by extension); returns false after a warning when plotting is unavailable.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="iterations">Iteration numbers.</param>
    /// <param name="relErrors">‖x − x*‖/‖x*‖ per iteration (zero or non-finite values are not drawn).</param>
    /// <param name="singleShotRelError">Relative error of the single-shot analogue INV.</param>
    /// <param name="title">Title.</param>
    /// <returns>True when written.</returns>
    public static bool TrySave(string path, int[] iterations, double[] relErrors, double singleShotRelError, string title)
        => PlotFile.TrySave(path, () => Build(iterations, relErrors, singleShotRelError, title));

    private static Plot Build(int[] iterations, double[] relErrors, double singleShotRelError, string title)
    {
        var (xs, ys, dropped) = LogSeries.LogY([.. iterations.Select(i => (double)i)], relErrors);
        var plot = PlotStyle.Create(dropped > 0 ? $"{title} ({dropped} zero or non-finite error(s) not drawn)" : title, "iteration", "relative error ‖x − x*‖/‖x*‖");
        var hp = plot.Add.Scatter(xs, ys, PlotStyle.SeriesColor(0, 3));
        hp.LegendText = "HP-INV";
        hp.LineWidth = 2;
        hp.MarkerSize = 7;
        var levels = new List<double>(ys);
        if (double.IsFinite(singleShotRelError) && singleShotRelError > 0)
        {
            double level = Math.Log10(singleShotRelError);
            var single = plot.Add.HorizontalLine(level, 2, PlotStyle.SeriesColor(1, 3), LinePattern.Dashed);
            single.LegendText = "single-shot analogue INV";
            levels.Add(level);
        }

        double fp32 = Math.Log10(Math.Pow(2.0, -24));
        var reference = plot.Add.HorizontalLine(fp32, 1.5f, Colors.Gray, LinePattern.Dotted);
        reference.LegendText = "FP32 unit roundoff 2⁻²⁴";
        levels.Add(fp32);
        var (lo, hi) = PlotStyle.LogAxis(plot.Axes.Left, levels.Min(), levels.Max());
        plot.Axes.SetLimitsY(lo, hi);
        if (xs.Length > 0)
        {
            plot.Axes.SetLimitsX(xs.Min() - 0.5, xs.Max() + 0.5);
        }

        // Whole iterations only.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        PlotStyle.LegendRight(plot);
        return plot;
    }
}
