using System.CommandLine;
using Crossbar.Cli.Commands;
using System.Globalization;
using System.Text.Json.Nodes;
using Crossbar.Cli.Output;
using Crossbar.Cli.Sweeps;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// <c>crossbar sweep &lt;command&gt; [the command's options, each a value, a list a,b,c or a range start:step:stop]
/// --seeds n --out dir</c>: runs the command at every point of the Cartesian product × seeds, in parallel, into one
/// results.csv (<see cref="SweepPlan"/>, <see cref="ResultsLog"/>); resumable, shardable, and able to write an sbatch
/// array script for Slurm (<see cref="SlurmScript"/>).
/// </summary>
public static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var target = new Argument<string>("command") { Description = $"the command to sweep: {string.Join(" | ", SweepTarget.All.Select(t => t.Name))}; its options follow, each a value, a list a,b,c or a range start:step:stop" };
        var seeds = new Option<int>("--seeds") { HelpName = "n", Description = "replicates of every combination, each with its own derived seed", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { HelpName = "s", Description = "sweep seed every point's seed derives from (SHA-256 of it and the point)", DefaultValueFactory = _ => 1 };
        var paired = new Option<bool>("--paired-seeds") { Description = "derive seeds from the sweep seed and replicate only: every combination of a replicate sees the same matrix and noise draws" };
        var jobs = new Option<int>("--jobs", "-j") { HelpName = "n", Description = "points run at once (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "sweep folder: results.csv, run.json, complete (and plots/, points/)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "continue the sweep in --out: points already in results.csv are skipped" };
        var shard = new Option<string?>("--shard") { HelpName = "K/N", Description = "run only shard K of N (stable assignment by point; merge the shards with crossbar merge)" };
        var emit = new Option<FileInfo?>("--emit-slurm") { HelpName = "script.sh", Description = "write an sbatch array script running --shards shards into --out/shard-K instead of running" };
        var shards = new Option<int?>("--shards") { HelpName = "n", Description = "array tasks of --emit-slurm" };
        var partition = new Option<string?>("--partition") { HelpName = "name", Description = "Slurm partition of --emit-slurm [default: the cluster's]" };
        var time = new Option<string?>("--time") { HelpName = "d-hh:mm:ss", Description = "Slurm time limit per task [default: the partition's]" };
        var cpus = new Option<int?>("--cpus-per-task") { HelpName = "n", Description = "Slurm CPUs per task, also each task's --jobs [default: 1]" };
        var memory = new Option<string?>("--mem") { HelpName = "size", Description = "Slurm memory per task, e.g. 4G [default: the partition's]" };
        var plots = new Option<bool>("--plots") { Description = "draw each outcome column against each swept option into plots/" };
        var keep = new Option<bool>("--keep-points") { Description = "keep every point's own output folder under points/" };
        var command = new Command("sweep", "run a command over lists and ranges of its options × seeds, in parallel, into one resumable results.csv")
        {
            target, seeds, seed, paired, jobs, output, resume, shard, emit, shards, partition, time, cpus, memory, plots, keep,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            SweepTarget what = SweepTarget.Find(parse.GetValue(target)!);
            SweepPlan plan = SweepPlan.Parse(what, parse.UnmatchedTokens, parse.GetValue(seeds), parse.GetValue(seed), parse.GetValue(paired));
            string outDir = Path.GetFullPath(parse.GetValue(output)!.FullName);
            if (parse.GetValue(emit) is { } script)
            {
                int n = parse.GetValue(shards) ?? throw new UsageException("--emit-slurm needs --shards n (the number of array tasks).");
                if (n < 1)
                {
                    throw new UsageException($"--shards: must be at least 1, got {n}.");
                }

                var resources = new SlurmResources(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus) is { } c ? AmcOptions.Positive(c, "--cpus-per-task") : null, parse.GetValue(memory), $"crossbar-{what.Name}");
                return Emit(plan, n, outDir, resources, script, parse.GetValue(plots));
            }

            if (parse.GetValue(shards) is not null)
            {
                throw new UsageException("--shards goes with --emit-slurm; to run one shard here use --shard K/N.");
            }

            (int K, int N)? part = parse.GetValue(shard) is { } text ? SlurmScript.ParseShard(text) : null;
            int workers = AmcOptions.Positive(parse.GetValue(jobs), "--jobs");
            return new SweepRun(plan, outDir, part, workers, parse.GetValue(resume), parse.GetValue(plots), parse.GetValue(keep)).Execute();
        }));
        return command;
    }

    private static int Emit(SweepPlan plan, int shards, string outDir, SlurmResources resources, FileInfo script, bool plots)
    {
        Directory.CreateDirectory(outDir);
        string text = SlurmScript.Text(SelfCommand.Words(), plan, shards, outDir, resources, plots);
        AtomicFile.WriteAllText(script.FullName, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script.FullName, File.GetUnixFileMode(script.FullName) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
        }
        string folders = string.Join(' ', Enumerable.Range(1, shards).Select(k => SlurmScript.Quote(SlurmScript.ShardFolder(outDir, k))));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {script.FullName}: {plan.Count} points in {shards} array tasks, results in {outDir}/shard-1 … shard-{shards}"));
        Console.Out.WriteLine($"submit:  sbatch {SlurmScript.Quote(script.FullName)}");
        Console.Out.WriteLine($"then:    {string.Join(' ', SelfCommand.Words().Select(SlurmScript.Quote))} merge {folders} --out {SlurmScript.Quote(Path.Combine(outDir, "merged"))}");
        return ExitCodes.Ok;
    }

    /// <summary>The definition stored in run.json (and compared on --resume): the plan and the shard.</summary>
    internal static JsonObject Definition(SweepPlan plan, (int K, int N)? shard)
    {
        JsonObject json = plan.ToJson();
        json["shard"] = shard is { } s ? FormattableString.Invariant($"{s.K}/{s.N}") : null;
        return json;
    }
}
