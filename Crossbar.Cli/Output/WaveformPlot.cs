using Crossbar.Circuit.Engine;

namespace Crossbar.Cli.Output;

/// <summary>Plots transient outputs to PNG with ScottPlot. Best effort: a failure (for example a missing native graphics library) is a warning on stderr, never a failed run.</summary>
public static class WaveformPlot
{
    /// <summary>Saves one line per output column against time; returns false (after a warning) when plotting is unavailable.</summary>
    public static bool TrySave(string path, string title, ResultTable tran, IEnumerable<string> columns)
    {
        try
        {
            double[] time = tran.Column("time");
            var plot = new ScottPlot.Plot();
            foreach (string column in columns)
            {
                var line = plot.Add.ScatterLine(time, tran.Column(column));
                line.LegendText = column;
            }

            plot.Title(title);
            plot.XLabel("time (s)");
            plot.YLabel("output (V)");
            plot.ShowLegend(ScottPlot.Alignment.LowerRight);
            string temp = path + ".tmp.png";
            plot.SavePng(temp, 900, 560);
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"warning: waveforms.png not written ({ex.GetType().Name}: {ex.Message})");
            return false;
        }
    }
}
