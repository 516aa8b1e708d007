using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// Progress of a sweep on stderr: a live Spectre.Console bar (done/total, failures, rate, ETA) when stderr is a
/// terminal, otherwise one plain line every <see cref="PlainInterval"/> and at the end.
/// </summary>
public sealed class SweepProgress
{
    /// <summary>Time between plain progress lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _error;
    private readonly int _total;
    private readonly int _skipped;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _done;
    private int _failed;
    private TimeSpan _lastLine = TimeSpan.Zero;

    /// <summary>Progress over <paramref name="total"/> points of which <paramref name="skipped"/> were finished before (resume).</summary>
    public SweepProgress(TextWriter error, int total, int skipped)
    {
        _error = error;
        _total = total;
        _skipped = skipped;
    }

    /// <summary>Runs <paramref name="work"/> (which calls <see cref="Report"/> per point) under the display.</summary>
    public void Run(string title, Action<Action> work)
    {
        bool live = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
        if (!live)
        {
            work(() => { });
            Line(final: true);
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_error) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(title), maxValue: _total);
                task.Value = _skipped;
                work(() =>
                {
                    task.Value = _skipped + _done;
                    task.Description = Markup.Escape(Text());
                });
            });
    }

    /// <summary>Counts one finished point (thread-safe) and prints a plain line when one is due.</summary>
    public void Report(bool failed, Action refresh)
    {
        lock (_gate)
        {
            _done++;
            _failed += failed ? 1 : 0;
            refresh();
            if (_clock.Elapsed - _lastLine >= PlainInterval && Console.IsErrorRedirected)
            {
                Line(final: false);
            }
        }
    }

    private void Line(bool final)
    {
        _lastLine = _clock.Elapsed;
        _error.WriteLine($"sweep: {Text()}{(final ? ", finished" : string.Empty)}");
    }

    private string Text()
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        double rate = _done / Math.Max(seconds, 1e-9);
        int remaining = _total - _skipped - _done;
        string eta = _done == 0 ? "?" : Duration(remaining / rate);
        return string.Create(CultureInfo.InvariantCulture,
            $"{_skipped + _done}/{_total} points{(_skipped > 0 ? $" ({_skipped} from before)" : string.Empty)}, {_failed} failed, {rate:F2} points/s, ETA {eta}, elapsed {Duration(seconds)}");
    }

    private static string Duration(double seconds) =>
        seconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s") : TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", CultureInfo.InvariantCulture);
}
