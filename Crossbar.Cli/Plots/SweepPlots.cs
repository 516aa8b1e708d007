using System.Text;

namespace Crossbar.Cli.Plots;

/// <summary>
/// The standard plots of a sweep: for each outcome column and each swept column with at least two values, one
/// <c>&lt;outcome&gt;_vs_&lt;swept&gt;.png</c> of the mean ± std over the rows sharing a point (the seeds), one line per
/// value of the next swept column with at least two values (if any). An error-like outcome (error, residual, BER, …)
/// that is positive and spans more than two decades gets a log y axis. Failed rows are left out. Best effort: a plot
/// that cannot be drawn is a warning on stderr.
/// </summary>
public static class SweepPlots
{
    private static readonly string[] ErrorLike = ["error", "err", "residual", "ber", "mse", "rmse", "deviation"];

    /// <summary>Writes the standard plots of a sweep's results.</summary>
    /// <param name="resultsCsv">The sweep's results.csv (one row per run, with a header).</param>
    /// <param name="sweptColumns">The swept parameter columns, in sweep order (seed excluded).</param>
    /// <param name="outcomeColumns">The outcome columns to plot.</param>
    /// <param name="dir">The folder to write the PNG files into.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(string resultsCsv, IReadOnlyList<string> sweptColumns, IReadOnlyList<string> outcomeColumns, string dir)
    {
        var written = new List<string>();
        ResultsTable table;
        try
        {
            table = ResultsTable.Read(resultsCsv);
        }
        catch (Exception ex) when (ex is Commands.UsageException or IOException or UnauthorizedAccessException or CsvHelper.CsvHelperException)
        {
            Console.Error.WriteLine($"warning: sweep plots not written ({Commands.UsageException.Plain(ex)})");
            return written;
        }

        var varying = sweptColumns.Where(c => table.Has(c) && table.Distinct(c).Count >= 2).ToList();
        foreach (string outcome in outcomeColumns.Where(c => table.Has(c) && table.IsNumeric(c)))
        {
            for (int i = 0; i < varying.Count; i++)
            {
                string swept = varying[i];
                string? series = varying.Count > 1 ? varying[(i + 1) % varying.Count] : null;
                var others = varying.Where(c => c != swept && c != series).ToList();
                string title = $"{outcome} vs {swept}" + (series is null ? string.Empty : $" by {series}")
                    + (others.Count > 0 ? $" (also averaged over {string.Join(", ", others)})" : string.Empty);
                var spec = new AggregatePlotSpec
                {
                    X = swept,
                    Y = outcome,
                    Series = series,
                    LogX = IsGeometric(table, swept),
                    LogY = WantsLogY(table, outcome),
                    Title = title,
                };
                string path = Path.Combine(dir, $"{FileSafe(outcome)}_vs_{FileSafe(swept)}.png");
                AggregateData data;
                try
                {
                    data = AggregatePlot.Prepare(table, spec);
                }
                catch (Commands.UsageException ex)
                {
                    Console.Error.WriteLine($"warning: {Path.GetFileName(path)} not written ({ex.Message})");
                    continue;
                }

                if (PlotFile.TrySave(path, () => AggregatePlot.Render(data, spec)))
                {
                    written.Add(path);
                }
            }
        }

        return written;
    }

    /// <summary>Whether an outcome gets a log y axis: error-like by name, every finite value positive, spanning more than two decades.</summary>
    /// <param name="table">The results.</param>
    /// <param name="outcome">The outcome column.</param>
    /// <returns>True for a log y axis.</returns>
    public static bool WantsLogY(ResultsTable table, string outcome)
    {
        string lower = outcome.ToLowerInvariant();
        if (!ErrorLike.Any(w => lower.Split('_').Contains(w) || lower.Contains(w + "_", StringComparison.Ordinal) || lower.EndsWith(w, StringComparison.Ordinal)))
        {
            return false;
        }

        var values = Enumerable.Range(0, table.RowCount).Select(r => table.Number(outcome, r)).Where(double.IsFinite).ToList();
        return values.Count > 0 && values.All(v => v > 0) && values.Max() / values.Min() > 100;
    }

    /// <summary>Whether a swept column is geometrically spaced (8, 16, 32, …: at least three positive values whose successive ratios agree within 20 % and exceed 1.4), which reads best on a log x axis.</summary>
    /// <param name="table">The results.</param>
    /// <param name="column">The swept column.</param>
    /// <returns>True for a log x axis.</returns>
    public static bool IsGeometric(ResultsTable table, string column)
    {
        if (!table.IsNumeric(column))
        {
            return false;
        }

        double[] values = [.. table.Distinct(column).Select(t => ResultsTable.TryNumber(t, out double v) ? v : double.NaN).Where(double.IsFinite).Distinct().Order()];
        if (values.Length < 3 || values[0] <= 0)
        {
            return false;
        }

        double[] ratios = [.. values.Skip(1).Zip(values, (b, a) => b / a)];
        return ratios.Min() > 1.4 && ratios.Max() / ratios.Min() < 1.2;
    }

    /// <summary>A column name as a file-name part: letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    private static string FileSafe(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return text.ToString();
    }
}
