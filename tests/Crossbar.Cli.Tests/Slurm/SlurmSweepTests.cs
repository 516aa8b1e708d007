using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Crossbar.Cli.Tests.Slurm;

/// <summary>
/// Sweeps on a real single-node Slurm cluster (<see cref="SlurmCluster"/>): a trivial array job first, then a sharded
/// sweep emitted as an sbatch array script, run by the cluster and merged, against a single-machine run.
/// Skipped (never passed) where Slurm and MUNGE cannot be installed or started; see docs/slurm.md.
/// </summary>
[TestFixture]
[Category("Slurm")]
[NonParallelizable]
public class SlurmSweepTests
{
    private static readonly string[] Sweep = ["sweep", "inv", "--size", "3,4", "--bits", "2,3", "--seeds", "2"];

    private SlurmCluster? _cluster;
    private string _dir = "";

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = SlurmCluster.Start(TimeSpan.FromSeconds(60));
        TestContext.Progress.WriteLine(
            $"slurm test cluster: node {_cluster.NodeName}, {_cluster.Cpus} CPUs, up in {_cluster.StartupTime.TotalSeconds:0.00} s ({_cluster.Directory})");
    }

    [OneTimeTearDown]
    public void StopCluster() => _cluster?.Dispose();

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private SlurmCluster Cluster => _cluster ?? throw new InvalidOperationException("no cluster");

    private string P(string name) => Path.Combine(_dir, name);

    [Test]
    public void When_ArrayJobSubmitted_Expect_EveryTaskRunsOnce()
    {
        var clock = Stopwatch.StartNew();
        string script = P("smoke.sbatch");
        File.WriteAllText(script, $"""
            #!/bin/bash
            #SBATCH --job-name=xbar-smoke
            #SBATCH --array=0-1
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --time=00:01:00
            #SBATCH --output={_dir}/slurm-%A_%a.log
            echo "task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname)" > "{_dir}/task-$SLURM_ARRAY_TASK_ID.txt"
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");

        int job = Cluster.Submit(script);
        var tasks = Cluster.WaitAll(job, TimeSpan.FromSeconds(60));
        TestContext.Progress.WriteLine($"slurm smoke test: 2-task array job {job} submitted and finished in {clock.Elapsed.TotalSeconds:0.00} s");

        string logs = JobLogs(_dir);
        Assert.That(tasks.Select(t => t.ArrayTaskId).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "0", "1" }), logs);
        Assert.That(tasks.Where(t => !t.Succeeded), Is.Empty, $"tasks that did not complete with exit 0\n{logs}");
        for (int task = 0; task < 2; task++)
        {
            string output = P($"task-{task}.txt");
            Assert.That(File.Exists(output), Is.True, $"{output} not written\n{logs}");
            Assert.That(File.ReadAllText(output), Does.StartWith($"task {task} of job {job} "));
            Assert.That(File.Exists(P($"slurm-{job}_{task}.log")), Is.True, "the --output pattern was not honoured");
        }
    }

    /// <summary>Disposing a cluster with a job still running leaves no daemon, job or directory behind.</summary>
    [Test]
    public void When_ClusterDisposedWithJobRunning_Expect_NothingLeft()
    {
        var cluster = SlurmCluster.Start(TimeSpan.FromSeconds(60));
        string dir = cluster.Directory;
        IReadOnlyList<int> daemons;
        try
        {
            string script = P("sleep.sbatch");
            File.WriteAllText(script, $"""
                #!/bin/bash
                #SBATCH --time=00:05:00
                #SBATCH --output={_dir}/slurm-%j.log
                touch "{_dir}/started"
                sleep 300
                """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
            cluster.Submit(script);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(P("started")) && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(200);
            }

            Assert.That(File.Exists(P("started")), Is.True, $"the job did not start\n{cluster.LogTail()}");
            daemons = cluster.DaemonProcessIds();
            Assert.That(daemons, Has.Count.EqualTo(3));
            Assert.That(cluster.ProcessesOfCluster(), Has.Count.GreaterThan(2), "slurmctld, slurmd and the job");
        }
        finally
        {
            cluster.Dispose();
        }

        Assert.That(daemons.Where(IsAlive), Is.Empty, "daemons still running after Dispose");
        Assert.That(cluster.ProcessesOfCluster().Where(IsAlive), Is.Empty, "processes of the cluster still running after Dispose");
        Assert.That(Directory.Exists(dir), Is.False, $"{dir} not removed");
    }

    /// <summary>Whether a process exists and is no zombie.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The environment a job inherits from the test (PATH, DOTNET_ROOT) runs the CLI as an emitted script would.</summary>
    [Test]
    public void When_JobRunsCrossbarDll_Expect_VersionPrinted()
    {
        string dll = typeof(Program).Assembly.Location;
        string script = P("version.sbatch");
        File.WriteAllText(script, $"""
            #!/bin/bash
            #SBATCH --job-name=xbar-version
            #SBATCH --cpus-per-task=1
            #SBATCH --time=00:02:00
            #SBATCH --output={_dir}/slurm-%j.log
            set -euo pipefail
            dotnet "{dll}" --version > "{_dir}/version.txt"
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");

        int job = Cluster.Submit(script);
        var tasks = Cluster.WaitAll(job, TimeSpan.FromSeconds(120));
        string logs = JobLogs(_dir);
        Assert.That(tasks, Has.Count.EqualTo(1), logs);
        Assert.That(tasks[0].Succeeded, Is.True, $"{tasks[0]}\n{logs}");
        // In-process --version would print the test host's version; the assembly's own is what the job must print.
        string? expected = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        Assert.That(File.ReadAllText(P("version.txt")).Trim(), Is.EqualTo(expected), logs);
    }

    [Test]
    public void When_SweepShardedOverSlurmArray_Expect_MergeEqualsSingleMachineRun()
    {
        // 1. Single-machine reference.
        string reference = P("ref");
        var run = Cli.Run([.. Sweep, "--jobs", "1", "--out", reference]);
        Assert.That(run.ExitCode, Is.EqualTo(0), $"reference sweep: {run.Stderr}");
        Assert.That(File.Exists(Path.Combine(reference, "results.csv")), Is.True, "reference results.csv");
        Assert.That(File.Exists(Path.Combine(reference, "run.json")), Is.True, "reference run.json");

        // 2. The sbatch array script for 4 shards.
        string script = P("sweep.sbatch");
        string shards = P("shards");
        var emit = Cli.Run([.. Sweep, "--shards", "4", "--emit-slurm", script, "--out", shards, "--cpus-per-task", "1", "--time", "00:10:00"]);
        Assert.That(emit.ExitCode, Is.EqualTo(0), $"--emit-slurm: {emit.Stderr}");
        Assert.That(File.Exists(script), Is.True, $"--emit-slurm wrote no {script}; stdout: {emit.Stdout}");
        Assert.That(emit.Stdout, Does.Contain("sbatch"), "stdout should say how to submit the script");
        string text = File.ReadAllText(script);
        Assert.That(text, Does.StartWith("#!"), "a batch script starts with #!");
        Assert.That(ArraySize(text), Is.EqualTo(4), $"#SBATCH --array= should make 4 tasks:\n{text}");
        Assert.That(text, Does.Contain("--shard").And.Contain("--resume"), text);

        // 3. Run it on the cluster.
        var clock = Stopwatch.StartNew();
        int job = Cluster.Submit(script, _dir);
        var tasks = Cluster.WaitAll(job, TimeSpan.FromMinutes(5));
        TestContext.Progress.WriteLine($"slurm sweep: 4-task array job {job} finished in {clock.Elapsed.TotalSeconds:0.00} s");
        string logs = $"script:\n{text}\n{JobLogs(shards)}";
        Assert.That(tasks, Has.Count.EqualTo(4), $"array tasks: {string.Join(", ", tasks)}\n{logs}");
        Assert.That(tasks.Where(t => !t.Succeeded), Is.Empty, $"tasks that did not complete with exit 0\n{logs}");

        string[] shardDirs = ShardFolders(shards);
        Assert.That(shardDirs, Has.Length.EqualTo(4), $"shard folders under {shards}: {string.Join(", ", shardDirs)}\n{logs}");
        foreach (string shard in shardDirs)
        {
            Assert.That(File.Exists(Path.Combine(shard, "results.csv")), Is.True, $"{shard}/results.csv missing\n{logs}");
        }

        // 4. The merge of all shards is the single-machine run, wall times aside.
        string merged = P("merged");
        var merge = Cli.Run(["merge", .. shardDirs, "--out", merged]);
        Assert.That(merge.ExitCode, Is.EqualTo(0), $"merge: {merge.Stderr}");
        string[] expected = WithoutColumn(Path.Combine(reference, "results.csv"), "wall_time_s");
        string[] actual = WithoutColumn(Path.Combine(merged, "results.csv"), "wall_time_s");
        Assert.That(expected, Has.Length.GreaterThan(1), "the reference results.csv has no rows");
        Assert.That(actual, Has.Length.EqualTo(expected.Length), "rows of merged vs single-machine results.csv");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.That(actual[i], Is.EqualTo(expected[i]), $"results.csv line {i + 1} (wall_time_s dropped)");
        }

        // 5. A merge that lacks a shard fails and names what is missing.
        var partial = Cli.Run(["merge", .. shardDirs[..3], "--out", P("partial")]);
        Assert.That(partial.ExitCode, Is.EqualTo(2), $"merge of 3 of 4 shards: {partial.Stdout}{partial.Stderr}");
        Assert.That(partial.Stderr, Does.Contain("missing").IgnoreCase);
    }

    /// <summary>The number of tasks an <c>#SBATCH --array=</c> line asks for (<c>0-3</c>, <c>1-4%2</c>, <c>0,2,5</c>); 0 if there is none.</summary>
    internal static int ArraySize(string script)
    {
        string? spec = null;
        foreach (string line in script.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)))
        {
            string[] words = line["#SBATCH".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < words.Length && spec is null; i++)
            {
                if (words[i].StartsWith("--array=", StringComparison.Ordinal))
                {
                    spec = words[i]["--array=".Length..];
                }
                else if ((words[i] == "--array" || words[i] == "-a") && i + 1 < words.Length)
                {
                    spec = words[i + 1];
                }
            }
        }

        if (spec is null)
        {
            return 0;
        }

        spec = spec.Split('%')[0];
        int count = 0;
        foreach (string part in spec.Split(','))
        {
            string[] range = part.Split(':')[0].Split('-');
            int step = part.Contains(':', StringComparison.Ordinal) ? int.Parse(part.Split(':')[1], CultureInfo.InvariantCulture) : 1;
            int first = int.Parse(range[0], CultureInfo.InvariantCulture);
            int last = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : first;
            count += ((last - first) / step) + 1;
        }

        return count;
    }

    /// <summary>The shard folders (<c>shard-K</c>) in shard order.</summary>
    private static string[] ShardFolders(string shards)
        => Directory.Exists(shards)
            ? [.. Directory.GetDirectories(shards, "shard-*")
                .OrderBy(d => int.TryParse(Path.GetFileName(d)["shard-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k : int.MaxValue)
                .ThenBy(d => d, StringComparer.Ordinal)]
            : [];

    /// <summary>Every <c>slurm-*.log</c> under a folder, with its name, for failure messages.</summary>
    private static string JobLogs(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return $"({dir} does not exist)";
        }

        var text = new StringBuilder();
        foreach (string log in Directory.GetFiles(dir, "slurm-*.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.Append("--- ").Append(log).AppendLine(" ---").AppendLine(File.ReadAllText(log));
        }

        return text.Length > 0 ? text.ToString() : $"(no slurm-*.log under {dir})";
    }

    /// <summary>A CSV file's lines with one column (found by its header) removed; unchanged if it has no such column.</summary>
    internal static string[] WithoutColumn(string path, string column)
    {
        string[] lines = File.ReadAllLines(path);
        Assert.That(lines, Is.Not.Empty, $"{path} is empty");
        int index = Array.IndexOf(lines[0].Split(','), column);
        return index < 0
            ? lines
            : [.. lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => i != index)))];
    }
}

/// <summary>The script and CSV helpers of <see cref="SlurmSweepTests"/>; need no cluster.</summary>
[TestFixture]
[Category("Slurm")]
public class SlurmSweepHelperTests
{
    [TestCase("#SBATCH --array=0-3", 4)]
    [TestCase("#SBATCH --array=1-4%2", 4)]
    [TestCase("#SBATCH --array 1-4", 4)]
    [TestCase("#SBATCH -a 0,2,5", 3)]
    [TestCase("#SBATCH --array=0-7:2", 4)]
    [TestCase("#SBATCH --time=1:00", 0)]
    public void When_ArrayLineParsed_Expect_TaskCount(string line, int tasks)
        => Assert.That(SlurmSweepTests.ArraySize($"#!/bin/bash\n{line}\necho x\n"), Is.EqualTo(tasks));

    [Test]
    public void When_ColumnDropped_Expect_OtherColumnsKept()
    {
        string dir = Cli.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "r.csv");
            File.WriteAllLines(path, ["a,wall_time_s,b", "1,0.25,2", "3,0.5,4"]);
            Assert.That(SlurmSweepTests.WithoutColumn(path, "wall_time_s"), Is.EqualTo(new[] { "a,b", "1,2", "3,4" }));
            Assert.That(SlurmSweepTests.WithoutColumn(path, "none"), Is.EqualTo(new[] { "a,wall_time_s,b", "1,0.25,2", "3,0.5,4" }));
        }
        finally
        {
            Cli.Cleanup(dir);
        }
    }
}
