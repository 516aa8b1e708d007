using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Tests.Algebra;

/// <summary>Prints factor/solve times and fill for the crossbar shapes. Run by hand; times are not asserted.</summary>
[TestFixture]
[Explicit("prints timings; run by hand")]
public sealed class SparseLuTimingReport
{
    [TestCase(64)]
    [TestCase(128)]
    [TestCase(256)]
    public void When_CrossbarMeshTimed_Expect_ResidualSmall(int n)
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(n, 1);
        Report($"mesh N={n}", m);
    }

    [TestCase(256)]
    [TestCase(1024)]
    public void When_DenseInvTimed_Expect_ResidualSmall(int n)
    {
        StampedMatrix m = TestMatrices.InvDense(n, 1);
        Report($"dense INV N={n}", m);
    }

    private static void Report(string name, StampedMatrix m)
    {
        var solver = new SparseLuSolver(m.Pattern);
        var total = Stopwatch.StartNew();
        solver.Factor(m.Values);
        double first = total.Elapsed.TotalSeconds;
        double ordering = solver.Statistics.OrderingTime.Elapsed.TotalSeconds;
        double factor = solver.Statistics.FactorTime.Elapsed.TotalSeconds;

        var again = Stopwatch.StartNew();
        solver.RequestRepivot();
        solver.Factor(m.Values);
        double full = again.Elapsed.TotalSeconds;

        again.Restart();
        solver.Factor(m.Values);
        double refactor = again.Elapsed.TotalSeconds;

        double[] b = new double[m.Size];
        var rng = new Random(1);
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = rng.NextDouble();
        }

        double[] x = (double[])b.Clone();
        again.Restart();
        solver.Solve(x);
        double solve = again.Elapsed.TotalSeconds;

        double[] ax = StampedMatrix.Multiply(m.Pattern, m.Values, x);
        double residual = 0;
        for (int i = 0; i < b.Length; i++)
        {
            residual = Math.Max(residual, Math.Abs(ax[i] - b[i]));
        }

        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: n={m.Size} nnz(A)={m.Pattern.Count} nnz(L+U)={solver.Statistics.FactorNonzeros} dense tail={solver.DenseTailSize} first factor={first:F3}s (ordering {ordering:F3}s, numeric {factor:F3}s) full factor={full:F3}s refactor={refactor:F3}s solve={solve:F4}s residual={residual:E2}"));
        Assert.That(residual, Is.LessThan(1e-6));
    }
}
