using Crossbar.Cli.Plots;

namespace Crossbar.Cli.Sweeps;

/// <summary>The standard plots of a finished sweep (<c>--plots</c>): each varying outcome against each swept option.</summary>
public static class SweepPlotting
{
    /// <summary>Draws the plots into <paramref name="dir"/> (<see cref="SweepPlots"/>); returns the files written.</summary>
    public static IReadOnlyList<string> Write(string results, SweepPlan plan, string dir, TextWriter log)
    {
        ResultsTable table = ResultsTable.Read(results);
        string[] swept = [.. plan.Axes.Select(a => SweepPlan.Column(a.Option))];
        string[] outcomes = [.. plan.SummaryColumns.Where(c => table.IsNumeric(c) && table.Distinct(c).Count >= 2)];
        Directory.CreateDirectory(dir);
        IReadOnlyList<string> written = SweepPlots.Write(results, swept, outcomes, dir);
        if (written.Count == 0)
        {
            log.WriteLine("sweep: --plots drew nothing (no swept option with two values, or no outcome that varies)");
        }

        return written;
    }
}
