using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// Runs one sweep point in this process: the command's own code path (<see cref="Program.Main"/> with the point's
/// arguments), its console output captured, into a folder of its own under the sweep's <c>.work</c> folder; then
/// turns the command's summary file into results rows with the point's parameters, status, message and wall time.
/// A point never throws: any failure is a row with status <c>error</c>.
/// </summary>
public sealed class PointRunner(SweepPlan plan, string workDir, string? keepDir, int threads)
{
    /// <summary>The word of a status in results.csv.</summary>
    public static string Word(RunStatus status) => status switch
    {
        RunStatus.Ok => "ok",
        RunStatus.Unstable => "unstable",
        RunStatus.Diverged => "diverged",
        RunStatus.NotConverged => "not_converged",
        _ => "error",
    };

    /// <summary>Runs the point and returns its rows (one per summary row; one when there is no summary) and its status.</summary>
    public (IReadOnlyList<IReadOnlyList<string>> Rows, RunStatus Status) Run(SweepPoint point)
    {
        string name = FormattableString.Invariant($"p{point.Index}r{point.Replicate}");
        string dir = Path.Combine(workDir, name);
        var context = new CommandContext { ThreadBudget = threads, DrawPlots = keepDir is not null };
        var log = new StringWriter(CultureInfo.InvariantCulture);
        var wall = Stopwatch.StartNew();
        int code = InProcess.Run(plan.Arguments(point, dir), log, context);
        wall.Stop();
        RunStatus status = context.Status;
        string message = context.Message;
        if (status == RunStatus.Ok && code != ExitCodes.Ok)
        {
            status = RunStatus.Error;
            message = LastMessage(log.ToString()) ?? FormattableString.Invariant($"exit code {code}");
        }

        List<string[]> summary = [];
        try
        {
            string file = Path.Combine(dir, plan.Target.SummaryFile);
            if (File.Exists(file))
            {
                summary = ReadSummary(file);
            }
        }
        catch (Exception ex) when (ex is IOException or CsvHelperException or UsageException)
        {
            status = RunStatus.Error;
            message = $"{plan.Target.SummaryFile} unreadable: {ex.Message}";
        }

        Keep(dir, name);
        var parameters = plan.ParameterValues(point);
        string wallText = wall.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        string[] head = [point.Index.ToString(CultureInfo.InvariantCulture), point.Replicate.ToString(CultureInfo.InvariantCulture), point.Seed.ToString(CultureInfo.InvariantCulture), .. parameters];
        string[] tail = [Word(status), OneLine(message), wallText];
        IReadOnlyList<string>[] rows = summary.Count == 0
            ? [(string[])[.. head, .. Enumerable.Repeat(string.Empty, plan.SummaryColumns.Count), .. tail]]
            : [.. summary.Select(s => (IReadOnlyList<string>)[.. head, .. s, .. tail])];
        return (rows, status);
    }

    /// <summary>The summary's rows, its fields in the order of the target's summary columns (missing ones empty).</summary>
    private List<string[]> ReadSummary(string file)
    {
        List<string[]> records = ResultsLog.Read(file, out IReadOnlyList<string> header);
        int[] index = [.. plan.Target.OutcomeColumns.Select(c => header.ToList().IndexOf(c))];
        return [.. records.Select(record => index.Select(i => i >= 0 ? record[i] : string.Empty).ToArray())];
    }

    private void Keep(string dir, string name)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        if (keepDir is null)
        {
            Directory.Delete(dir, recursive: true);
            return;
        }

        string target = Path.Combine(keepDir, name);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(dir, target);
    }

    /// <summary>The last error or warning line a run printed (the reason it failed), if any.</summary>
    private static string? LastMessage(string log) =>
        log.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("simulation failed:", StringComparison.Ordinal))
        ?? log.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
