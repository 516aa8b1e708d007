namespace Crossbar.Cli.Tests;

/// <summary>Matrices at the edges of double precision, singular and rank-deficient problems, sizes this machine cannot hold.</summary>
public class NumericInputTests
{
    private static readonly string[] IdealCircuit = ["--opamp", "ideal", "--cell", "1r", "--wire-r", "0", "--bits", "0", "--prog-sigma", "0", "--dac-bits", "0", "--adc-bits", "0"];
    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    private string P(string name) => Path.Combine(_dir, name);

    [TestCase(1e160, 1.0)]
    [TestCase(1e-200, 1e-202)]
    public void When_EntriesNearTheEdgesOfDouble_Expect_AFiniteNonZeroRelativeError(double diagonal, double offDiagonal)
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { diagonal, offDiagonal }, { offDiagonal, diagonal } });
        Cli.WriteVector(P("b.csv"), [1, 2]);

        Cli.Result r = Cli.Run("inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        double error = Cli.Column(P("out/summary.csv"), "rel_error_2norm")[0];
        Assert.That(error, Is.GreaterThan(1e-4).And.LessThan(0.2), "3-bit cells leave a few percent, neither 0 (overflow) nor NaN (underflow)");
    }

    [Test]
    public void When_HpinvGetsEntriesNear1e200_Expect_ItSolvesThem()
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { 4e200, 1e200 }, { 1e200, 3e200 } });
        Cli.WriteVector(P("b.csv"), [1, 2]);

        Cli.Result r = Cli.Run("hpinv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Cli.Column(P("out/summary.csv"), "final_rel_error")[0], Is.LessThan(Math.Pow(2, -24)));
    }

    [TestCase("inv")]
    [TestCase("hpinv")]
    public void When_MatrixIsSingularOrZero_Expect_Exit2NamingItAndNothingWritten(string command)
    {
        foreach (double[,] a in new[] { new double[,] { { 1, 2 }, { 2, 4 } }, new double[,] { { 0, 0 }, { 0, 0 } } })
        {
            Cli.WriteMatrix(P("a.csv"), a);
            Cli.WriteVector(P("b.csv"), [1, 1]);

            Cli.Result r = Cli.Run(command, "--matrix", P("a.csv"), "--rhs", P("b.csv"), "--out", P("out"));

            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
            Assert.That(r.Stderr, Does.Contain("the matrix is singular"));
            Assert.That(Directory.Exists(P("out")), Is.False);
        }
    }

    [Test]
    public void When_GinvMatrixIsRankDeficient_Expect_Exit2NamingTheRank()
    {
        Cli.WriteMatrix(P("x.csv"), new double[,] { { 1, 2 }, { 2, 4 }, { 3, 6 } });
        Cli.WriteVector(P("b.csv"), [1, 2, 3]);

        Cli.Result r = Cli.Run("ginv", "--matrix", P("x.csv"), "--rhs", P("b.csv"), "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("the matrix has rank 1 < 2 columns"));
    }

    [Test]
    public void When_RhsIsZero_Expect_TheAnswerZero()
    {
        Cli.WriteMatrix(P("a.csv"), new double[,] { { 2, 1 }, { 1, 3 } });
        Cli.WriteVector(P("b.csv"), [0, 0]);

        Cli.Result r = Cli.Run(["inv", "--matrix", P("a.csv"), "--rhs", P("b.csv"), .. IdealCircuit, "--out", P("out")]);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Cli.Column(P("out/solution.csv"), "circuit"), Is.EqualTo(new[] { 0.0, 0.0 }).Within(1e-12));
        Assert.That(File.ReadAllText(P("out/solution.csv")), Does.Not.Contain("-0,"));
    }

    [TestCase("inv", "2147483647")]
    [TestCase("inv", "5000")]
    [TestCase("hpinv", "2147483647")]
    public void When_SizeCannotFitThisMachine_Expect_Exit2WithTheEstimateBeforeAllocating(string command, string size)
    {
        Cli.Result r = Cli.Run(command, "--size", size, "--out", P("out"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("GB of memory").And.Contain("use a smaller --size"));
        Assert.That(Directory.Exists(P("out")), Is.False);
    }
}
