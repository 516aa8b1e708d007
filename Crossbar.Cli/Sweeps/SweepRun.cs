using System.Globalization;
using System.Text.Json.Nodes;
using Crossbar.Cli.Commands;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// Executes a sweep (or one shard of it) into its folder: skips points already in results.csv, runs the rest on
/// <c>jobs</c> worker threads (each point in-process through <see cref="PointRunner"/>, with cores ÷ jobs threads of its
/// own), appends each point's rows as it finishes, and at the end sorts results.csv, records the outcome in run.json and
/// writes the completion marker.
/// </summary>
public sealed class SweepRun(SweepPlan plan, string outDir, (int K, int N)? shard, int jobs, bool resume, bool plots, bool keepPoints)
{
    /// <summary>Runs; exit 0 when every point has a row (failed points included), 2 for refused input.</summary>
    public int Execute()
    {
        DateTimeOffset start = DateTimeOffset.UtcNow;
        JsonObject definition = SweepCommand.Definition(plan, shard);
        bool existing = SweepFolder.Prepare(outDir, definition, resume);
        string manifest = Path.Combine(outDir, SweepFolder.Manifest);
        string marker = Path.Combine(outDir, SweepFolder.Complete);
        TextWriter error = Console.Error;
        using var results = ResultsLog.Open(Path.Combine(outDir, SweepFolder.Results), plan.Header, error.WriteLine);
        SweepPoint[] mine = [.. plan.Points().Where(p => shard is not { } s || PointSeed.Shard(p.Key, s.N) == s.K)];
        SweepPoint[] todo = [.. mine.Where(p => !results.Done.Contains(p.Id))];
        if (todo.Length > 0 && File.Exists(marker))
        {
            File.Delete(marker);
        }

        if (!existing || todo.Length > 0)
        {
            SweepRecord.Write(manifest, "sweep", definition, jobs, start, null, null);
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {plan.Target.Name}: {mine.Length} points{(shard is { } sh ? $" (shard {sh.K}/{sh.N} of {plan.Count})" : string.Empty)} = {plan.Combinations} combinations × {plan.Seeds} seeds; {mine.Length - todo.Length} done before, {todo.Length} to run on {Math.Min(jobs, Math.Max(1, todo.Length))} jobs → {outDir}"));

        int threads = Math.Max(1, Environment.ProcessorCount / jobs);
        string? keep = keepPoints ? Directory.CreateDirectory(Path.Combine(outDir, SweepFolder.Points)).FullName : null;
        var runner = new PointRunner(plan, Path.Combine(outDir, SweepFolder.Work), keep, threads);
        var progress = new SweepProgress(error, mine.Length, mine.Length - todo.Length);
        using (ConsoleRouter.Install())
        {
            progress.Run($"sweep {plan.Target.Name}", refresh =>
            {
                int next = -1;
                var workers = Enumerable.Range(0, Math.Min(jobs, todo.Length)).Select(_ => new Thread(() =>
                {
                    for (int i = Interlocked.Increment(ref next); i < todo.Length; i = Interlocked.Increment(ref next))
                    {
                        var (rows, status) = runner.Run(todo[i]);
                        results.Append(rows);
                        progress.Report(status != RunStatus.Ok, refresh);
                    }
                }, maxStackSize: 16 << 20)).ToList();
                workers.ForEach(w => w.Start());
                workers.ForEach(w => w.Join());
            });
        }

        IReadOnlyList<string[]> rows = results.Finish();
        var counts = Counts(rows);
        SweepRecord.Write(manifest, "sweep", definition, jobs, start, DateTimeOffset.UtcNow, counts);
        TryDeleteWork();
        var written = new List<string> { results.Path, manifest };
        if (plots)
        {
            written.AddRange(SweepPlotting.Write(results.Path, plan, Path.Combine(outDir, SweepFolder.Plots), error));
        }

        File.WriteAllText(marker, string.Create(CultureInfo.InvariantCulture, $"{mine.Length} points, {rows.Count} rows: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}\n"));
        written.Add(marker);
        error.WriteLine($"sweep: {rows.Count} rows; status: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        foreach (string file in written)
        {
            error.WriteLine($"wrote {file}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Rows per status word, in the order ok, unstable, diverged, not_converged, error.</summary>
    internal static SortedDictionary<string, int> Counts(IEnumerable<string[]> rows)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string[] row in rows)
        {
            string status = row[^3];
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        return counts;
    }

    private void TryDeleteWork()
    {
        try
        {
            Directory.Delete(Path.Combine(outDir, SweepFolder.Work), recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run to remove.
        }
    }
}
