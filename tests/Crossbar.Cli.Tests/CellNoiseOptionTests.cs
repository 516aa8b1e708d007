using Crossbar.Circuit.Netlists;

namespace Crossbar.Cli.Tests;

/// <summary>The <c>--cell-noise-*</c> hardware options: validation naming the option, metadata, the transient and the export.</summary>
public class CellNoiseOptionTests
{
    private static readonly string[] Circuit = ["--size", "4", "--seed", "2", "--cell", "1r", "--wire-r", "0", "--bits", "0", "--prog-sigma", "0", "--adc-bits", "0", "--dac-bits", "0"];

    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    [TestCase("--cell-noise-white", "-0.1", "--cell-noise-white must be a relative σ in [0, 1), got -0.1")]
    [TestCase("--cell-noise-flicker", "1.5", "--cell-noise-flicker must be a relative amplitude in [0, 1), got 1.5")]
    [TestCase("--cell-noise-alpha", "2", "--cell-noise-alpha must be an exponent in (0, 2), got 2")]
    [TestCase("--cell-noise-rtn", "-1", "--cell-noise-rtn must be a relative step in [0, 1), got -1")]
    [TestCase("--cell-noise-rtn-capture", "0", "--cell-noise-rtn-capture must be a finite time > 0 s, got 0")]
    [TestCase("--cell-noise-rtn-emission", "-1e-6", "--cell-noise-rtn-emission must be a finite time > 0 s, got -1E-06")]
    [TestCase("--cell-noise-nt", "0", "--cell-noise-nt must be a finite time > 0 s, got 0")]
    public void When_Cell_Noise_Option_Is_Out_Of_Range_Expect_Exit2_Naming_The_Option(string option, string value, string message)
    {
        Cli.Result r = Cli.Run(["inv", .. Circuit, option, value, "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
    }

    [Test]
    public void When_Inv_Transient_Has_Cell_Noise_Expect_Metadata_And_Noisy_Outputs()
    {
        Cli.Result quiet = Cli.Run(["inv", .. Circuit, "--analysis", "tran", "--out", P("quiet")]);
        Cli.Result noisy = Cli.Run(["inv", .. Circuit, "--analysis", "tran", "--cell-noise-white", "0.05", "--cell-noise-nt", "5e-9", "--out", P("noisy")]);

        Assert.That(quiet.ExitCode, Is.EqualTo(0), quiet.Stderr);
        Assert.That(noisy.ExitCode, Is.EqualTo(0), noisy.Stderr);
        Dictionary<string, string> parameters = Cli.Parameters(P("noisy/run.json"));
        Assert.That(parameters["cell_noise_white"], Is.EqualTo("0.05"));
        Assert.That(parameters["cell_noise_nt_s"], Is.EqualTo("5E-09"));
        Assert.That(parameters["cell_noise_rtn"], Is.EqualTo("0"));
        double[] a = Cli.Column(P("quiet/waveforms.csv"), "v(c0)");
        double[] b = Cli.Column(P("noisy/waveforms.csv"), "v(c0)");
        double settledQuiet = a[^1];
        double settledNoisy = b[^1];
        Assert.That(Math.Abs(settledNoisy - settledQuiet), Is.GreaterThan(1e-5 * Math.Abs(settledQuiet)));
        Assert.That(Math.Abs(settledNoisy - settledQuiet), Is.LessThan(0.5 * Math.Abs(settledQuiet)));
    }

    [Test]
    public void When_Export_Has_Cell_Noise_Expect_One_Trnoise_Source_Per_Cell()
    {
        Cli.Result r = Cli.Run(["export", "inv", .. Circuit, "--analysis", "tran", "--cell-noise-white", "0.01", "--cell-noise-rtn", "0.02", "-o", P("deck.cir")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] lines = File.ReadAllLines(P("deck.cir"));
        Assert.That(lines.Count(l => l.Contains("TRNOISE(0.01 1e-08 0 0 0.02 1e-06 1e-06)", StringComparison.Ordinal)), Is.EqualTo(32), "4x4 cells on each of the two arrays of the signed matrix");
        Assert.That(NetlistReader.ReadFile(P("deck.cir")).Arrays, Is.Empty, "the exported deck holds the expanded cells");
    }
}
