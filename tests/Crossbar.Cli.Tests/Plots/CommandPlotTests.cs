namespace Crossbar.Cli.Tests.Plots;

/// <summary>hpinv, mimo and run write their natural plot beside their CSV, and the folder can be written again.</summary>
[TestFixture]
public class CommandPlotTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    [Test]
    public void When_Hpinv_Expect_IterationsPng()
    {
        string outDir = Path.Combine(_dir, "h");
        string[] args = ["hpinv", "--size", "8", "--array-size", "4", "--bits", "3", "--max-iterations", "6", "--seed", "2", "--out", outDir];

        var r = Cli.Run(args);

        Assert.That(r.ExitCode, Is.Not.EqualTo(2), r.Stderr);
        PlotAssert.IsPng(Path.Combine(outDir, "iterations.png"));
        Assert.That(Cli.Run(args).ExitCode, Is.EqualTo(r.ExitCode), "a folder holding iterations.png is the command's own and is replaced");
    }

    [Test]
    public void When_Mimo_Expect_BerPng()
    {
        string outDir = Path.Combine(_dir, "m");
        string[] args = ["mimo", "--rx", "16", "--tx", "4", "--qam", "16", "--snr", "0:5:5", "--frames", "20", "--seed", "3", "--out", outDir];

        var r = Cli.Run(args);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        PlotAssert.IsPng(Path.Combine(outDir, "ber.png"));
        Assert.That(Cli.Run(args).ExitCode, Is.EqualTo(0), "a folder holding ber.png is the command's own and is replaced");
    }

    [Test]
    public void When_RunHasTransient_Expect_TranPng()
    {
        string deck = Path.Combine(_dir, "rc.cir");
        File.WriteAllText(deck, "rc\nV1 a 0 PULSE(0 1 0 1u 1u 5u 20u)\nR1 a b 1k\nC1 b 0 1n\n.tran 0.5u 20u\n.end\n");
        string outDir = Path.Combine(_dir, "r");

        var r = Cli.Run("run", deck, "--out", outDir);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        PlotAssert.IsPng(Path.Combine(outDir, "tran.png"));
        Assert.That(Cli.Run("run", deck, "--out", outDir).ExitCode, Is.EqualTo(0), "a folder holding tran.png is the command's own and is replaced");
    }

    [Test]
    public void When_RunHasNoTransient_Expect_NoPng()
    {
        string deck = Path.Combine(_dir, "op.cir");
        File.WriteAllText(deck, "op\nV1 a 0 1\nR1 a 0 1k\n.op\n.end\n");
        string outDir = Path.Combine(_dir, "o");

        var r = Cli.Run("run", deck, "--out", outDir);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Directory.GetFiles(outDir, "*.png"), Is.Empty);
    }
}

/// <summary>Plots beside CSV files: the trace limit of tran.png and the switch that turns them off.</summary>
[TestFixture]
[NonParallelizable]
public class NaturalPlotTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    [Test]
    public void When_TransientHasMoreThan16Traces_Expect_PlotWithNote()
    {
        string csv = Path.Combine(_dir, "tran.csv");
        var lines = new List<string> { "time," + string.Join(",", Enumerable.Range(0, 20).Select(k => $"v({k})")) };
        for (int t = 0; t < 50; t++)
        {
            lines.Add(string.Join(",", new[] { (t * 1e-6).ToString("R", System.Globalization.CultureInfo.InvariantCulture) }
                .Concat(Enumerable.Range(0, 20).Select(k => Math.Sin((t + k) * 0.2).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
        }

        lines.Add("5e-5,nan," + string.Join(",", Enumerable.Repeat("0", 19)));
        File.WriteAllLines(csv, lines);
        string png = Path.Combine(_dir, "tran.png");

        Assert.That(Crossbar.Cli.Plots.TransientPlot.TrySave(csv, png, "t"), Is.True);
        PlotAssert.IsPng(png);
        Assert.That(Crossbar.Cli.Plots.TransientPlot.ShownNote(20), Is.EqualTo(" (16 of 20 traces shown)"));
        Assert.That(Crossbar.Cli.Plots.TransientPlot.ShownNote(16), Is.Empty);
    }

    [Test]
    public void When_PlotsDisabled_Expect_NoPngButCsv()
    {
        string outDir = Path.Combine(_dir, "m");
        Environment.SetEnvironmentVariable("CROSSBAR_NO_PLOTS", "1");
        try
        {
            var r = Cli.Run("mimo", "--rx", "8", "--tx", "2", "--qam", "4", "--snr", "0", "--frames", "5", "--seed", "1", "--out", outDir);

            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            Assert.That(File.Exists(Path.Combine(outDir, "ber.csv")), Is.True);
            Assert.That(File.Exists(Path.Combine(outDir, "ber.png")), Is.False);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CROSSBAR_NO_PLOTS", null);
        }
    }
}
