using System.CommandLine;
using Crossbar.Cli.Commands;
using System.Globalization;
using System.Text.Json.Nodes;
using Crossbar.Cli.Sweeps;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// <c>crossbar merge &lt;shard dir&gt;... --out &lt;dir&gt;</c>: joins the folders of one sweep's shards into one
/// results.csv, sorted as an unsharded run writes it; refuses (exit 2, naming them) when points are missing or
/// duplicated or the folders belong to different sweeps.
/// </summary>
public static class MergeCommand
{
    /// <summary>Most missing or duplicated points named in a message.</summary>
    public const int NamedPoints = 10;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<DirectoryInfo[]>("dirs") { Description = "sweep folders (shards) of one sweep", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "folder for the merged results.csv, run.json and complete", Required = true };
        var command = new Command("merge", "merge the shard folders of one sweep into one results.csv") { inputs, output };
        command.SetAction(parse => CommandRunner.Guard(() => Execute(parse.GetValue(inputs)!, Path.GetFullPath(parse.GetValue(output)!.FullName))));
        return command;
    }

    private static int Execute(DirectoryInfo[] inputs, string outDir)
    {
        DateTimeOffset start = DateTimeOffset.UtcNow;
        if (File.Exists(outDir))
        {
            throw new UsageException($"--out {outDir} is a file; merge writes a folder.");
        }

        SweepPlan? plan = null;
        int shards = 0;
        JsonObject? first = null;
        string firstSource = string.Empty;
        var rows = new List<string[]>();
        var seen = new Dictionary<(int, int), string>();
        var duplicates = new List<string>();
        foreach (DirectoryInfo input in inputs)
        {
            string dir = input.FullName;
            string manifest = Path.Combine(dir, SweepFolder.Manifest);
            string results = Path.Combine(dir, SweepFolder.Results);
            if (!File.Exists(manifest) || !File.Exists(results))
            {
                throw new UsageException($"{dir}: not a sweep folder (needs {SweepFolder.Manifest} and {SweepFolder.Results}).");
            }

            JsonObject definition = SweepFolder.ReadDefinition(manifest) ?? throw new UsageException($"{manifest}: holds no sweep definition.");
            if (definition["shard"]?.GetValue<string>() is { } shard)
            {
                shards = SlurmScript.ParseShard(shard).N;
            }

            var withoutShard = (JsonObject)definition.DeepClone();
            withoutShard.Remove("shard");
            if (first is null)
            {
                first = withoutShard;
                firstSource = dir;
                plan = SweepPlan.FromJson(withoutShard, manifest);
            }
            else if (SweepFolder.Difference(first, withoutShard) is { } difference)
            {
                throw new UsageException($"{dir} and {firstSource} hold different sweeps ({difference}).");
            }

            List<string[]> shardRows = ResultsLog.Read(results, out IReadOnlyList<string> header);
            if (!header.SequenceEqual(plan!.Header))
            {
                throw new UsageException($"{results}: its columns differ from the sweep's (written by another version?).");
            }

            foreach (string[] row in shardRows)
            {
                var id = ResultsLog.Id(row, results);
                // A point may have several rows (one per summary row), all in the folder that ran it.
                if (seen.TryGetValue(id, out string? where) && where != dir)
                {
                    duplicates.Add(string.Create(CultureInfo.InvariantCulture, $"point {id.Item1} replicate {id.Item2} in {where} and {dir}"));
                }

                seen[id] = dir;

                rows.Add(row);
            }
        }

        var points = plan!.Points().ToList();
        var missing = points.Where(p => !seen.ContainsKey(p.Id)).ToList();
        var unknown = seen.Keys.Where(id => id.Item1 >= plan.Combinations || id.Item2 >= plan.Seeds).ToList();
        if (duplicates.Count > 0)
        {
            throw new UsageException($"merge: {duplicates.Count} points are in more than one folder: {string.Join("; ", duplicates.Distinct().Take(NamedPoints))}{(duplicates.Count > NamedPoints ? "; …" : string.Empty)}.");
        }

        if (missing.Count > 0 || unknown.Count > 0)
        {
            string names = string.Join("; ", missing.Take(NamedPoints).Select(p =>
                $"point {p.Index} replicate {p.Replicate} ({p.Key}{(shards > 0 ? string.Create(CultureInfo.InvariantCulture, $", shard {PointSeed.Shard(p.Key, shards)}/{shards}") : string.Empty)})"));
            throw new UsageException(missing.Count > 0
                ? $"merge: {missing.Count} of {points.Count} points are missing: {names}{(missing.Count > NamedPoints ? "; …" : string.Empty)}; finish the shards (crossbar sweep … --resume) or add their folders."
                : $"merge: {unknown.Count} rows are not points of this sweep (e.g. point {unknown[0].Item1} replicate {unknown[0].Item2}).");
        }

        SweepFolder.Prepare(outDir, first!, resume: true);
        Directory.Delete(Path.Combine(outDir, SweepFolder.Work), recursive: true);
        string merged = Path.Combine(outDir, SweepFolder.Results);
        var sorted = ResultsLog.Rewrite(merged, plan.Header, rows);
        var counts = SweepRun.Counts(sorted);
        SweepRecord.Write(Path.Combine(outDir, SweepFolder.Manifest), "merge", first!, null, start, DateTimeOffset.UtcNow, counts);
        File.WriteAllText(Path.Combine(outDir, SweepFolder.Complete), string.Create(CultureInfo.InvariantCulture, $"{points.Count} points, {sorted.Count} rows merged from {inputs.Length} folders: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}\n"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merge: {points.Count} points ({sorted.Count} rows) from {inputs.Length} folders; status: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}"));
        Console.Error.WriteLine($"wrote {merged}");
        return ExitCodes.Ok;
    }
}
