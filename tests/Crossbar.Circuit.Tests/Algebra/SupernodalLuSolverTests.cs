using Crossbar.Circuit.Algebra;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public sealed class SupernodalLuSolverTests
{
    private const double Agreement = 1e-10;
    private const double Backward = 1e-13;

    private static IEnumerable<int> RandomSeeds() => Enumerable.Range(0, 400);

    internal static double[] RandomRhs(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
    }

    internal static double[] Solve(ILinearSolver solver, double[] values, double[] b)
    {
        solver.Factor(values);
        double[] x = (double[])b.Clone();
        solver.Solve(x);
        return x;
    }

    /// <summary>Row-wise backward error (<see cref="StampedMatrix.BackwardError"/>).</summary>
    internal static double BackwardError(SparsePattern pattern, double[] values, double[] x, double[] b) => StampedMatrix.BackwardError(pattern, values, x, b);

    private static double[] DenseSolve(SparsePattern pattern, double[] values, double[] b)
    {
        var a = Matrix<double>.Build.DenseOfArray(StampedMatrix.ToDense(pattern, values));
        return a.LU().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
    }

    [TestCaseSource(nameof(RandomSeeds))]
    public void When_RandomMnaCircuit_Expect_SmallBackwardErrorAndAgreementWithDenseLu(int seed)
    {
        StampedMatrix m = TestMatrices.RandomCircuit(seed);
        double[] b = RandomRhs(m.Size, seed);
        var solver = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1);

        double[] x = Solve(solver, m.Values, b);

        Assert.That(BackwardError(m.Pattern, m.Values, x, b), Is.LessThanOrEqualTo(Backward));
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, m.Values, b)), Is.LessThanOrEqualTo(1e-9));
    }

    [Test]
    public void When_RandomMnaCircuits_Expect_SupernodalPathRarelyFallsBack()
    {
        int fallbacks = 0;
        const int count = 200;
        for (int seed = 0; seed < count; seed++)
        {
            StampedMatrix m = TestMatrices.RandomCircuit(seed);
            var solver = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1);
            _ = Solve(solver, m.Values, RandomRhs(m.Size, seed));
            fallbacks += solver.UsesFallback ? 1 : 0;
        }

        Assert.That(fallbacks, Is.LessThanOrEqualTo(count / 10));
    }

    [TestCaseSource(nameof(RandomSeeds))]
    public void When_RandomMnaCircuitRefactoredWithNewValues_Expect_SameAsFreshFactor(int seed)
    {
        StampedMatrix m = TestMatrices.RandomCircuit(seed);
        var solver = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1);
        solver.Factor(m.Values);
        var rng = new Random(seed + 1000);
        double[] changed = m.Values.Select(v => v * (0.5 + rng.NextDouble())).ToArray();
        double[] b = RandomRhs(m.Size, seed + 7);

        double[] x = Solve(solver, changed, b);
        double[] fresh = Solve(new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1), changed, b);

        Assert.That(Tolerance.RelativeError(x, fresh), Is.LessThanOrEqualTo(Agreement));
        Assert.That(BackwardError(m.Pattern, changed, x, b), Is.LessThanOrEqualTo(Backward));
        Assert.That(solver.Statistics.Factorizations + solver.Statistics.Refactorizations, Is.EqualTo(2));
    }

    [TestCase(16)]
    [TestCase(32)]
    [TestCase(64)]
    public void When_CrossbarMesh_Expect_AgreementWithSparseLuWithoutFallback(int n)
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(n, 3);
        double[] b = RandomRhs(m.Size, n);
        var solver = new SupernodalLuSolver(m.Pattern);

        double[] x = Solve(solver, m.Values, b);
        double[] expected = Solve(new SparseLuSolver(m.Pattern), m.Values, b);

        Assert.That(solver.UsesFallback, Is.False);
        Assert.That(Tolerance.RelativeError(x, expected), Is.LessThanOrEqualTo(Agreement));
        Assert.That(BackwardError(m.Pattern, m.Values, x, b), Is.LessThanOrEqualTo(Backward));
    }

    [Test]
    public void When_CrossbarMeshWithNestedDissection_Expect_ParallelAndSequentialAgree()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(64, 5);
        double[] b = RandomRhs(m.Size, 11);
        var sequential = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.NestedDissection, 1);
        var parallel = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.NestedDissection, 2);

        double[] xs = Solve(sequential, m.Values, b);
        double[] xp = Solve(parallel, m.Values, b);

        Assert.That(parallel.Analysis!.Schedule.HasWorkers, Is.True);
        Assert.That(parallel.UsesFallback, Is.False);
        // The same operations; only the order in which the lanes' updates of a shared entry are summed differs.
        Assert.That(Tolerance.RelativeError(xp, xs), Is.LessThanOrEqualTo(1e-12));
    }

    [Test]
    public void When_LargeFactorSolvedWithConcurrentLanes_Expect_SequentialSolutionWithoutRefinement()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(128, 3);
        double[] b = RandomRhs(m.Size, 12);
        var sequential = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.NestedDissection, 1);
        var parallel = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.NestedDissection, 2);
        sequential.Factor(m.Values);
        parallel.Factor(m.Values);
        double[] xs = (double[])b.Clone();
        double[] xp = (double[])b.Clone();

        // The bare substitutions, so that refinement cannot cover a wrong one.
        sequential.SolveWithoutRefinement(xs);
        parallel.SolveWithoutRefinement(xp);

        Assert.That(parallel.ConcurrentSubstitutions, Is.True);
        Assert.That(sequential.ConcurrentSubstitutions, Is.False);
        double sequentialError = BackwardError(m.Pattern, m.Values, xs, b);
        Assert.That(BackwardError(m.Pattern, m.Values, xp, b), Is.LessThanOrEqualTo(2 * sequentialError).And.LessThanOrEqualTo(1e-12), $"sequential {sequentialError:E2}");
        Assert.That(Tolerance.RelativeError(xp, xs), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_CrossbarMeshRefactored_Expect_SameAsFreshFactorAndNoNewAnalysis()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(32, 2);
        var solver = new SupernodalLuSolver(m.Pattern);
        solver.Factor(m.Values);
        SupernodalAnalysis? analysis = solver.Analysis;
        var rng = new Random(4);
        double[] changed = m.Values.Select(v => v * (0.7 + (0.6 * rng.NextDouble()))).ToArray();
        double[] b = RandomRhs(m.Size, 5);

        double[] x = Solve(solver, changed, b);
        double[] fresh = Solve(new SupernodalLuSolver(m.Pattern), changed, b);

        Assert.That(solver.Analysis, Is.SameAs(analysis));
        Assert.That(solver.Statistics.Refactorizations, Is.EqualTo(1));
        Assert.That(Tolerance.RelativeError(x, fresh), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_Refactored_Expect_NoAllocationInFactorOrSolve()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(24, 6);
        var solver = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1);
        double[] x = RandomRhs(m.Size, 1);
        solver.Factor(m.Values);
        solver.Solve(x);
        RandomRhs(m.Size, 1).CopyTo(x, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        solver.Factor(m.Values);
        solver.Solve(x);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.EqualTo(0));
        Assert.That(solver.Statistics.Refactorizations, Is.EqualTo(1));
    }

    [TestCase(8)]
    [TestCase(40)]
    public void When_DenseInvBlock_Expect_AgreementWithDenseLu(int n)
    {
        StampedMatrix m = TestMatrices.InvDense(n, 1);
        double[] b = RandomRhs(m.Size, 9);
        var solver = new SupernodalLuSolver(m.Pattern);

        double[] x = Solve(solver, m.Values, b);

        Assert.That(solver.UsesFallback, Is.False);
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, m.Values, b)), Is.LessThanOrEqualTo(1e-9));
    }

    [Test]
    public void When_VoltageSourceChain_Expect_BranchUnknownsOrderedAfterTheirNodes()
    {
        // Nodes 0..29 in a resistor chain to ground; sources 30..39 with zero-diagonal branch rows.
        var m = new StampedMatrix(40);
        for (int i = 0; i < 30; i++)
        {
            m.Conductance(i, i - 1, 1e-3 * (i + 1));
        }

        for (int s = 0; s < 10; s++)
        {
            int p = 3 * s;
            int branch = 30 + s;
            m.Add(p, branch, 1);
            m.Add(branch, p, 1);
            m.Add(branch, p + 1, -2.5);
        }

        m.Build();
        double[] b = RandomRhs(40, 1);
        var solver = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1);

        double[] x = Solve(solver, m.Values, b);

        SupernodalAnalysis a = solver.Analysis!;
        for (int s = 0; s < 10; s++)
        {
            Assert.That(a.Position[30 + s], Is.GreaterThan(a.Position[3 * s]));
            Assert.That(a.Position[30 + s], Is.GreaterThan(a.Position[(3 * s) + 1]));
        }

        Assert.That(solver.UsesFallback, Is.False);
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, m.Values, b)), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_StoredBranchDiagonalsVanishAtRefactor_Expect_NoFallbackAndAgreement()
    {
        // Op-amp branches whose stored diagonal (a pole term) is 1 at the first factorisation and 0 later.
        var m = new StampedMatrix(60);
        for (int i = 0; i < 50; i++)
        {
            m.Conductance(i, i - 1, 1e-3 * (i + 1));
            m.Conductance(i, (i + 7) % 50, 2e-3);
        }

        var diagonals = new List<int>();
        for (int s = 0; s < 10; s++)
        {
            int branch = 50 + s;
            m.Add(5 * s, branch, 1);
            m.Add(branch, 5 * s, 1);
            m.Add(branch, (5 * s) + 2, -1e5);
            m.Add(branch, branch, 1);
        }

        m.Build();
        for (int h = 1; h <= m.Pattern.Count; h++)
        {
            if (m.Pattern.Rows[h] == m.Pattern.Columns[h] && m.Pattern.Rows[h] >= 50)
            {
                diagonals.Add(h);
            }
        }

        var solver = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1);
        solver.Factor(m.Values);
        double[] dc = (double[])m.Values.Clone();
        foreach (int h in diagonals)
        {
            dc[h] = 0;
        }

        double[] b = RandomRhs(60, 3);
        double[] x = Solve(solver, dc, b);

        Assert.That(solver.UsesFallback, Is.False);
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, dc, b)), Is.LessThanOrEqualTo(1e-9));
    }

    [Test]
    public void When_StarOfLeaves_Expect_LeavesShareOneFrontAndAgreement()
    {
        // Hub node 0 with 40 leaf nodes tied only to it and to ground: identical leaf structures.
        var m = new StampedMatrix(41);
        m.Conductance(0, -1, 1e-3);
        for (int i = 1; i <= 40; i++)
        {
            m.Conductance(i, 0, 1e-3 * i);
            m.Conductance(i, -1, 2e-3);
        }

        m.Build();
        double[] b = RandomRhs(41, 2);
        var solver = new SupernodalLuSolver(m.Pattern, null, OrderingMethod.Automatic, 1);

        double[] x = Solve(solver, m.Values, b);

        Assert.That(solver.Analysis!.Count, Is.LessThanOrEqualTo(2));
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, m.Values, b)), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_IdealWireInvIsLarge_Expect_ContributionStackGuardHandsOverToSparseLu()
    {
        StampedMatrix m = TestMatrices.InvDense(600, 1);
        double[] b = RandomRhs(m.Size, 4);
        var solver = new SupernodalLuSolver(m.Pattern);

        double[] x = Solve(solver, m.Values, b);

        Assert.That(solver.UsesFallback, Is.True);
        Assert.That(solver.Statistics.FallbackReason, Does.StartWith("contribution stack"));
        Assert.That(BackwardError(m.Pattern, m.Values, x, b), Is.LessThanOrEqualTo(Backward));
    }

    [Test]
    public void When_ColumnIsStructurallyEmpty_Expect_SingularMatrixNamingThatUnknown()
    {
        StampedMatrix m = TestMatrices.StructurallyEmptyColumn17();
        var solver = new SupernodalLuSolver(m.Pattern);

        var ex = Assert.Throws<SingularMatrixException>(() => solver.Factor(m.Values));

        Assert.That(ex!.Unknown, Is.EqualTo(17));
    }

    [Test]
    public void When_ColumnValuesAreAllZero_Expect_SingularMatrixNamingThatUnknown()
    {
        (StampedMatrix m, double[] values, int victim) = TestMatrices.ZeroedColumn();

        var solver = new SupernodalLuSolver(m.Pattern);

        var ex = Assert.Throws<SingularMatrixException>(() => solver.Factor(values));

        Assert.That(ex!.Unknown, Is.EqualTo(victim));
    }

    [Test]
    public void When_RepivotRequested_Expect_FreshAnalysis()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(16, 1);
        var solver = new SupernodalLuSolver(m.Pattern);
        solver.Factor(m.Values);
        solver.RequestRepivot();
        solver.Factor(m.Values);

        Assert.That(solver.Statistics.Factorizations, Is.EqualTo(2));
        Assert.That(solver.Statistics.FactorNonzeros, Is.GreaterThan(m.Pattern.Count));
    }

    [Test]
    public void When_FactorOfCrossbarMesh_Expect_FrontsCoverTheFillOfSparseLu()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(32, 1);
        var solver = new SupernodalLuSolver(m.Pattern);
        solver.Factor(m.Values);
        var sparse = new SparseLuSolver(m.Pattern);
        sparse.Factor(m.Values);

        Assert.That(solver.Statistics.FactorNonzeros, Is.LessThan(3 * sparse.Statistics.FactorNonzeros));
    }
}
