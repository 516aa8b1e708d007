using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Cli.Output;

/// <summary>
/// Progress of a transient on stderr: a line when both a tenth of the simulated time and <see cref="MinimumInterval"/> of
/// wall time have passed since the last (whichever is rarer), so a short run prints nothing and a long one a line every
/// few seconds. It watches the rows through <see cref="ResultTable.Sink"/>: the engine only hands rows out.
/// </summary>
public sealed class TransientProgress
{
    /// <summary>Shortest wall time between two lines.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(2);

    /// <summary>Simulated fraction between two lines.</summary>
    public const double Step = 0.1;

    private readonly string _label;
    private readonly double _stop;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TextWriter _log;
    private readonly TimeSpan _interval;
    private TimeSpan _lastWall;
    private double _lastTime;

    /// <summary>Starts watching a transient.</summary>
    /// <param name="label">Prefix of each line, such as <c>inv</c>.</param>
    /// <param name="stop">Stop time of the transient in s (its .tran TSTOP).</param>
    /// <param name="log">Where the lines go (stderr).</param>
    /// <param name="interval">Shortest wall time between two lines; <see cref="MinimumInterval"/> when null.</param>
    public TransientProgress(string label, double stop, TextWriter log, TimeSpan? interval = null)
    {
        _label = label;
        _stop = stop;
        _log = log;
        _interval = interval ?? MinimumInterval;
    }

    /// <summary>Takes one simulated time point; prints a line when it is due.</summary>
    /// <param name="time">Simulated time in s.</param>
    public void Observe(double time)
    {
        TimeSpan now = _wall.Elapsed;
        if (time - _lastTime < Step * _stop || now - _lastWall < _interval)
        {
            return;
        }

        _lastTime = time;
        _lastWall = now;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_label}: tran {time:G4} s of {_stop:G4} s ({100 * time / _stop:F0}%), {now.TotalSeconds:F1} s elapsed"));
    }

    /// <summary>
    /// Watches a table when it is a transient's (other analyses are left alone), keeping any sink already attached; the
    /// stop times are taken in order from <paramref name="stops"/> (the deck's .tran cards).
    /// </summary>
    /// <param name="table">The table the simulator is about to fill.</param>
    /// <param name="stops">Stop times of the transients not yet started, in deck order.</param>
    /// <param name="label">Prefix of each line.</param>
    public static void Attach(ResultTable table, Queue<double> stops, string label)
    {
        if (table.Analysis != "tran" || !stops.TryDequeue(out double stop) || !(stop > 0) || !double.IsFinite(stop))
        {
            return;
        }

        int column = -1;
        for (int i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i] == "time")
            {
                column = i;
                break;
            }
        }

        if (column < 0)
        {
            return;
        }

        var progress = new TransientProgress(label, stop, Console.Error);
        Action<double[]>? previous = table.Sink;
        table.Sink = row =>
        {
            previous?.Invoke(row);
            progress.Observe(row[column]);
        };
    }

    /// <summary>The stop times of a deck's transients, in order.</summary>
    /// <param name="netlist">The deck.</param>
    /// <returns>A queue for <see cref="Attach"/>.</returns>
    public static Queue<double> Stops(Netlist netlist) => new(netlist.Analyses.OfType<TranAnalysisCard>().Select(t => t.Stop.Value));
}
