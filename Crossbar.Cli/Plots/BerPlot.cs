using Crossbar.Circuit.Amc;
using ScottPlot;

namespace Crossbar.Cli.Plots;

/// <summary>
/// <c>ber.png</c> of <c>crossbar mimo</c>: bit error rate against SNR on a log axis, one line per detector. A BER of
/// zero (no bit errors at that point) cannot be drawn on a log axis: those points are left out and the legend says
/// how many. Best effort (a warning when it cannot be drawn).
/// </summary>
public static class BerPlot
{
    /// <summary>Saves the plot (PNG or SVG by extension); returns false after a warning when plotting is unavailable.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="snrDb">SNR per point, dB.</param>
    /// <param name="series">Each detector's label and BER per point.</param>
    /// <param name="title">Title.</param>
    /// <returns>True when written.</returns>
    public static bool TrySave(string path, double[] snrDb, IReadOnlyList<(string Label, double[] Ber)> series, string title)
        => PlotFile.TrySave(path, () => Build(snrDb, series, title));

    /// <summary>Saves the BER plot of <c>crossbar mimo</c>: HP-INV, FP32 ZF and FP64 ZF against SNR.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="points">The BER points of the run.</param>
    /// <param name="title">Title.</param>
    /// <returns>True when written.</returns>
    public static bool TrySave(string path, IReadOnlyList<MimoBerPoint> points, string title)
        => TrySave(path, [.. points.Select(p => p.SnrDb)],
            [("HP-INV", [.. points.Select(p => p.BerHpInv)]), ("FP32 ZF", [.. points.Select(p => p.BerFp32)]), ("FP64 ZF", [.. points.Select(p => p.BerFp64)])], title);

    private static Plot Build(double[] snrDb, IReadOnlyList<(string Label, double[] Ber)> series, string title)
    {
        var plot = PlotStyle.Create(title, "SNR per receive antenna (dB)", "bit error rate");
        var drawn = new List<double>();
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];
        for (int i = 0; i < series.Count; i++)
        {
            var (label, ber) = series[i];
            var (xs, ys, _) = LogSeries.LogY(snrDb, ber);
            int zeros = ber.Count(b => b == 0.0);
            var line = plot.Add.Scatter(xs, ys, PlotStyle.SeriesColor(i, series.Count));
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.MarkerShape = shapes[i % shapes.Length];
            line.LegendText = zeros == 0 ? label
                : zeros == ber.Length ? $"{label}: no bit errors (not drawn)"
                : $"{label} ({zeros} point(s) with no errors not drawn)";
            drawn.AddRange(ys);
        }

        var (lo, hi) = drawn.Count > 0 ? PlotStyle.LogAxis(plot.Axes.Left, drawn.Min(), drawn.Max()) : PlotStyle.LogAxis(plot.Axes.Left, -6, 0);
        plot.Axes.SetLimitsY(lo, hi);

        PlotStyle.LegendRight(plot);
        return plot;
    }
}
