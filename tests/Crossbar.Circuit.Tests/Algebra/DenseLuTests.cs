using Crossbar.Circuit.Algebra;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public sealed class DenseLuTests
{
    private static double[,] RandomMatrix(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = random.NextDouble() - 0.5;
            }
        }

        return a;
    }

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(70)]
    [TestCase(300)]
    public void When_RandomMatrixSolved_Expect_MathNetAnswerAndPivots(int n)
    {
        double[,] a = RandomMatrix(n, n);
        double[] b = [.. Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0))];

        DenseLu lu = DenseLu.Factor(a);
        double[] x = lu.Solve(b);

        var reference = Matrix<double>.Build.DenseOfArray(a).LU();
        double[] expected = reference.Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
        Assert.That(lu.ZeroColumn, Is.EqualTo(-1));
        Assert.That(Tolerance.RelativeError(x, expected), Is.LessThanOrEqualTo(1e-10));
        var u = reference.U;
        double[] pivots = [.. Enumerable.Range(0, n).Select(i => Math.Abs(u[i, i]))];
        Assert.That(lu.PivotRatio, Is.EqualTo(pivots.Min() / pivots.Max()).Within(1e-6).Percent);
    }

    [Test]
    public void When_MatrixHasDependentRows_Expect_ZeroColumnAndNoSolve()
    {
        double[,] a = RandomMatrix(40, 3);
        for (int j = 0; j < 40; j++)
        {
            a[7, j] = 0;
        }

        DenseLu lu = DenseLu.Factor(a);

        Assert.That(lu.ZeroColumn, Is.GreaterThanOrEqualTo(0));
        Assert.That(lu.PivotRatio, Is.Zero);
        Assert.Throws<InvalidOperationException>(() => lu.Solve(new double[40]));
    }

    [Test]
    public void When_MatrixNotSquare_Expect_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => DenseLu.Factor(new double[3, 4]));
    }
}
