using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class EquilibrationTests
{
    /// <summary>diag(1, 2, …, N)·A: rows a thousand times apart at N = 1000, here N = 16 scaled to 1…1000.</summary>
    private static double[,] BadlyScaled(double[,] a)
    {
        int n = a.GetLength(0);
        var s = (double[,])a.Clone();
        for (int i = 0; i < n; i++)
        {
            double d = 1.0 + (999.0 * i / (n - 1));
            for (int j = 0; j < n; j++)
            {
                s[i, j] *= d;
            }
        }

        return s;
    }

    private static (double Min, double Max) RowMaxRange(double[,] m, bool columns)
    {
        int n = m.GetLength(0);
        double lo = double.PositiveInfinity, hi = 0.0;
        for (int i = 0; i < n; i++)
        {
            double max = 0.0;
            for (int j = 0; j < n; j++)
            {
                max = Math.Max(max, Math.Abs(columns ? m[j, i] : m[i, j]));
            }

            lo = Math.Min(lo, max);
            hi = Math.Max(hi, max);
        }

        return (lo, hi);
    }

    [Test]
    public void When_RowColumnScalingOfABadlyScaledMatrix_Expect_EveryRowAndColumnMaxInHalfToOne()
    {
        var a = BadlyScaled(MatrixGenerators.SpdWithCondition(16, 10, seed: 2));
        var counter = new AmcCostCounter();
        var eq = Equilibration.Compute(a, EquilibrationKind.RowColumn, counter);
        var rows = RowMaxRange(eq.Scaled, columns: false);
        var cols = RowMaxRange(eq.Scaled, columns: true);
        Assert.That(rows.Min, Is.GreaterThan(0.5));
        Assert.That(rows.Max, Is.LessThanOrEqualTo(1.0));
        Assert.That(cols.Min, Is.GreaterThan(0.5));
        Assert.That(cols.Max, Is.LessThanOrEqualTo(1.0));
        Assert.That(counter.DigitalFlops, Is.EqualTo(4L * 16 * 16), "two passes of N² comparisons and N² multiplications");
    }

    [Test]
    public void When_RowsOnly_Expect_RowMaxInHalfToOneAndCIdentity()
    {
        var a = BadlyScaled(MatrixGenerators.DiagonallyDominant(16, seed: 3));
        var eq = Equilibration.Compute(a, EquilibrationKind.Rows);
        var rows = RowMaxRange(eq.Scaled, columns: false);
        Assert.That(rows.Min, Is.GreaterThan(0.5));
        Assert.That(rows.Max, Is.LessThanOrEqualTo(1.0));
        Assert.That(eq.ColumnScale, Is.All.EqualTo(1.0));
    }

    [Test]
    public void When_Scaled_Expect_PowersOfTwoExactProductAndTheSameSolution()
    {
        var a = BadlyScaled(MatrixGenerators.SpdWithCondition(16, 100, seed: 4));
        var b = AmcTestData.Rhs(16, 4);
        var eq = Equilibration.Compute(a, EquilibrationKind.RowColumn);
        foreach (double s in eq.RowScale.Concat(eq.ColumnScale))
        {
            Assert.That(Math.ScaleB(1.0, Math.ILogB(s)), Is.EqualTo(s), "a power of two");
        }

        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 16; j++)
            {
                Assert.That(eq.Scaled[i, j], Is.EqualTo(eq.RowScale[i] * a[i, j] * eq.ColumnScale[j]), "exact in binary");
            }
        }

        var x = eq.Unscale(MatrixOps.Solve(eq.Scaled, eq.ScaleRhs(b)));
        Assert.That(AmcTestData.RelErr(x, MatrixOps.Solve(a, b)), Is.LessThan(1e-12));
        var r = eq.UnscaleResidual(eq.ScaleRhs(b));
        Assert.That(r, Is.EqualTo(b).Within(1e-15), "R⁻¹·(R·b) = b");
    }

    [Test]
    public void When_RowsAreAThousandTimesApart_Expect_EquilibrationLowersRhoBelowOne()
    {
        var a = BadlyScaled(MatrixGenerators.DiagonallyDominant(16, seed: 3));
        var b = AmcTestData.Rhs(16, 3);
        // One 16×16 array: without scaling, BlockAMC's leading block of the top slice (the small rows) quantises to a singular matrix.
        var options = HpInvTests.PaperLike(5, 40) with { ArraySize = 16 };
        var none = HpInvSolver.Solve(a, b, options);
        var rowcol = HpInvSolver.Solve(a, b, options with { Equilibrate = EquilibrationKind.RowColumn });
        Assert.That(rowcol.SpectralRadius, Is.LessThan(none.SpectralRadius));
        Assert.That(rowcol.SpectralRadius, Is.LessThan(1.0));
        Assert.That(rowcol.Stop, Is.EqualTo(HpInvStop.Converged), rowcol.Message);
        Assert.That(rowcol.FinalRelativeError, Is.LessThan(Math.Pow(2.0, -22)), "the error of the original system");
        Assert.That(rowcol.Cost.DigitalFlops, Is.GreaterThan(0));
    }
}
