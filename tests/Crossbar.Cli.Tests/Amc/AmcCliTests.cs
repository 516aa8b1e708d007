using Crossbar.Cli;

namespace Crossbar.Cli.Tests.Amc;

public class AmcCliTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "amc-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            return (Program.Main(args), error.ToString());
        }
        finally
        {
            Console.SetError(saved);
        }
    }

    [Test]
    public void When_HpinvRunsOnTheDefault16x16_Expect_ExactHeadersAndTargetReached()
    {
        string outDir = Path.Combine(_dir, "a");
        var (code, error) = Run("hpinv", "--size", "16", "--array-size", "8", "--bits", "3", "--max-iterations", "15", "--seed", "2", "--out", outDir);
        Assert.That(code, Is.EqualTo(0), error);
        var iterations = File.ReadAllLines(Path.Combine(outDir, "iterations.csv"));
        var summary = File.ReadAllLines(Path.Combine(outDir, "summary.csv"));
        Assert.That(iterations[0], Is.EqualTo("iteration,rel_error,residual_norm,settle_time_s,mvm_ops,adc_conversions,correction,rel_residual,outer,equilibrate"));
        Assert.That(summary[0], Is.EqualTo("size,bits,iterations_to_target,final_rel_error,analog_time_s,digital_time_s,energy_J,iterations,stop,spectral_radius,spectral_radius_programmed,single_shot_rel_error,outer,equilibrate,digital_flops"));
        Assert.That(summary[1].Split(',')[8], Is.EqualTo("converged"), "stopped by the hardware test (correction and residual), not by the true error");
        var solution = File.ReadAllLines(Path.Combine(outDir, "solution.csv"));
        Assert.That(solution[0], Is.EqualTo("index,ideal,circuit,abs_error,rel_error"));
        Assert.That(solution, Has.Length.EqualTo(17));
        Dictionary<string, string> parameters = Cli.Parameters(Path.Combine(outDir, "run.json"));
        Assert.That(parameters["cell"], Is.EqualTo("1t1r"));
        Assert.That(parameters["wire_r_ohm"], Is.EqualTo("1.73"));
        Assert.That(parameters["prog_sigma"], Is.EqualTo("0.02"));
        Assert.That(parameters["size"], Is.EqualTo("16"));
        System.Text.Json.JsonElement results = Cli.RunJson(Path.Combine(outDir, "run.json")).GetProperty("results");
        Assert.That(results.GetProperty("spectral_radius").GetDouble(), Is.EqualTo(double.Parse(summary[1].Split(',')[9], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(results.GetProperty("cost").GetProperty("mvm_ops").GetInt64(), Is.GreaterThan(0));
        Assert.That(results.GetProperty("single_shot_rel_error").GetDouble(), Is.GreaterThan(0));
        Assert.That(results.GetProperty("energy_J").GetDouble(), Is.GreaterThan(0));
        Assert.That(File.Exists(Path.Combine(outDir, "parameters.txt")), Is.False, "run.json replaces parameters.txt");
        Assert.That(error, Does.Contain("hpinv: iteration 1, rel_error "), "a progress line per iteration");
        var fields = summary[1].Split(',');
        Assert.That(fields[0], Is.EqualTo("16"));
        Assert.That(int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(15));
        Assert.That(double.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(Math.Pow(2, -24)));
        Assert.That(error, Does.Contain("single_shot_inv").And.Contain("hp_inv"));
    }

    [Test]
    public void When_SameSeedTwice_Expect_IdenticalBytes()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        Assert.That(Run("hpinv", "--kind", "spd", "--condition", "5", "--seed", "4", "--out", a).Code, Is.EqualTo(0));
        Assert.That(Run("hpinv", "--kind", "spd", "--condition", "5", "--seed", "4", "--out", b).Code, Is.EqualTo(0));
        Assert.That(File.ReadAllBytes(Path.Combine(b, "iterations.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, "iterations.csv"))));
        Assert.That(WithoutDigitalTime(Path.Combine(b, "summary.csv")), Is.EqualTo(WithoutDigitalTime(Path.Combine(a, "summary.csv"))), "digital_time_s is measured, the rest is deterministic");

        string[] mimo = ["mimo", "--rx", "16", "--tx", "4", "--qam", "16", "--snr", "0:5:5", "--frames", "20", "--seed", "3", "--out"];
        var firstMimo = Run([.. mimo, a]);
        Assert.That(firstMimo.Code, Is.EqualTo(0), firstMimo.Error);
        Assert.That(firstMimo.Error, Does.Contain("mimo: snr 0 dB, ").And.Contain("mimo: snr 5 dB, "), "a progress line per SNR point");
        Assert.That(Run([.. mimo, b]).Code, Is.EqualTo(0));
        var ber = File.ReadAllBytes(Path.Combine(a, "ber.csv"));
        Assert.That(File.ReadAllBytes(Path.Combine(b, "ber.csv")), Is.EqualTo(ber));
        Assert.That(File.ReadAllLines(Path.Combine(a, "ber.csv"))[0], Is.EqualTo("snr_dB,ber_hpinv,ber_fp64,ber_fp32,iterations,frames,bits,errors_hpinv,errors_fp64,errors_fp32,ber_hpinv_lo,ber_hpinv_hi,ber_fp64_lo,ber_fp64_hi,ber_fp32_lo,ber_fp32_hi"));
        Assert.That(File.ReadAllLines(Path.Combine(a, "ber.csv")), Has.Length.EqualTo(3));
        string csv = Path.Combine(a, "ber.csv");
        double[] bits = Cli.Column(csv, "bits");
        Assert.That(Cli.Column(csv, "frames"), Is.All.GreaterThan(0).And.All.LessThanOrEqualTo(20));
        foreach (string detector in new[] { "hpinv", "fp64", "fp32" })
        {
            double[] errors = Cli.Column(csv, $"errors_{detector}"), rate = Cli.Column(csv, $"ber_{detector}");
            double[] lo = Cli.Column(csv, $"ber_{detector}_lo"), hi = Cli.Column(csv, $"ber_{detector}_hi");
            for (int i = 0; i < rate.Length; i++)
            {
                Assert.That(rate[i], Is.EqualTo(errors[i] / bits[i]).Within(1e-15), detector);
                Assert.That(lo[i], Is.LessThanOrEqualTo(rate[i]).And.GreaterThanOrEqualTo(0), detector);
                Assert.That(hi[i], Is.GreaterThanOrEqualTo(rate[i]).And.LessThanOrEqualTo(1), detector);
                Assert.That(hi[i], Is.GreaterThan(lo[i]), detector);
            }
        }
    }

    [Test]
    public void When_MatrixAndRhsFilesAreGiven_Expect_TheyAreSolved()
    {
        string m = Path.Combine(_dir, "a.csv"), r = Path.Combine(_dir, "b.csv");
        File.WriteAllText(m, "4,1,0\n1,5,-1\n0,-1,3\n");
        File.WriteAllText(r, "1\n2\n3\n");
        var (code, error) = Run("hpinv", "--matrix", m, "--rhs", r, "--out", Path.Combine(_dir, "o"));
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(File.ReadAllLines(Path.Combine(_dir, "o", "summary.csv"))[1], Does.StartWith("3,3,"));
    }

    [Test]
    public void When_MatrixFileHasABadNumber_Expect_Exit2NamingFileAndLine()
    {
        string m = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(m, "4,1\n1,abc\n");
        var (code, error) = Run("hpinv", "--matrix", m, "--out", Path.Combine(_dir, "o"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.csv:2:2").And.Contain("'abc'"));
    }

    [Test]
    public void When_MatrixFileIsNotSquare_Expect_Exit2()
    {
        string m = Path.Combine(_dir, "rect.csv");
        File.WriteAllText(m, "4,1,2\n1,2,3\n");
        var (code, error) = Run("hpinv", "--matrix", m, "--out", Path.Combine(_dir, "o"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("rect.csv: a 2×3 matrix; HP-INV needs a square one"));
    }

    [TestCase("--kind", "banana", "--kind")]
    [TestCase("--fidelity", "spice", "--fidelity")]
    [TestCase("--slice-rounding", "floor", "--slice-rounding")]
    [TestCase("--opamp", "tube", "--opamp")]
    [TestCase("--prog-sigma", "-1", "--prog-sigma")]
    public void When_AnOptionIsBad_Expect_Exit2NamingIt(string option, string value, string expected)
    {
        var (code, error) = Run("hpinv", option, value, "--out", Path.Combine(_dir, "o"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public void When_MatrixDiverges_Expect_Exit1WithFilesAndMessage()
    {
        var (code, error) = Run("hpinv", "--kind", "spd", "--condition", "1000", "--out", Path.Combine(_dir, "o"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("diverges"));
        Assert.That(File.Exists(Path.Combine(_dir, "o", "summary.csv")), Is.True);
    }

    [Test]
    public void When_SnrRangeIsMalformed_Expect_Exit2() =>
        Assert.That(Run("mimo", "--snr", "1:x:3", "--out", Path.Combine(_dir, "o")).Code, Is.EqualTo(2));

    private static string[] WithoutDigitalTime(string path) =>
        File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 5))).ToArray();

    [Test]
    public void When_ATileProgramsToAllZeros_Expect_HpinvRunsInsteadOfFeedingNaNToTheDac()
    {
        // Found by a sweep (hpinv --size 16 --bits 2): a 2-bit tile of an off-diagonal block programs to all zeros, and
        // its ADC full scale underflowed to 0/0 = NaN, which the next DAC refused.
        var (code, error) = Run("hpinv", "--size", "16", "--bits", "2", "--prog-sigma", "0", "--seed", "1517590224", "--out", Path.Combine(_dir, "z"));
        Assert.That(error, Does.Not.Contain("NaN"));
        Assert.That(code, Is.Not.EqualTo(2), error);
        Assert.That(File.Exists(Path.Combine(_dir, "z", "summary.csv")), Is.True);
    }
}
