using System.Globalization;
using Crossbar.Cli.Commands;
using ScottPlot;

namespace Crossbar.Cli.Plots;

/// <summary>One line of an aggregate plot: the series value and its aggregated points, ascending in x.</summary>
/// <param name="Value">The series value (empty without a series column).</param>
/// <param name="Points">The points.</param>
public sealed record AggregateSeries(string Value, IReadOnlyList<GroupSummary> Points);

/// <summary>The data of an aggregate plot after filtering and aggregation, with the notes to print about skipped rows.</summary>
/// <param name="Series">The lines, in legend order.</param>
/// <param name="Categories">Category labels of a categorical x axis (x = index), null for a numeric one.</param>
/// <param name="Notes">Messages about excluded or skipped rows, for stderr.</param>
public sealed record AggregateData(IReadOnlyList<AggregateSeries> Series, IReadOnlyList<string>? Categories, IReadOnlyList<string> Notes);

/// <summary>
/// What <c>crossbar plot</c> draws: y against x from a results table, one line per series value, the rows sharing
/// (x, series) (typically the seeds) reduced to their mean or median with a std or min–max band. Failed rows
/// (<c>status</c> not <c>ok</c>) are left out unless asked for; values a log axis cannot show are skipped and counted.
/// </summary>
public static class AggregatePlot
{
    /// <summary>Filters and aggregates the table; column errors are usage errors naming the column and listing the available ones.</summary>
    /// <param name="table">The results table.</param>
    /// <param name="spec">What to plot.</param>
    /// <returns>The aggregated data.</returns>
    /// <exception cref="UsageException">A column is missing, y is not numeric, a log x axis is asked of categories, or no row is left.</exception>
    public static AggregateData Prepare(ResultsTable table, AggregatePlotSpec spec)
    {
        table.Require(spec.X, "--x");
        table.Require(spec.Y, "--y");
        if (spec.Series is not null)
        {
            table.Require(spec.Series, "--series");
        }

        foreach (var (column, _) in spec.Where)
        {
            table.Require(column, "--where");
        }

        if (!table.IsNumeric(spec.Y))
        {
            throw new UsageException($"--y: column '{spec.Y}' of {table.Path} is not numeric.");
        }

        var notes = new List<string>();
        var kept = new List<int>();
        int failed = 0;
        bool hasStatus = table.Has("status");
        for (int r = 0; r < table.RowCount; r++)
        {
            if (!spec.Where.All(w => Matches(table.Text(w.Column, r), w.Value)))
            {
                continue;
            }

            if (hasStatus && !spec.IncludeFailed && !string.Equals(table.Text("status", r), "ok", StringComparison.OrdinalIgnoreCase))
            {
                failed++;
                continue;
            }

            kept.Add(r);
        }

        if (failed > 0)
        {
            notes.Add($"note: {failed} row(s) whose status is not ok excluded (--include-failed keeps them)");
        }

        bool categorical = !kept.All(r => table.Text(spec.X, r).Length == 0 || ResultsTable.TryNumber(table.Text(spec.X, r), out _));
        if (categorical && spec.LogX)
        {
            throw new UsageException($"--log-x: column '{spec.X}' holds text, not numbers; a categorical axis cannot be logarithmic.");
        }

        var categories = new List<string>();
        var rows = new List<(double X, string Series, double Y)>();
        int nonFinite = 0, nonPositiveX = 0, nonPositiveY = 0;
        foreach (int r in kept)
        {
            string xText = table.Text(spec.X, r);
            double y = table.Number(spec.Y, r);
            double x;
            if (categorical)
            {
                int index = categories.IndexOf(xText);
                if (index < 0)
                {
                    categories.Add(xText);
                    index = categories.Count - 1;
                }

                x = index;
            }
            else
            {
                x = table.Number(spec.X, r);
            }

            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                nonFinite++;
                continue;
            }

            if (spec.LogX && x <= 0)
            {
                nonPositiveX++;
                continue;
            }

            if (spec.LogY && y <= 0)
            {
                nonPositiveY++;
                continue;
            }

            rows.Add((x, spec.Series is null ? string.Empty : table.Text(spec.Series, r), y));
        }

        if (nonFinite > 0)
        {
            notes.Add($"warning: {nonFinite} row(s) with an empty, NaN or infinite {spec.X} or {spec.Y} skipped");
        }

        if (nonPositiveX > 0)
        {
            notes.Add($"warning: {nonPositiveX} row(s) with {spec.X} ≤ 0 skipped (log x axis)");
        }

        if (nonPositiveY > 0)
        {
            notes.Add($"warning: {nonPositiveY} row(s) with {spec.Y} ≤ 0 skipped (log y axis)");
        }

        if (rows.Count == 0)
        {
            string filters = spec.Where.Count == 0 ? string.Empty : $" matching {string.Join(" and ", spec.Where.Select(w => $"{w.Column}={w.Value}"))}";
            throw new UsageException($"{table.Path}: no row{filters} left to plot ({table.RowCount} rows read).{(notes.Count > 0 ? " " + string.Join("; ", notes) : string.Empty)}");
        }

        var groups = Aggregate.Groups(rows, spec.Aggregation, spec.Band);
        var series = groups.GroupBy(g => g.Series, StringComparer.Ordinal)
            .Select(g => new AggregateSeries(g.Key, g.ToList()))
            .ToList();
        if (series.All(s => ResultsTable.TryNumber(s.Value, out _)))
        {
            series = [.. series.OrderBy(s => ResultsTable.TryNumber(s.Value, out double v) ? v : 0.0)];
        }

        return new AggregateData(series, categorical ? categories : null, notes);
    }

    /// <summary>Draws prepared data: a line with markers per series, the band shaded (error bars on a categorical axis), the legend outside on the right.</summary>
    /// <param name="data">Prepared data.</param>
    /// <param name="spec">What was asked (labels, log axes, band).</param>
    /// <returns>The plot.</returns>
    public static Plot Render(AggregateData data, AggregatePlotSpec spec)
    {
        string agg = spec.Aggregation == Aggregation.Median ? "median" : "mean";
        string band = spec.Band switch
        {
            SpreadBand.Std => " ± std",
            SpreadBand.MinMax => ", min–max band",
            _ => string.Empty,
        };
        int count = data.Series.Count;
        string title = spec.Title ?? $"{spec.Y} vs {spec.X}" + (spec.Series is null ? string.Empty : $" by {spec.Series}");
        if (count > PlotStyle.MaxLegendEntries && spec.Series is not null)
        {
            title += $" ({count} series, colour by {spec.Series}: {PlotStyle.MaxLegendEntries} labelled)";
        }

        var plot = PlotStyle.Create(title, PlotStyle.AxisLabel(spec.X), $"{PlotStyle.AxisLabel(spec.Y)}: {agg}{band}");
        bool categorical = data.Categories is not null;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            var s = data.Series[i];
            Color color = PlotStyle.SeriesColor(i, count);
            // Categories: the series side by side around each category, so their error bars do not overlap.
            double dodge = categorical && count > 1 ? 0.5 * ((i / (count - 1.0)) - 0.5) : 0.0;
            double[] xs = [.. s.Points.Select(p => spec.LogX ? Math.Log10(p.X) : p.X + dodge)];
            double[] ys = [.. s.Points.Select(p => Y(p.Summary.Center, p.Summary, spec.LogY))];
            double[] lows = [.. s.Points.Select(p => Y(p.Summary.Low, p.Summary, spec.LogY))];
            double[] highs = [.. s.Points.Select(p => Y(p.Summary.High, p.Summary, spec.LogY))];
            yMin = Math.Min(yMin, lows.Min());
            yMax = Math.Max(yMax, highs.Max());
            xMin = Math.Min(xMin, xs.Min());
            xMax = Math.Max(xMax, xs.Max());
            if (spec.Band != SpreadBand.None)
            {
                if (!categorical && xs.Length >= 2)
                {
                    var fill = plot.Add.FillY(xs, lows, highs);
                    fill.FillColor = color.WithAlpha(0.18);
                    fill.LineWidth = 0;
                    fill.MarkerSize = 0;
                }
                else
                {
                    double[] zeros = new double[xs.Length];
                    var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, zeros, zeros, [.. highs.Zip(ys, (h, y) => h - y)], [.. ys.Zip(lows, (y, l) => y - l)])
                    {
                        Color = color,
                        CapSize = 6,
                    };
                    plot.Add.Plottable(bars);
                }
            }

            var line = plot.Add.Scatter(xs, ys, color);
            line.MarkerSize = 6;
            line.LineWidth = categorical ? 0 : 2;
            if (spec.Series is null)
            {
                line.LegendText = $"{agg} of {spec.Y}";
            }
            else if (PlotStyle.Labelled(i, count))
            {
                line.LegendText = $"{spec.Series} = {s.Value}";
            }
        }

        if (data.Categories is { } labels)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, labels.Count).Select(k => (double)k)], [.. labels]);
            plot.Axes.SetLimitsX(-0.5, labels.Count - 0.5);
        }

        else if (!spec.LogX && data.Series.All(series => series.Points.All(p => p.X == Math.Round(p.X))))
        {
            // Integer x (bits, sizes, seeds): no ticks between them.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        if (spec.LogX)
        {
            var (lo, hi) = PlotStyle.LogAxis(plot.Axes.Bottom, xMin, xMax);
            plot.Axes.SetLimitsX(lo, hi);
        }

        if (spec.LogY)
        {
            var (lo, hi) = PlotStyle.LogAxis(plot.Axes.Left, yMin, yMax);
            plot.Axes.SetLimitsY(lo, hi);
        }

        PlotStyle.LegendRight(plot);
        return plot;
    }

    /// <summary>Prepares, prints the notes to stderr and saves (throws when the graphics backend fails).</summary>
    /// <param name="table">The results table.</param>
    /// <param name="spec">What to plot.</param>
    /// <param name="path">Destination, .png or .svg.</param>
    public static void Write(ResultsTable table, AggregatePlotSpec spec, string path)
    {
        var data = Prepare(table, spec);
        foreach (string note in data.Notes)
        {
            Console.Error.WriteLine(note);
        }

        using Plot plot = Render(data, spec);
        PlotFile.Save(plot, path);
    }

    /// <summary>Whether a cell matches a <c>--where</c> value: equal text, or equal numbers when both parse as numbers.</summary>
    /// <param name="cell">Cell text.</param>
    /// <param name="value">Wanted value.</param>
    /// <returns>True on a match.</returns>
    public static bool Matches(string cell, string value)
        => string.Equals(cell, value, StringComparison.Ordinal)
           || (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
               && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double b) && a == b);

    /// <summary>A y value as drawn: log10 on a log axis, where a band edge ≤ 0 (mean − std below zero) is clamped to the group's smallest value.</summary>
    private static double Y(double value, Summary summary, bool log) => !log ? value : Math.Log10(value > 0 ? value : summary.Min);
}
