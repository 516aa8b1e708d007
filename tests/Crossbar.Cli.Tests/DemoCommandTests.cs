using System.Text.Json.Nodes;

namespace Crossbar.Cli.Tests;

public class DemoCommandTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    [Test]
    public void When_TheQuickDemoRuns_Expect_EveryStepsFilesTheTableAndARecord()
    {
        string outDir = Path.Combine(_dir, "demo");
        var r = Cli.Run("demo", "--quick", "--out", outDir);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        foreach (string file in new[] { "hpinv/summary.csv", "hpinv/iterations.png", "lpinv-tran/waveforms.csv", "mimo/ber.csv", "mimo/ber.png", "sweep/results.csv", "sweep/complete", "repeatability/results.csv", "cost/cost.csv", "logs/hpinv.log", "run.json" })
        {
            Assert.That(File.Exists(Path.Combine(outDir, file)), Is.True, file);
        }

        Assert.That(r.Stdout, Does.Contain("paper").And.Contain("CrossbarSim").And.Contain("≈120 ns").And.Contain("σ = 0.02").And.Contain("1000× faster").And.Contain("repeatability"));
        Assert.That(r.Stdout, Does.Contain("hpinv/summary.csv"), "lists the files it wrote");
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")))!;
        Assert.That(record["results"]!.AsArray(), Has.Count.EqualTo(5));
        Assert.That(record["steps"]!.AsArray(), Has.Count.EqualTo(6));

        // Rerun into the same folder: replaced as a unit (its own subfolders are accepted).
        Assert.That(Cli.Run("demo", "--quick", "--out", outDir).ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void When_TheFolderHoldsSomethingElse_Expect_ARefusalBeforeAnyStep()
    {
        string outDir = Path.Combine(_dir, "mine");
        Directory.CreateDirectory(Path.Combine(outDir, "thesis"));
        var r = Cli.Run("demo", "--quick", "--out", outDir);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("thesis"));
        Assert.That(r.Stderr, Does.Not.Contain("demo [1/"));
    }
}
