using System.Globalization;
using ScottPlot;

namespace Crossbar.Cli.Plots;

/// <summary>
/// The conventions every plot shares: the legend outside the data area on the right (it never covers a point),
/// distinct colours for a few series and a colour map for many, axis labels with units taken from column names, and
/// log axes drawn the ScottPlot 5 way (log10 of the data, integer-decade ticks labelled 10^k, log-spaced minor ticks).
/// </summary>
public static class PlotStyle
{
    /// <summary>Series up to this many get distinct palette colours and a legend entry each; more get a colour map.</summary>
    public const int MaxLegendEntries = 8;

    private static readonly (string Suffix, string Unit)[] Units =
    [
        ("_s", "s"), ("_J", "J"), ("_W", "W"), ("_V", "V"), ("_A", "A"), ("_dB", "dB"), ("_Hz", "Hz"), ("_ohm", "Ω"), ("_S", "S"), ("_F", "F"),
    ];

    /// <summary>Creates a plot with the legend on the right, outside the data area.</summary>
    /// <param name="title">Title.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <returns>The plot.</returns>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 15);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        return plot;
    }

    /// <summary>Shows the legend beside the data area (right edge), so it never covers data.</summary>
    /// <param name="plot">The plot.</param>
    public static void LegendRight(Plot plot) => plot.ShowLegend(Edge.Right);

    /// <summary>The colour of series <paramref name="index"/> of <paramref name="count"/>: a palette up to <see cref="MaxLegendEntries"/>, a colour map beyond.</summary>
    /// <param name="index">Series index, 0-based.</param>
    /// <param name="count">Number of series.</param>
    /// <returns>The colour.</returns>
    public static Color SeriesColor(int index, int count)
    {
        if (count <= MaxLegendEntries)
        {
            return new ScottPlot.Palettes.Category10().GetColor(index);
        }

        // Viridis without its palest end, which vanishes on white.
        return new ScottPlot.Colormaps.Viridis().GetColor(0.9 * index / (count - 1));
    }

    /// <summary>Whether series <paramref name="index"/> of <paramref name="count"/> gets a legend entry: all of a few; of many, at most <see cref="MaxLegendEntries"/> evenly spaced ones, first and last included.</summary>
    /// <param name="index">Series index, 0-based.</param>
    /// <param name="count">Number of series.</param>
    /// <returns>True when labelled.</returns>
    public static bool Labelled(int index, int count)
    {
        if (count <= MaxLegendEntries)
        {
            return true;
        }

        for (int k = 0; k < MaxLegendEntries; k++)
        {
            if ((int)Math.Round((double)k * (count - 1) / (MaxLegendEntries - 1)) == index)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An axis label for a CSV column: the name with a unit suffix (<c>_s</c>, <c>_J</c>, <c>_dB</c>, …) said as a unit in parentheses.</summary>
    /// <param name="column">Column name, e.g. <c>settle_time_s</c>.</param>
    /// <returns>E.g. <c>settle_time (s)</c>; dimensionless columns keep their name.</returns>
    public static string AxisLabel(string column)
    {
        foreach ((string suffix, string unit) in Units)
        {
            if (column.Length > suffix.Length && column.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"{column[..^suffix.Length]} ({unit})";
            }
        }

        return column;
    }

    /// <summary>Makes an axis logarithmic for data already plotted as log10: major ticks at integer decades labelled 10^k, log-spaced minor ticks.</summary>
    /// <param name="axis">The axis (e.g. <c>plot.Axes.Left</c>).</param>
    public static void LogTicks(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = Decade,
        };
    }

    /// <summary>Limits of a log10 axis: the data range, widened to the enclosing decades when it holds no integer decade (so at least one labelled tick shows).</summary>
    /// <param name="min">Smallest log10 value drawn.</param>
    /// <param name="max">Largest log10 value drawn.</param>
    /// <returns>The limits, or null (leave automatic) when the data already spans a decade tick.</returns>
    public static (double Min, double Max)? LogLimits(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return null;
        }

        double lo = Math.Floor(min), hi = Math.Ceiling(max);
        if (Math.Floor(max) >= Math.Ceiling(min) && hi - lo >= 1)
        {
            return null;
        }

        return hi > lo ? (lo, hi) : (lo - 1, hi + 1);
    }

    /// <summary>The label of a decade tick: 10 with a superscript exponent (10⁻³).</summary>
    /// <param name="exponent">log10 of the tick value.</param>
    /// <returns>The label.</returns>
    public static string Decade(double exponent)
    {
        int k = (int)Math.Round(exponent);
        if (k == 0)
        {
            return "1";
        }

        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string text = Math.Abs(k).ToString(CultureInfo.InvariantCulture);
        var sup = new System.Text.StringBuilder("10");
        if (k < 0)
        {
            sup.Append('⁻');
        }

        foreach (char c in text)
        {
            sup.Append(digits[c - '0']);
        }

        return sup.ToString();
    }
}
