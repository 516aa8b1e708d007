using System.Diagnostics;
using System.Globalization;

namespace Crossbar.Cli.Tests.Sweeps;

public class SweepCommandTests
{
    private static readonly string[] Small = ["inv", "--size", "3,4", "--bits", "2,3", "--seeds", "2"];

    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>results.csv's lines without the wall_time_s column (the one allowed to differ).</summary>
    internal static string[] WithoutWallTime(string results)
    {
        string[] lines = File.ReadAllLines(results);
        int column = Array.IndexOf(lines[0].Split(','), "wall_time_s");
        Assert.That(column, Is.EqualTo(lines[0].Split(',').Length - 1), "wall_time_s is the last column");
        return [.. lines.Select(l => l[..l.LastIndexOf(',')])];
    }

    private Cli.Result Sweep(string outDir, params string[] extra) => Cli.Run(["sweep", .. Small, .. extra, "--out", outDir]);

    [Test]
    public void When_ASweepRuns_Expect_OneRowPerPointWithParametersOutcomesAndStatus()
    {
        var r = Sweep(P("s"), "--jobs", "2");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] lines = File.ReadAllLines(P("s/results.csv"));
        string[] header = lines[0].Split(',');
        Assert.That(lines, Has.Length.EqualTo(1 + 8));
        Assert.That(header[..3], Is.EqualTo(new[] { "point", "replicate", "seed" }));
        Assert.That(header, Does.Contain("prog_sigma").And.Contain("rel_error_2norm").And.Contain("status").And.Contain("message"));
        Assert.That(Cli.Column(P("s/results.csv"), "size"), Is.EqualTo(new double[] { 3, 3, 3, 3, 4, 4, 4, 4 }));
        Assert.That(Cli.Column(P("s/results.csv"), "rel_error_2norm"), Is.All.GreaterThan(0).And.All.LessThan(1));
        Assert.That(File.Exists(P("s/complete")), Is.True);
        Assert.That(File.ReadAllText(P("s/run.json")), Does.Contain("\"sweep\"").And.Contain("--bits"));
        Assert.That(Directory.Exists(P("s/.work")), Is.False, "no points left in flight");
    }

    [Test]
    public void When_JobsDiffer_Expect_ByteIdenticalResultsApartFromWallTime()
    {
        Assert.That(Sweep(P("j1"), "--jobs", "1").ExitCode, Is.EqualTo(0));
        Assert.That(Sweep(P("j2"), "--jobs", "2").ExitCode, Is.EqualTo(0));
        Assert.That(WithoutWallTime(P("j2/results.csv")), Is.EqualTo(WithoutWallTime(P("j1/results.csv"))));
    }

    [Test]
    public void When_APointFails_Expect_AnErrorRowAndTheSweepGoesOn()
    {
        var r = Cli.Run("sweep", "inv", "--size", "3,0", "--out", P("f"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] lines = File.ReadAllLines(P("f/results.csv"));
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[1], Does.Contain(",ok,"));
        Assert.That(lines[2], Does.Contain(",error,").And.Contain("--size"));
        Assert.That(File.ReadAllText(P("f/complete")), Does.Contain("error 1").And.Contain("ok 1"));
    }

    [Test]
    public void When_TheFolderHoldsASweepAndResumeIsNotGiven_Expect_ARefusalThatKeepsIt()
    {
        Assert.That(Sweep(P("r")).ExitCode, Is.EqualTo(0));
        string before = File.ReadAllText(P("r/results.csv"));
        var again = Sweep(P("r"));
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Stderr, Does.Contain("--resume"));
        Assert.That(File.ReadAllText(P("r/results.csv")), Is.EqualTo(before));
    }

    [Test]
    public void When_ResumeIsGivenOtherArguments_Expect_ARefusalNamingTheDifference()
    {
        Assert.That(Sweep(P("d")).ExitCode, Is.EqualTo(0));
        var other = Cli.Run("sweep", "inv", "--size", "3,5", "--bits", "2,3", "--seeds", "2", "--resume", "--out", P("d"));
        Assert.That(other.ExitCode, Is.EqualTo(2));
        Assert.That(other.Stderr, Does.Contain("different sweep").And.Contain("axes"));
    }

    [Test]
    public void When_ATornRowIsLeftBehind_Expect_ResumeCutsItAndFinishesLikeAnUninterruptedRun()
    {
        Assert.That(Sweep(P("whole")).ExitCode, Is.EqualTo(0));
        Assert.That(Sweep(P("torn")).ExitCode, Is.EqualTo(0));
        // As a kill would leave it: three whole rows, a fourth half written, no completion marker.
        string[] lines = File.ReadAllLines(P("torn/results.csv"));
        File.WriteAllText(P("torn/results.csv"), string.Join('\n', lines[..4]) + "\n" + lines[4][..(lines[4].Length / 2)]);
        File.Delete(P("torn/complete"));
        var resumed = Sweep(P("torn"), "--resume");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Stderr);
        Assert.That(resumed.Stderr, Does.Contain("torn").And.Contain("3 done before, 5 to run"));
        Assert.That(WithoutWallTime(P("torn/results.csv")), Is.EqualTo(WithoutWallTime(P("whole/results.csv"))));
        Assert.That(File.Exists(P("torn/complete")), Is.True);
    }

    [Test]
    public void When_ShardsAreRunAndMerged_Expect_TheUnshardedResults()
    {
        Assert.That(Sweep(P("all")).ExitCode, Is.EqualTo(0));
        for (int k = 1; k <= 3; k++)
        {
            Assert.That(Sweep(P($"shard-{k}"), "--shard", $"{k}/3").ExitCode, Is.EqualTo(0));
        }

        var merged = Cli.Run("merge", P("shard-1"), P("shard-2"), P("shard-3"), "--out", P("merged"));
        Assert.That(merged.ExitCode, Is.EqualTo(0), merged.Stderr);
        Assert.That(WithoutWallTime(P("merged/results.csv")), Is.EqualTo(WithoutWallTime(P("all/results.csv"))));

        var missing = Cli.Run("merge", P("shard-1"), P("shard-3"), "--out", P("m2"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("missing").And.Contain("shard 2/3"));
        Assert.That(Directory.Exists(P("m2")), Is.False);

        var twice = Cli.Run("merge", P("shard-1"), P("shard-2"), P("shard-3"), P("all"), "--out", P("m3"));
        Assert.That(twice.ExitCode, Is.EqualTo(2));
        Assert.That(twice.Stderr, Does.Contain("more than one folder"));
    }

    [Test]
    public void When_ASlurmScriptIsEmitted_Expect_AnArrayJobOfShardsThatResume()
    {
        var r = Cli.Run(["sweep", .. Small, "--emit-slurm", P("s.sh"), "--shards", "4", "--partition", "batch", "--time", "00:30:00", "--cpus-per-task", "2", "--mem", "2G", "--out", P("o")]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string script = File.ReadAllText(P("s.sh"));
        Assert.That(script, Does.StartWith("#!/bin/bash"));
        Assert.That(script, Does.Contain("#SBATCH --array=0-3").And.Contain("#SBATCH --partition=batch").And.Contain("#SBATCH --time=00:30:00")
            .And.Contain("#SBATCH --cpus-per-task=2").And.Contain("#SBATCH --mem=2G"));
        Assert.That(script, Does.Contain("--shard \"$shard/$count\"").And.Contain("--resume").And.Contain("sweep inv --size 3,4 --bits 2,3 --seeds 2 --seed 1"));
        Assert.That(r.Stdout, Does.Contain("sbatch").And.Contain("merge"));
        Assert.That(Directory.Exists(P("o/shard-1")), Is.False, "nothing runs");
    }

    [Test]
    public void When_TheSweepIsKilledWithSigkill_Expect_ResumeToEqualAnUninterruptedRun()
    {
        string[] args = ["sweep", "inv", "--size", "3,4,5,6", "--bits", "2,3,4", "--seeds", "4", "--jobs", "2"];
        Assert.That(Cli.Run([.. args, "--out", P("ref")]).ExitCode, Is.EqualTo(0));

        string dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in (string[])[dll, .. args, "--out", P("killed")])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        string results = P("killed/results.csv");
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120)
            && (!File.Exists(results) || File.ReadAllLines(results).Length < 6))
        {
            Thread.Sleep(5);
        }

        Assume.That(process.HasExited, Is.False, "the sweep finished before it could be killed");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        int rowsAtKill = File.ReadAllLines(results).Length - 1;
        Assert.That(File.Exists(P("killed/complete")), Is.False);

        var resumed = Cli.Run([.. args, "--resume", "--out", P("killed")]);
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Stderr);
        Assert.That(resumed.Stderr, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"{rowsAtKill} done before")).Or.Contain("torn"));
        Assert.That(WithoutWallTime(P("killed/results.csv")), Is.EqualTo(WithoutWallTime(P("ref/results.csv"))));
    }

    [Test]
    public void When_HpinvIsSweptIntoHardCases_Expect_StatusesThatNameWhatHappened()
    {
        var r = Cli.Run("sweep", "hpinv", "--size", "8", "--kind", "spd", "--condition", "1.5,1000", "--max-iterations", "12", "--out", P("h"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] lines = File.ReadAllLines(P("h/results.csv"));
        Assert.That(lines[1], Does.Contain(",ok,"), "κ = 1.5 converges");
        Assert.That(lines[2], Does.Contain(",diverged,").And.Contain("ρ"), "κ = 1000 diverges");
    }

    [Test]
    public void When_PlotsAreAsked_Expect_OnePngPerVaryingOutcomeAndSweptOption()
    {
        var r = Cli.Run(["sweep", .. Small, "--plots", "--out", P("p")]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] plots = [.. Directory.GetFiles(P("p/plots")).Select(Path.GetFileName)!];
        Assert.That(plots, Does.Contain("rel_error_2norm_vs_size.png").And.Contain("rel_error_2norm_vs_bits.png"));
        Assert.That(plots, Has.None.Contains("stable"), "a column that does not vary is not plotted");
    }
}
