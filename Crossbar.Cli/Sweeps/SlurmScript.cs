using System.Globalization;
using System.Text;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Sweeps;

/// <summary>Resources an sbatch array script asks for (each null: the cluster's default).</summary>
/// <param name="Partition">--partition.</param>
/// <param name="Time">--time (e.g. 01:00:00).</param>
/// <param name="CpusPerTask">--cpus-per-task; also the sweep's --jobs inside each task.</param>
/// <param name="Memory">--mem (e.g. 4G).</param>
/// <param name="JobName">--job-name.</param>
public sealed record SlurmResources(string? Partition, string? Time, int? CpusPerTask, string? Memory, string JobName);

/// <summary>
/// Writes an sbatch array script that runs a sweep as <c>N</c> shards: task <c>i</c> (0 … N−1) runs
/// <c>crossbar sweep … --shard (i+1)/N --out &lt;out&gt;/shard-(i+1) --resume</c>, so a requeued or rerun task continues
/// where it stopped; <c>crossbar merge &lt;out&gt;/shard-*</c> joins them.
/// </summary>
public static class SlurmScript
{
    /// <summary>The folder of shard <paramref name="k"/> under the sweep's output folder.</summary>
    public static string ShardFolder(string outDir, int k) => Path.Combine(outDir, FormattableString.Invariant($"shard-{k}"));

    /// <summary>The script's text.</summary>
    /// <param name="executable">How to start crossbar (<see cref="SelfCommand"/>).</param>
    /// <param name="plan">The sweep.</param>
    /// <param name="shards">Number of array tasks.</param>
    /// <param name="outDir">Absolute folder that receives shard-1 … shard-N and the task logs.</param>
    /// <param name="resources">sbatch resources.</param>
    /// <param name="plots">Whether shards draw their plots (the merge is the usual place).</param>
    public static string Text(IReadOnlyList<string> executable, SweepPlan plan, int shards, string outDir, SlurmResources resources, bool plots)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(CultureInfo.InvariantCulture, $"# crossbar sweep {plan.Target.Name}: {plan.Count} points in {shards} shards (written by crossbar sweep --emit-slurm)\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={resources.JobName}\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{shards - 1}\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={outDir}/slurm-%A_%a.log\n");
        if (resources.Partition is { } partition)
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        }

        if (resources.Time is { } time)
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        }

        if (resources.CpusPerTask is { } cpus)
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}\n");
        }

        if (resources.Memory is { } memory)
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={memory}\n");
        }

        s.Append("set -euo pipefail\n");
        s.Append("shard=$((SLURM_ARRAY_TASK_ID + 1))\n");
        s.Append(CultureInfo.InvariantCulture, $"count=${{SLURM_ARRAY_TASK_COUNT:-{shards}}}\n");
        var args = new List<string>(executable) { "sweep", plan.Target.Name };
        args.AddRange(plan.OptionTokens());
        args.AddRange(["--seeds", plan.Seeds.ToString(CultureInfo.InvariantCulture), "--seed", plan.Seed.ToString(CultureInfo.InvariantCulture)]);
        if (plan.Paired)
        {
            args.Add("--paired-seeds");
        }

        if (plots)
        {
            args.Add("--plots");
        }

        s.Append(string.Join(' ', args.Select(Quote)));
        s.Append(CultureInfo.InvariantCulture, $" \\\n  --shard \"$shard/$count\" --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\" --resume --out {Quote(outDir)}/shard-\"$shard\"\n");
        return s.ToString();
    }

    /// <summary>Quotes a word for bash (single quotes; a single quote inside as '\'').</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=+@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Parses <c>K/N</c> (1 ≤ K ≤ N).</summary>
    /// <exception cref="UsageException">Not of that form.</exception>
    public static (int K, int N) ParseShard(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
        {
            return (k, n);
        }

        throw new UsageException($"--shard {text}: must be K/N with 1 ≤ K ≤ N, e.g. 3/8.");
    }
}
