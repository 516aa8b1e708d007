using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Tests;

/// <summary>run.json: its content, typed parameter values, the per-flow command line, and old folders replaced.</summary>
public class RunJsonTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    [Test]
    public void When_Written_Expect_EveryFieldAndExtraMerged()
    {
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        Invocation.Set(["inv", "--size", "4"]);
        RunJson.Write(P("run.json"), "inv", [new("seed", "7"), new("prog_sigma", "0.02"), new("force", "false"), new("matrix", "generated")],
            start, start.AddSeconds(1.5), new JsonObject { ["results"] = new JsonObject { ["energy_J"] = 1e-9 } });

        JsonElement run = Cli.RunJson(P("run.json"));
        Assert.That(run.GetProperty("command").GetString(), Is.EqualTo("crossbar inv"));
        Assert.That(run.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "crossbar", "inv", "--size", "4" }));
        Assert.That(run.GetProperty("seed").GetInt32(), Is.EqualTo(7));
        Assert.That(run.GetProperty("start").GetString(), Is.EqualTo("2026-01-02T01:04:05.0000000Z"), "UTC");
        Assert.That(run.GetProperty("wall_time_s").GetDouble(), Is.EqualTo(1.5));
        Assert.That(run.GetProperty("commit").GetString(), Is.EqualTo(BuildInfo.Commit));
        JsonElement parameters = run.GetProperty("parameters");
        Assert.That(parameters.GetProperty("prog_sigma").GetDouble(), Is.EqualTo(0.02));
        Assert.That(parameters.GetProperty("force").ValueKind, Is.EqualTo(JsonValueKind.False));
        Assert.That(parameters.GetProperty("matrix").GetString(), Is.EqualTo("generated"));
        Assert.That(run.GetProperty("results").GetProperty("energy_J").GetDouble(), Is.EqualTo(1e-9));
    }

    [Test]
    public void When_ANegativeZeroIsWrittenToACsv_Expect_Zero()
    {
        Assert.That(CsvTableWriter.Format(-0.0), Is.EqualTo("0"));
        Assert.That(CsvTableWriter.Format((object)-0.0), Is.EqualTo("0"));
        Assert.That(CsvTableWriter.Format((object)-0.0f), Is.EqualTo("0"));
        Assert.That(CsvTableWriter.Format((object)-1.5f), Is.EqualTo("-1.5"));
    }

    [Test]
    public void When_TransientTimePasses_Expect_ALineEveryTenthOfTheStopTime()
    {
        var log = new StringWriter();
        var progress = new TransientProgress("inv", 1e-6, log, TimeSpan.Zero);
        foreach (double t in new[] { 0.0, 0.05e-6, 0.1e-6, 0.15e-6, 0.21e-6, 0.25e-6, 1e-6 })
        {
            progress.Observe(t);
        }

        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Does.StartWith("inv: tran 1E-07 s of 1E-06 s (10%), "));
        Assert.That(lines[2], Does.StartWith("inv: tran 1E-06 s of 1E-06 s (100%), "));
    }

    [Test]
    public void When_WallTimeIsShort_Expect_NoLines()
    {
        var log = new StringWriter();
        var progress = new TransientProgress("run", 1.0, log);
        for (int i = 0; i <= 10; i++)
        {
            progress.Observe(i / 10.0);
        }

        Assert.That(log.ToString(), Is.Empty, "a run shorter than the interval prints nothing");
    }

    [TestCase("12", JsonValueKind.Number)]
    [TestCase("-3.5E-07", JsonValueKind.Number)]
    [TestCase("true", JsonValueKind.True)]
    [TestCase("NaN", JsonValueKind.String)]
    [TestCase("uniform(-1,1) from seed", JsonValueKind.String)]
    public void When_AParameterIsText_Expect_ItsJsonKind(string text, JsonValueKind kind)
        => Assert.That(JsonDocument.Parse(RunJson.Value(text).ToJsonString()).RootElement.ValueKind, Is.EqualTo(kind));

    [Test]
    public void When_TwoFlowsRunAtOnce_Expect_EachRecordsItsOwnCommandLine()
    {
        using var barrier = new Barrier(2);
        Task<string[]> Flow(string name) => Task.Factory.StartNew(() =>
        {
            Invocation.Set([name]);
            barrier.SignalAndWait(TimeSpan.FromSeconds(30));
            return Invocation.Arguments.ToArray();
        }, TaskCreationOptions.LongRunning);

        Task<string[]> first = Flow("a"), second = Flow("b");
        Assert.That(first.Result, Is.EqualTo(new[] { "a" }));
        Assert.That(second.Result, Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void When_AFolderOfAnEarlierVersionHoldsMetadataAndParameters_Expect_ItIsReplaced()
    {
        Directory.CreateDirectory(P("out"));
        File.WriteAllText(P("out/metadata.txt"), "command = crossbar inv\n");
        File.WriteAllText(P("out/parameters.txt"), "# crossbar hpinv\n");

        Cli.Result r = Cli.Run("inv", "--size", "4", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Directory.GetFiles(P("out")).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "run.json", "solution.csv", "summary.csv" }));
    }
}
