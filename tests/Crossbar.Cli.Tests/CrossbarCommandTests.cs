using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Cli.Tests;

public class CrossbarCommandTests
{
    private static readonly double[,] Signed4 =
    {
        { 4.0, -1.0, 0.5, 0.2 },
        { -0.3, 3.0, 1.0, -0.5 },
        { 0.2, 0.4, 2.5, -0.6 },
        { 1.0, -0.2, 0.3, 3.5 },
    };

    private static readonly double[] Rhs4 = [1.0, -0.5, 0.25, 0.8];

    private static readonly string[] IdealCircuit = ["--opamp", "ideal", "--cell", "1r", "--wire-r", "0", "--bits", "0", "--prog-sigma", "0", "--dac-bits", "0", "--adc-bits", "0"];

    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    [TestCase("inv", 4)]
    [TestCase("mvm", 4)]
    [TestCase("ginv", 2)]
    public void When_Run_Expect_ExactHeadersAndMetadata(string command, int outputs)
    {
        Cli.Result r = Cli.Run(command, "--size", "4", "--seed", "3", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Cli.Lines(P("out/solution.csv"))[0], Is.EqualTo("index,ideal,circuit,abs_error,rel_error"));
        string[] summary = Cli.Lines(P("out/summary.csv"));
        Assert.That(summary[0], Is.EqualTo("size,rel_error_2norm,settling_time_s,max_output_V,stable,mu_min,tau_theory_s,tau_fit_s,newton_iterations,mna_residual,wall_time_s"));
        Assert.That(summary, Has.Length.EqualTo(2));
        Assert.That(Cli.Lines(P("out/solution.csv")), Has.Length.EqualTo(outputs + 1));
        Assert.That(summary[1].Split(',')[0], Is.EqualTo("4"));
        Assert.That(summary[1].Split(',')[2], Is.EqualTo("NaN"), "op has no settling time");
        Assert.That(summary[1].Split(',')[7], Is.EqualTo("NaN"), "op has no tail to fit");
        Assert.That(File.Exists(P("out/waveforms.csv")), Is.False, "op writes no waveforms");
        System.Text.Json.JsonElement run = Cli.RunJson(P("out/run.json"));
        Assert.That(run.GetProperty("command").GetString(), Is.EqualTo($"crossbar {command}"));
        Assert.That(run.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "crossbar", command, "--size", "4", "--seed", "3", "--out", P("out") }));
        Assert.That(run.GetProperty("version").GetString(), Is.Not.Empty);
        Assert.That(run.GetProperty("commit").GetString(), Is.Not.Empty);
        Assert.That(run.GetProperty("seed").GetInt32(), Is.EqualTo(3));
        Assert.That(run.GetProperty("wall_time_s").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(run.GetProperty("cores").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
        Assert.That(run.GetProperty("machine").GetProperty("dotnet").GetString(), Does.Contain(".NET"));
        Assert.That(DateTimeOffset.Parse(run.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Is.GreaterThanOrEqualTo(DateTimeOffset.Parse(run.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Dictionary<string, string> parameters = Cli.Parameters(P("out/run.json"));
        Assert.That(parameters["seed"], Is.EqualTo("3"));
        Assert.That(parameters["kind"], Is.EqualTo("diagdom"));
        Assert.That(parameters["bits"], Is.EqualTo("3"));
        Assert.That(run.GetProperty("parameters").GetProperty("prog_sigma").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Number), "numbers as numbers");
        Assert.That(File.Exists(P("out/metadata.txt")), Is.False, "run.json replaces metadata.txt");
    }

    [Test]
    public void When_Mvm_Expect_StableTrueAndNoEigenvalue()
    {
        Cli.Result r = Cli.Run("mvm", "--size", "4", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] row = Cli.Lines(P("out/summary.csv"))[1].Split(',');
        Assert.That(row[4], Is.EqualTo("true"));
        Assert.That(row[5], Is.EqualTo("NaN"));
        Assert.That(row[6], Is.EqualTo("NaN"));
    }

    [Test]
    public void When_MatrixAndRhsFilesWithIdealCircuit_Expect_InvEqualsMathNetTo1e9()
    {
        Cli.WriteMatrix(P("a.csv"), Signed4);
        Cli.WriteVector(P("b.csv"), Rhs4);

        Cli.Result r = Cli.Run(["inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), .. IdealCircuit, "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        double[] expected = Matrix<double>.Build.DenseOfArray(Signed4).Solve(Vector<double>.Build.DenseOfArray(Rhs4)).ToArray();
        double[] ideal = Cli.Column(P("out/solution.csv"), "ideal");
        double[] circuit = Cli.Column(P("out/solution.csv"), "circuit");
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Tolerance.AssertClose(ideal[i], expected[i], 1e-14, 0, $"ideal[{i}]");
            Tolerance.AssertClose(circuit[i], expected[i], 1e-9, 1e-12 * scale, $"circuit[{i}]");
        }

        Assert.That(Cli.Column(P("out/summary.csv"), "rel_error_2norm")[0], Is.LessThan(1e-9));
        Assert.That(Cli.Column(P("out/summary.csv"), "mu_min")[0], Is.GreaterThan(0));
    }

    [Test]
    public void When_RectangularMatrixWithIdealCircuit_Expect_MvmEqualsMathNetTo1e9()
    {
        double[,] a = { { 0.5, -1.0, 2.0, 0.1 }, { 1.5, 0.3, -0.7, 0.9 }, { -0.2, 0.8, 0.4, -1.1 } };
        double[] x = [0.3, -0.9, 0.6, 1.0];
        Cli.WriteMatrix(P("a.csv"), a);
        Cli.WriteVector(P("x.csv"), x);

        Cli.Result r = Cli.Run(["mvm", "--matrix", P("a.csv"), "--rhs", P("x.csv"), .. IdealCircuit, "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        double[] expected = (Matrix<double>.Build.DenseOfArray(a) * Vector<double>.Build.DenseOfArray(x)).ToArray();
        double[] circuit = Cli.Column(P("out/solution.csv"), "circuit");
        Assert.That(circuit, Has.Length.EqualTo(3));
        for (int i = 0; i < expected.Length; i++)
        {
            Tolerance.AssertClose(circuit[i], expected[i], 1e-9, 1e-12, $"y[{i}]");
        }
    }

    [Test]
    public void When_TallMatrixWithIdealCircuit_Expect_GinvEqualsMathNetLeastSquaresTo1e9()
    {
        double[,] x = { { 2.0, 0.3, -0.4 }, { 0.5, 1.5, 0.2 }, { -0.3, 0.6, 1.8 }, { 1.0, -0.7, 0.4 }, { 0.2, 0.9, -1.1 } };
        double[] b = [0.7, -0.2, 1.0, 0.4, -0.6];
        Cli.WriteMatrix(P("x.csv"), x);
        Cli.WriteVector(P("b.csv"), b);

        Cli.Result r = Cli.Run(["ginv", "--matrix", P("x.csv"), "--rhs", P("b.csv"), .. IdealCircuit, "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        double[] expected = Matrix<double>.Build.DenseOfArray(x).QR().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
        double[] circuit = Cli.Column(P("out/solution.csv"), "circuit");
        Assert.That(circuit, Has.Length.EqualTo(3));
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Tolerance.AssertClose(circuit[i], expected[i], 1e-9, 1e-12 * scale, $"x[{i}]");
        }
    }

    [Test]
    public void When_GinvMatrixNotTall_Expect_Exit2()
    {
        Cli.WriteMatrix(P("x.csv"), new double[,] { { 1, 2 }, { 3, 4 } });

        Cli.Result r = Cli.Run("ginv", "--matrix", P("x.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("GINV needs a tall N×M matrix with N > M, got 2×2"));
    }

    [Test]
    public void When_SameSeedTwice_Expect_ByteIdenticalCsvExceptWallTime()
    {
        string[] args = ["inv", "--size", "4", "--seed", "7", "--prog-sigma", "0.05", "--analysis", "tran", "--cell", "1r"];
        Cli.Result first = Cli.Run([.. args, "--out", P("a")]);
        Cli.Result second = Cli.Run([.. args, "--out", P("b")]);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.Stderr);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.Stderr);
        Assert.That(File.ReadAllBytes(P("b/solution.csv")), Is.EqualTo(File.ReadAllBytes(P("a/solution.csv"))));
        Assert.That(File.ReadAllBytes(P("b/waveforms.csv")), Is.EqualTo(File.ReadAllBytes(P("a/waveforms.csv"))));
        Assert.That(WithoutWallTime(P("b/summary.csv")), Is.EqualTo(WithoutWallTime(P("a/summary.csv"))));
        Assert.That(Cli.Parameters(P("b/run.json")), Is.EqualTo(Cli.Parameters(P("a/run.json"))));

        Cli.Result other = Cli.Run(["inv", "--size", "4", "--seed", "8", "--prog-sigma", "0.05", "--cell", "1r", "--out", P("c")]);
        Assert.That(other.ExitCode, Is.EqualTo(0), other.Stderr);
        Assert.That(Cli.Column(P("c/solution.csv"), "ideal"), Is.Not.EqualTo(Cli.Column(P("a/solution.csv"), "ideal")), "another seed draws another problem");
    }

    private static string[] WithoutWallTime(string path)
        => Cli.Lines(path).Select(l => string.Join(",", l.Split(',')[..^1])).ToArray();

    [Test]
    public void When_Transient_Expect_WaveformsAndSettlingNearTheory()
    {
        Cli.WriteMatrix(P("a.csv"), Signed4);
        Cli.WriteVector(P("b.csv"), Rhs4);

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--cell", "1r", "--wire-r", "0", "--bits", "0", "--prog-sigma", "0", "--adc-bits", "0", "--dac-bits", "0", "--analysis", "tran", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] waveforms = Cli.Lines(P("out/waveforms.csv"));
        Assert.That(waveforms[0], Is.EqualTo("time_s,v(c0),v(c1),v(c2),v(c3),x0,x1,x2,x3"));
        double[] circuit = Cli.Column(P("out/solution.csv"), "circuit");
        for (int i = 0; i < 4; i++)
        {
            Assert.That(Cli.Column(P("out/waveforms.csv"), $"x{i}")[^1], Is.EqualTo(circuit[i]), "the last point in matrix units is the solution read");
            Assert.That(Cli.Column(P("out/waveforms.csv"), $"x{i}")[0], Is.EqualTo(0).Within(1e-6), "the outputs start at rest");
        }

        Assert.That(waveforms, Has.Length.GreaterThan(100));
        Assert.That(File.Exists(P("out/waveforms.png")) || r.Stderr.Contains("waveforms.png not written", StringComparison.Ordinal), Is.True);
        double settling = Cli.Column(P("out/summary.csv"), "settling_time_s")[0];
        double tau = Cli.Column(P("out/summary.csv"), "tau_theory_s")[0];
        Assert.That(settling, Is.InRange(1 * tau, 10 * tau), "settling to 2^-8 takes about ln(256)·τ = 5.5τ for the slowest mode");
        Assert.That(Cli.Column(P("out/summary.csv"), "max_output_V")[0], Is.EqualTo(0.2).Within(0.02), "inputs are scaled so the largest output is the 0.2 V signal voltage");
        Assert.That(Cli.Column(P("out/summary.csv"), "rel_error_2norm")[0], Is.LessThan(1e-3), "finite A0 = 1e5 leaves a small static error");
    }

    [Test]
    public void When_UnstableMatrix_Expect_Exit1WithEigenvalueAndNothingWritten()
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { 1, 2 }, { 2, 1 } });

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--bits", "0", "--prog-sigma", "0", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain("unstable").And.Contain("eigenvalue -0.3333"));
        Assert.That(Directory.Exists(P("out")), Is.False);
    }

    [Test]
    public void When_UnstableMatrixForced_Expect_Exit0AndStableFalse()
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { 1, 2 }, { 2, 1 } });
        Cli.WriteVector(P("b.csv"), [1, 1]);

        Cli.Result r = Cli.Run(["inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--force", .. IdealCircuit, "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] row = Cli.Lines(P("out/summary.csv"))[1].Split(',');
        Assert.That(row[4], Is.EqualTo("false"));
        Assert.That(double.Parse(row[5], CultureInfo.InvariantCulture), Is.EqualTo(-1.0 / 3).Within(1e-9));
        Assert.That(Cli.Column(P("out/solution.csv"), "circuit"), Is.EqualTo(new[] { 1.0 / 3, 1.0 / 3 }).Within(1e-9));
    }

    [Test]
    public void When_MatrixHasBadNumber_Expect_Exit2NamingFileLineAndColumn()
    {
        File.WriteAllText(P("bad.csv"), "1,2\n3,abc\n");

        Cli.Result r = Cli.Run("inv", "--matrix", P("bad.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("bad.csv:2:2: 'abc' is not a finite number"));
        Assert.That(Directory.Exists(P("out")), Is.False);
    }

    [Test]
    public void When_MatrixRowsDiffer_Expect_Exit2NamingFileAndLine()
    {
        File.WriteAllText(P("ragged.csv"), "1,2,3\n4,5,6\n\n7,8\n");

        Cli.Result r = Cli.Run("inv", "--matrix", P("ragged.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("ragged.csv:4: row has 2 values, the first row has 3"));
    }

    [Test]
    public void When_RhsHasWrongLength_Expect_Exit2()
    {
        Cli.WriteMatrix(P("a.csv"), Signed4);
        Cli.WriteVector(P("b.csv"), [1, 2, 3]);

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("b.csv: 3 numbers, the 4×4 matrix needs 4"));
    }

    [Test]
    public void When_RhsLineHasTwoNumbers_Expect_Exit2NamingLine()
    {
        Cli.WriteMatrix(P("a.csv"), Signed4);
        File.WriteAllText(P("b.csv"), "1\n2\n3,4\n5\n");

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("b.csv:3: expected one number per line, found 2"));
    }

    [TestCase("inv", "--size", "4")]
    [TestCase("inv", "--size", "4", "--kind", "lu", "--out", "x")]
    [TestCase("inv", "--size", "0", "--out", "x")]
    [TestCase("inv", "--size", "4", "--bits", "-1", "--out", "x")]
    [TestCase("inv", "--size", "4", "--opamp", "real", "--out", "x")]
    [TestCase("inv", "--size", "4", "--condition", "10", "--out", "x")]
    [TestCase("mvm", "--size", "4", "--wire-r", "-1", "--out", "x")]
    [TestCase("inv", "--matrix", "missing.csv", "--out", "x")]
    [TestCase("inv", "--size", "4", "--analysis", "tran", "--tstop", "0", "--out", "x")]
    [TestCase("inv", "--size", "4", "--analysis", "tran", "--tstop", "-1e-6", "--out", "x")]
    [TestCase("inv", "--size", "4", "--analysis", "tran", "--tstop", "Infinity", "--out", "x")]
    [TestCase("inv", "--size", "4", "--tstop", "1e-6", "--out", "x")]
    public void When_BadUsage_Expect_Exit2(params string[] args)
    {
        Cli.Result r = Cli.Run(args);

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.StartWith("error: "));
    }

    [Test]
    public void When_MatrixAndSizeBothGiven_Expect_Exit2()
    {
        Cli.WriteMatrix(P("a.csv"), Signed4);

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--size", "4", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("give one or the other"));
    }

    [Test]
    public void When_InvMatrixNotSquare_Expect_Exit2()
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("INV needs a square matrix, got 2×3"));
    }

    [TestCase("spd")]
    [TestCase("wishart")]
    public void When_GeneratedSymmetricKinds_Expect_RunsWithSmallError(string kind)
    {
        Cli.Result r = Cli.Run(["inv", "--size", "5", "--kind", kind, .. IdealCircuit, "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Cli.Column(P("out/summary.csv"), "rel_error_2norm")[0], Is.LessThan(1e-9));
    }

    /// <summary>A positive, diagonally dominant N×N matrix (single array: no inverters).</summary>
    private static double[,] PositiveDiagonallyDominant(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                a[i, j] = 0.05 + (0.95 * random.NextDouble());
                sum += i == j ? 0 : a[i, j];
            }

            a[i, i] = sum + 0.5 + random.NextDouble();
        }

        return a;
    }

    [TestCase("1r", false)]
    [TestCase("1t1r", false)]
    [TestCase("1r", true)]
    [TestCase("1t1r", true)]
    public void When_Transient8x8_Expect_FittedTauWithinTenPercentOfTheory(string cell, bool signed)
    {
        string[] matrix = ["--size", "8"];
        if (!signed)
        {
            Cli.WriteMatrix(P("a.csv"), PositiveDiagonallyDominant(8, 7));
            matrix = ["--matrix", P("a.csv")];
        }

        Cli.Result r = Cli.Run(["inv", .. matrix, "--cell", cell, "--analysis", "tran", "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Not.Contain("warning"));
        double theory = Cli.Column(P("out/summary.csv"), "tau_theory_s")[0];
        double fitted = Cli.Column(P("out/summary.csv"), "tau_fit_s")[0];
        Assert.That(fitted, Is.EqualTo(theory).Within(10).Percent);
        Assert.That(Cli.Column(P("out/summary.csv"), "settling_time_s")[0], Is.InRange(3 * theory, 8 * theory), "ε = 2^-8 takes about ln(256)·τ = 5.5τ");
        Assert.That(Cli.Column(P("out/waveforms.csv"), "time_s")[^1], Is.EqualTo(20 * theory).Within(1e-9).Percent, "default stop: 20 loop time constants");
    }

    [Test]
    public void When_StopTimeTooShort_Expect_SettlingNaNWarningAndStopInMetadata()
    {
        Cli.Result r = Cli.Run("inv", "--size", "8", "--analysis", "tran", "--tstop", "5e-8", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("warning: v(c").And.Contain("has not settled").And.Contain("warning: --tstop 5E-08 s is"));
        Assert.That(Cli.Column(P("out/summary.csv"), "settling_time_s")[0], Is.NaN);
        Assert.That(Cli.Column(P("out/waveforms.csv"), "time_s")[^1], Is.EqualTo(5e-8).Within(1e-9).Percent);
        Assert.That(Cli.RunJson(P("out/run.json")).GetProperty("parameters").GetProperty("tstop_s").GetDouble(), Is.EqualTo(5e-8));
    }

    [Test]
    public void When_UnstableMatrixForcedInTransient_Expect_SettlingNaNAndWarning()
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { 1, 2 }, { 2, 1 } });
        Cli.WriteVector(P("b.csv"), [1, 1]);

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--force", "--bits", "0", "--analysis", "tran", "--tstop", "2e-7", "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("warning: the loop is unstable (forced)"));
        Assert.That(Cli.Column(P("out/summary.csv"), "settling_time_s")[0], Is.NaN);
        Assert.That(Cli.Column(P("out/summary.csv"), "tau_theory_s")[0], Is.NaN);
        Assert.That(Cli.Column(P("out/summary.csv"), "tau_fit_s")[0], Is.NaN, "a growing response has no decaying tail");
    }
}
