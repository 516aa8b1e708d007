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

    /// <summary>
    /// Makes an axis logarithmic for data already plotted as log10: major ticks at decades labelled 10^k (every few
    /// decades over a wide range), spanning under three decades also at 2 and 5 times a decade, minor ticks at 2…9
    /// times each decade; the limits cover the data and at least two labelled ticks.
    /// </summary>
    /// <param name="axis">The axis (e.g. <c>plot.Axes.Left</c>).</param>
    /// <param name="min">Smallest log10 value drawn.</param>
    /// <param name="max">Largest log10 value drawn.</param>
    /// <returns>The axis limits (log10) to set.</returns>
    public static (double Min, double Max) LogAxis(IAxis axis, double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (-1.0, 1.0);
        }

        var (lo, hi, ticks) = LogTicks(min, max);
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in ticks)
        {
            if (label is null)
            {
                generator.AddMinor(position);
            }
            else
            {
                generator.AddMajor(position, label);
            }
        }

        axis.TickGenerator = generator;
        return (lo, hi);
    }

    /// <summary>The limits and ticks of a log10 axis over data from <paramref name="min"/> to <paramref name="max"/> (log10); a null label marks a minor tick.</summary>
    /// <param name="min">Smallest log10 value.</param>
    /// <param name="max">Largest log10 value.</param>
    /// <returns>Limits and ticks (position in log10, label or null).</returns>
    public static (double Min, double Max, IReadOnlyList<(double Position, string? Label)> Ticks) LogTicks(double min, double max)
    {
        double pad = Math.Max(0.05 * (max - min), 0.02);
        double lo = min - pad, hi = max + pad;
        bool fine = hi - lo < 3.0;
        int step = Math.Max(1, (int)Math.Ceiling((hi - lo) / 10.0));
        var labelled = new List<double>();
        for (int k = (int)Math.Floor(lo) - 1; k <= (int)Math.Ceiling(hi) + 1; k++)
        {
            if (k % step == 0)
            {
                labelled.Add(k);
            }

            if (fine)
            {
                labelled.Add(k + Math.Log10(2.0));
                labelled.Add(k + Math.Log10(5.0));
            }
        }

        labelled.Sort();
        while (labelled.Count(t => t >= lo && t <= hi) < 2)
        {
            double below = labelled.Where(t => t < lo).DefaultIfEmpty(double.NegativeInfinity).Max();
            double above = labelled.Where(t => t > hi).DefaultIfEmpty(double.PositiveInfinity).Min();
            if (lo - below <= above - hi)
            {
                lo = below;
            }
            else
            {
                hi = above;
            }
        }

        var ticks = new List<(double, string?)>();
        for (int k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position < lo - 1e-9 || position > hi + 1e-9)
                {
                    continue;
                }

                bool major = m == 1 ? k % step == 0 : fine && m is 2 or 5;
                ticks.Add((position, major ? (m == 1 ? Decade(k) : Multiple(m, k)) : null));
            }
        }

        return (lo, hi, ticks);
    }

    /// <summary>The label of m·10^k in the style of the decades: m×10^k (just m for k = 0).</summary>
    private static string Multiple(int m, int k)
        => k == 0 ? m.ToString(CultureInfo.InvariantCulture) : $"{m}×{Decade(k)}";

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
