using System.Globalization;

namespace Crossbar.Cli.Tests;

/// <summary><c>--stats</c>, <c>--dump-matrix</c> and summary.csv's <c>mna_residual</c>.</summary>
public class DiagnosticsCliTests
{
    private const string Divider = """
        resistive divider
        V1 in 0 dc 1
        R1 in out 1k
        R2 out 0 3k
        .op
        .end
        """;

    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    [Test]
    public void When_RunDividerWithDumpMatrix_Expect_MatrixMarketFilesWhoseSolveIsTheOperatingPoint()
    {
        File.WriteAllText(P("divider.cir"), Divider);
        Cli.Result r = Cli.Run("run", P("divider.cir"), "--out", P("out"), "--dump-matrix", P("dump/jac.mtx"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);

        string[] lines = Cli.Lines(P("dump/jac.mtx"));
        Assert.That(lines[0], Is.EqualTo("%%MatrixMarket matrix coordinate real general"));
        Assert.That(lines.TakeWhile(l => l.StartsWith('%')).ToArray(), Has.Some.Contains("resistive divider"));
        (int n, double[,] a) = ReadCoordinate(P("dump/jac.mtx"));
        Assert.That(n, Is.EqualTo(3));
        double[] b = ReadArray(P("dump/jac.rhs.mtx"));
        string[] names = Cli.Lines(P("dump/jac.names.csv"));
        Assert.That(names[0], Is.EqualTo("index,name,kind"));
        Assert.That(names.Skip(1), Is.EquivalentTo(new[] { "1,in,voltage", "2,branch:V1,current", "3,out,voltage" }));
        int input = 0, branch = 1, output = 2;

        // The KCL row of out holds 1/1k + 1/3k exactly as the engine added it, written round-trip.
        Assert.That(a[output, output], Is.EqualTo((1 / 1e3) + (1 / 3e3)));
        double[] x = Solve(a, b);
        Assert.That(x[input], Is.EqualTo(1).Within(1e-15));
        Assert.That(x[output], Is.EqualTo(0.75).Within(1e-15));
        Assert.That(x[branch], Is.EqualTo(-0.25e-3).Within(1e-18), "V1 delivers 0.25 mA (SPICE sign: into the + terminal)");
    }

    [Test]
    public void When_InvWithStatsAndDumpMatrix_Expect_StatisticsOnStderrAndEveryStructuralNonzeroOnce()
    {
        Cli.Result r = Cli.Run("inv", "--size", "4", "--seed", "2", "--out", P("out"), "--stats", "--dump-matrix", P("inv.mtx"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        foreach (string line in new[] { "factor nonzeros (L+U)", "dense tail", "factorisations", "refactorisations", "newton iterations", "ordering time s", "factor time s", "solve time s", "peak working set MB", "kcl residual relative" })
        {
            Assert.That(r.Stderr, Does.Contain(line));
        }

        int nonzeros = StatisticsValue(r.Stderr, "matrix nonzeros");
        int unknowns = StatisticsValue(r.Stderr, "unknowns");
        string[] lines = Cli.Lines(P("inv.mtx"));
        string[] size = lines.First(l => !l.StartsWith('%')).Split(' ');
        Assert.That(size, Is.EqualTo(new[] { $"{unknowns}", $"{unknowns}", $"{nonzeros}" }));
        var entries = lines.SkipWhile(l => l.StartsWith('%')).Skip(1).Select(l => l.Split(' ')).Select(f => (Row: int.Parse(f[0], CultureInfo.InvariantCulture), Column: int.Parse(f[1], CultureInfo.InvariantCulture))).ToList();
        Assert.That(entries, Has.Count.EqualTo(nonzeros));
        Assert.That(entries.Distinct().Count(), Is.EqualTo(nonzeros), "one line per (row, column)");
        Assert.That(entries.All(e => e.Row >= 1 && e.Row <= unknowns && e.Column >= 1 && e.Column <= unknowns), Is.True, "1-based indices");
        Assert.That(entries.Select(e => e.Column), Is.Ordered, "column by column");
        Assert.That(Enumerable.Range(1, unknowns).All(i => entries.Contains((i, i))), Is.True, "every diagonal entry, zeros included");
        Assert.That(ReadArray(P("inv.rhs.mtx")), Has.Length.EqualTo(unknowns));
        Assert.That(Cli.Lines(P("inv.names.csv")), Has.Length.EqualTo(unknowns + 1));
    }

    [Test]
    public void When_Inv8x8OneTransistorOneResistor_Expect_MnaResidualBelow1e9()
    {
        Cli.Result r = Cli.Run("inv", "--size", "8", "--cell", "1t1r", "--wire-r", "1.73", "--out", P("out"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        double residual = Cli.Column(P("out/summary.csv"), "mna_residual")[0];
        Assert.That(residual, Is.LessThanOrEqualTo(1e-9));
        Assert.That(residual, Is.GreaterThanOrEqualTo(0));
    }

    [TestCase("mvm")]
    [TestCase("ginv")]
    public void When_OtherArrayCommandsWithStats_Expect_StatisticsAndResidual(string command)
    {
        Cli.Result r = Cli.Run(command, "--size", "4", "--out", P("out"), "--stats");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(StatisticsValue(r.Stderr, "factorisations"), Is.GreaterThanOrEqualTo(1));
        Assert.That(Cli.Column(P("out/summary.csv"), "mna_residual")[0], Is.LessThanOrEqualTo(1e-9));
    }

    [Test]
    public void When_InvTransientWithDumpMatrix_Expect_InitialOperatingPointAndResidualOfTheLastTimePoint()
    {
        Cli.Result r = Cli.Run("inv", "--size", "4", "--analysis", "tran", "--out", P("out"), "--dump-matrix", P("tran.mtx"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Cli.Lines(P("tran.mtx")), Has.Some.StartsWith("% analysis: tran, Newton iteration "));
        Assert.That(Cli.Column(P("out/summary.csv"), "mna_residual")[0], Is.LessThanOrEqualTo(1e-9));
    }

    [Test]
    public void When_DumpMatrixIsADirectory_Expect_UsageErrorNamingTheOptionAndNothingWritten()
    {
        Directory.CreateDirectory(P("dir"));
        Cli.Result r = Cli.Run("inv", "--size", "4", "--out", P("out"), "--dump-matrix", P("dir"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--dump-matrix").And.Contain("is a directory"));
        Assert.That(Directory.Exists(P("out")), Is.False);
    }

    [Test]
    public void When_DumpMatrixInsideOut_Expect_UsageError()
    {
        File.WriteAllText(P("divider.cir"), Divider);
        Cli.Result r = Cli.Run("run", P("divider.cir"), "--out", P("out"), "--dump-matrix", P("out/jac.mtx"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--dump-matrix").And.Contain("inside --out"));
    }

    [Test]
    public void When_DumpMatrixBelowAFile_Expect_UsageError()
    {
        File.WriteAllText(P("file"), "x");
        Cli.Result r = Cli.Run("mvm", "--size", "4", "--out", P("out"), "--dump-matrix", P("file/jac.mtx"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--dump-matrix").And.Contain("is a file"));
    }

    [Test]
    public void When_TransientWithUicDumped_Expect_WarningAndNoFile()
    {
        File.WriteAllText(P("uic.cir"), """
            rc from rest
            V1 in 0 dc 1
            R1 in out 1k
            C1 out 0 1n
            .tran 10n 1u uic
            .end
            """);
        Cli.Result r = Cli.Run("run", P("uic.cir"), "--out", P("out"), "--dump-matrix", P("uic.mtx"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("warning: --dump-matrix: no operating point was solved"));
        Assert.That(File.Exists(P("uic.mtx")), Is.False);
    }

    [Test]
    public void When_Sweep_Expect_MnaResidualColumnAndNoDiagnosticOptions()
    {
        Cli.Result r = Cli.Run("sweep", "inv", "--size", "3,4", "--out", P("sweep"), "--jobs", "1");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string[] header = Cli.Lines(P("sweep/results.csv"))[0].Split(',');
        Assert.That(header, Has.Member("mna_residual"));
        Assert.That(header, Has.No.Member("stats").And.No.Member("dump_matrix"));
        Assert.That(Cli.Column(P("sweep/results.csv"), "mna_residual"), Has.All.LessThanOrEqualTo(1e-9));

        Cli.Result refused = Cli.Run("sweep", "inv", "--size", "3", "--out", P("sweep2"), "--dump-matrix", P("m.mtx"));
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.Contain("--dump-matrix is a per-run diagnostic"));
        Cli.Result stats = Cli.Run("sweep", "inv", "--size", "3", "--out", P("sweep3"), "--stats");
        Assert.That(stats.ExitCode, Is.EqualTo(2));
        Assert.That(stats.Stderr, Does.Contain("--stats is a per-run diagnostic"));
    }

    private static int StatisticsValue(string stderr, string label)
    {
        string line = stderr.Split('\n').First(l => l.StartsWith(label + " ", StringComparison.Ordinal));
        return int.Parse(line[label.Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static (int N, double[,] A) ReadCoordinate(string path)
    {
        string[] lines = Cli.Lines(path).Where(l => !l.StartsWith('%')).ToArray();
        int[] size = lines[0].Split(' ').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(size[0], Is.EqualTo(size[1]));
        Assert.That(lines.Length - 1, Is.EqualTo(size[2]));
        var a = new double[size[0], size[1]];
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(' ');
            a[int.Parse(f[0], CultureInfo.InvariantCulture) - 1, int.Parse(f[1], CultureInfo.InvariantCulture) - 1] += double.Parse(f[2], CultureInfo.InvariantCulture);
        }

        return (size[0], a);
    }

    private static double[] ReadArray(string path)
    {
        string[] lines = Cli.Lines(path).Where(l => !l.StartsWith('%')).ToArray();
        Assert.That(lines[0], Does.EndWith(" 1"));
        return [.. lines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture))];
    }

    /// <summary>Math.NET's dense LU with partial pivoting (small systems): an independent solver.</summary>
    private static double[] Solve(double[,] a, double[] b)
        => MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a).Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(b)).ToArray();
}
