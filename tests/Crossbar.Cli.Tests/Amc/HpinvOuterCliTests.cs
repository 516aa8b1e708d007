namespace Crossbar.Cli.Tests.Amc;

public class HpinvOuterCliTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private static (int Code, string Error) Run(params string[] args)
    {
        Cli.Result r = Cli.Run(args);
        return (r.ExitCode, r.Stderr);
    }

    [Test]
    public void When_Spd16Condition10_Expect_RefineWithoutScalingNamesTheRemediesAndFgmresConverges()
    {
        string refineDir = Path.Combine(_dir, "refine");
        var (code, error) = Run("hpinv", "--kind", "spd", "--condition", "10", "--size", "16", "--equilibrate", "none", "--out", refineDir);
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain("try --equilibrate rowcol, more --bits, or --outer fgmres"));

        string fgmresDir = Path.Combine(_dir, "fgmres");
        (code, error) = Run("hpinv", "--kind", "spd", "--condition", "10", "--size", "16", "--outer", "fgmres", "--restart", "10", "--max-iterations", "64", "--out", fgmresDir);
        Assert.That(code, Is.EqualTo(0), error);
        var summary = File.ReadAllLines(Path.Combine(fgmresDir, "summary.csv"));
        var header = summary[0].Split(',');
        var values = summary[1].Split(',');
        Assert.That(values[Array.IndexOf(header, "stop")], Is.EqualTo("converged"));
        Assert.That(values[Array.IndexOf(header, "outer")], Is.EqualTo("fgmres"));
        Assert.That(values[Array.IndexOf(header, "equilibrate")], Is.EqualTo("rowcol"), "the default");
        Assert.That(long.Parse(values[Array.IndexOf(header, "digital_flops")], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
        var iterations = File.ReadAllLines(Path.Combine(fgmresDir, "iterations.csv"));
        Assert.That(iterations[1], Does.EndWith(",fgmres,rowcol"));
        Dictionary<string, string> parameters = Cli.Parameters(Path.Combine(fgmresDir, "run.json"));
        Assert.That(parameters["outer"], Is.EqualTo("fgmres"));
        Assert.That(parameters["restart"], Is.EqualTo("10"));
        Assert.That(parameters["equilibrate"], Is.EqualTo("rowcol"));
    }

    [Test]
    public void When_OuterOrEquilibrateIsNotAChoiceOrRestartIsZero_Expect_UsageError()
    {
        Assert.That(Run("hpinv", "--outer", "cg", "--out", Path.Combine(_dir, "a")).Code, Is.EqualTo(2));
        Assert.That(Run("hpinv", "--equilibrate", "cols", "--out", Path.Combine(_dir, "b")).Code, Is.EqualTo(2));
        Assert.That(Run("hpinv", "--outer", "fgmres", "--restart", "0", "--out", Path.Combine(_dir, "c")).Code, Is.EqualTo(2));
    }

    [Test]
    public void When_FgmresDiverges_Expect_TheBestIterateReturnedNotTheExplodedLastOne()
    {
        // Found in the landscape sweep: N = 64, κ = 1000, the last cycle's update overshot to a final error of 1232.
        string outDir = Path.Combine(_dir, "diverged");
        var (code, error) = Run("hpinv", "--size", "64", "--kind", "spd", "--condition", "1000", "--outer", "fgmres", "--equilibrate", "rowcol",
            "--seed", "205360144", "--max-iterations", "64", "--out", outDir);
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain("returned the iterate with the smallest measured residual"));
        string[] summary = File.ReadAllLines(Path.Combine(outDir, "summary.csv"));
        int column = Array.IndexOf(summary[0].Split(','), "final_rel_error");
        Assert.That(double.Parse(summary[1].Split(',')[column], System.Globalization.CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(1.0 + 1e-9));
    }

    [Test]
    public void When_SchurBitsAreGiven_Expect_FinerSchurArraysThatLowerRhoAndAreRecorded()
    {
        // N = 64 on 8×8 arrays: three BlockAMC stages; finer Schur-complement arrays bring the LP-INV closer to A⁻¹.
        string three = Path.Combine(_dir, "s3"), eight = Path.Combine(_dir, "s8");
        string[] common = ["hpinv", "--size", "64", "--kind", "spd", "--condition", "10", "--outer", "fgmres", "--max-iterations", "4", "--seed", "3"];
        Run([.. common, "--out", three]);
        Run([.. common, "--schur-bits", "8", "--out", eight]);
        double Rho(string dir)
        {
            string[] lines = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
            int column = Array.IndexOf(lines[0].Split(','), "spectral_radius");
            return double.Parse(lines[1].Split(',')[column], System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.That(Rho(eight), Is.LessThan(Rho(three)));
        Assert.That(File.ReadAllText(Path.Combine(eight, "run.json")), Does.Contain("\"schur_bits\": 8"));
        var (code, error) = Run("hpinv", "--size", "8", "--schur-bits", "0", "--out", Path.Combine(_dir, "bad"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--schur-bits"));
    }
}
