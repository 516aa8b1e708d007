using System.Globalization;
using CsvHelper;
using ScottPlot;

namespace Crossbar.Cli.Plots;

/// <summary>
/// <c>tran.png</c> of <c>crossbar run</c>: the traces of a transient CSV (time first) against time, read back from the
/// file the run streamed (nothing is retained in memory during the run). At most <see cref="MaxTraces"/> traces, the
/// first ones after time, with "16 of N traces shown" in the title when there are more; long runs are thinned to at
/// most about <see cref="MaxPoints"/> points per trace. Best effort (a warning when it cannot be drawn).
/// </summary>
public static class TransientPlot
{
    /// <summary>Most traces drawn.</summary>
    public const int MaxTraces = 16;

    /// <summary>Most points kept per trace (every k-th row beyond that).</summary>
    public const int MaxPoints = 20000;

    /// <summary>Plots a transient CSV; returns false after a warning when it cannot be read or drawn.</summary>
    /// <param name="csvPath">The tran.csv (header: time, then one column per trace).</param>
    /// <param name="path">Destination, .png or .svg.</param>
    /// <param name="title">Title (the trace count note is appended).</param>
    /// <returns>True when written.</returns>
    public static bool TrySave(string csvPath, string path, string title) => PlotFile.TrySave(path, () => Build(csvPath, title));

    /// <summary>Plots every transient CSV of a run: <c>&lt;name&gt;.png</c> beside each <c>&lt;name&gt;.csv</c>.</summary>
    /// <param name="file">Maps a file name to its path in the output folder.</param>
    /// <param name="names">Names of the transient results (e.g. <c>tran</c>, <c>tran2</c>).</param>
    /// <param name="deck">The deck's file name, for the titles.</param>
    public static void TrySaveAll(Func<string, string> file, IEnumerable<string> names, string deck)
    {
        foreach (string name in names)
        {
            TrySave(file(name + ".csv"), file(name + ".png"), $"{deck}: {name}");
        }
    }

    /// <summary>The title note when traces are left out: " (16 of N traces shown)", empty for at most <see cref="MaxTraces"/>.</summary>
    /// <param name="total">Number of traces in the file.</param>
    /// <returns>The note.</returns>
    public static string ShownNote(int total) => total > MaxTraces ? $" ({MaxTraces} of {total} traces shown)" : string.Empty;

    private static Plot Build(string csvPath, string title)
    {
        using var reader = new StreamReader(csvPath);
        // CsvParser (fields as text), not CsvReader: the reader's reflection-based type conversion is not AOT-safe.
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        if (!csv.Read() || csv.Record is not { Length: >= 2 } header)
        {
            throw new InvalidDataException($"{csvPath} has no time column and trace");
        }

        int traces = Math.Min(MaxTraces, header.Length - 1);
        var columns = new List<double>[traces + 1];
        for (int c = 0; c <= traces; c++)
        {
            columns[c] = [];
        }

        long row = 0;
        int stride = 1;
        while (csv.Read())
        {
            if (row++ % stride != 0)
            {
                continue;
            }

            for (int c = 0; c <= traces; c++)
            {
                columns[c].Add(ResultsTable.TryNumber(c < csv.Count ? csv[c] : string.Empty, out double v) ? v : double.NaN);
            }

            if (columns[0].Count >= 2 * MaxPoints)
            {
                // Keep every other point and take every other row from now on.
                stride *= 2;
                for (int c = 0; c <= traces; c++)
                {
                    columns[c] = [.. columns[c].Where((_, k) => k % 2 == 0)];
                }
            }
        }

        string shown = ShownNote(header.Length - 1);
        var names = header.Skip(1).Take(traces).ToArray();
        // Currents are orders of magnitude below voltages: beside voltages they go on a right axis of their own.
        bool IsCurrent(string n) => n.StartsWith("i(", StringComparison.OrdinalIgnoreCase);
        bool mixed = names.Any(IsCurrent) && !names.All(IsCurrent);
        string yLabel = names.All(IsCurrent) ? "current (A)" : mixed ? "voltage (V)" : "value (V or A)";
        if (names.All(n => n.StartsWith("v(", StringComparison.OrdinalIgnoreCase)))
        {
            yLabel = "voltage (V)";
        }

        var plot = PlotStyle.Create(title + shown, "time (s)", yLabel);
        if (mixed)
        {
            plot.Axes.Right.Label.Text = "current (A), dashed";
        }

        for (int c = 1; c <= traces; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 0; k < columns[0].Count; k++)
            {
                if (double.IsFinite(columns[0][k]) && double.IsFinite(columns[c][k]))
                {
                    xs.Add(columns[0][k]);
                    ys.Add(columns[c][k]);
                }
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), PlotStyle.SeriesColor(c - 1, traces));
            line.LineWidth = 1.5f;
            if (mixed && IsCurrent(header[c]))
            {
                line.Axes.YAxis = plot.Axes.Right;
                line.LinePattern = LinePattern.Dashed;
            }
            if (PlotStyle.Labelled(c - 1, traces))
            {
                line.LegendText = header[c];
            }
        }

        PlotStyle.LegendRight(plot);
        return plot;
    }
}
