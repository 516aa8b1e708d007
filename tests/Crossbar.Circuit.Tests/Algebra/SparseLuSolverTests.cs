using Complex = System.Numerics.Complex;
using Crossbar.Circuit.Algebra;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public sealed class SparseLuSolverTests
{
    private const double Agreement = 1e-9;

    private static IEnumerable<int> RandomSeeds() => Enumerable.Range(0, 500);

    private static double[] RandomRhs(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
    }

    private static double[] DenseSolve(SparsePattern pattern, double[] values, double[] b)
    {
        var a = Matrix<double>.Build.DenseOfArray(StampedMatrix.ToDense(pattern, values));
        return a.LU().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
    }

    private static double[] SparseSolve(SparseLuSolver solver, double[] values, double[] b)
    {
        solver.Factor(values);
        double[] x = (double[])b.Clone();
        solver.Solve(x);
        return x;
    }

    /// <summary>Backward error ‖A·x − b‖∞ / (‖A‖∞·‖x‖∞ + ‖b‖∞).</summary>
    private static double RelativeResidual(SparsePattern pattern, double[] values, double[] x, double[] b)
    {
        double[] ax = StampedMatrix.Multiply(pattern, values, x);
        double[] rowSum = new double[b.Length];
        for (int h = 1; h <= pattern.Count; h++)
        {
            rowSum[pattern.Rows[h]] += Math.Abs(values[h]);
        }

        double r = 0;
        for (int i = 0; i < b.Length; i++)
        {
            r = Math.Max(r, Math.Abs(ax[i] - b[i]));
        }

        return r / ((rowSum.Max() * x.Max(Math.Abs)) + b.Max(Math.Abs));
    }

    [TestCaseSource(nameof(RandomSeeds))]
    public void When_RandomMnaCircuit_Expect_SolutionMatchesDenseLu(int seed)
    {
        StampedMatrix m = TestMatrices.RandomCircuit(seed);
        double[] b = RandomRhs(m.Size, seed);
        var solver = new SparseLuSolver(m.Pattern);

        double[] x = SparseSolve(solver, m.Values, b);
        double[] expected = DenseSolve(m.Pattern, m.Values, b);

        Assert.That(Tolerance.RelativeError(x, expected), Is.LessThanOrEqualTo(Agreement));
    }

    [TestCaseSource(nameof(RandomSeeds))]
    public void When_RandomMnaCircuitRefactoredWithNewValues_Expect_SolutionMatchesDenseLu(int seed)
    {
        StampedMatrix m = TestMatrices.RandomCircuit(seed);
        var solver = new SparseLuSolver(m.Pattern);
        solver.Factor(m.Values);
        var rng = new Random(seed + 1000);
        double[] changed = m.Values.Select(v => v * (0.5 + rng.NextDouble())).ToArray();
        double[] b = RandomRhs(m.Size, seed + 7);

        double[] x = SparseSolve(solver, changed, b);
        double[] expected = DenseSolve(m.Pattern, changed, b);

        Assert.That(Tolerance.RelativeError(x, expected), Is.LessThanOrEqualTo(Agreement));
        Assert.That(solver.Statistics.Factorizations + solver.Statistics.Refactorizations, Is.EqualTo(2));
    }

    [Test]
    public void When_ValuesChangeMildly_Expect_RefactorizationWithoutNewPivoting()
    {
        StampedMatrix m = TestMatrices.RandomCircuit(42);
        var solver = new SparseLuSolver(m.Pattern);
        solver.Factor(m.Values);
        var rng = new Random(3);
        double[] changed = m.Values.Select(v => v * (1 + (0.01 * ((2 * rng.NextDouble()) - 1)))).ToArray();
        double[] b = RandomRhs(m.Size, 5);

        double[] x = SparseSolve(solver, changed, b);

        Assert.That(solver.Statistics.Factorizations, Is.EqualTo(1));
        Assert.That(solver.Statistics.Refactorizations, Is.EqualTo(1));
        Assert.That(RelativeResidual(m.Pattern, changed, x, b), Is.LessThan(1e-13));
    }

    [Test]
    public void When_StoredPivotVanishes_Expect_RepivotAndCorrectSolution()
    {
        int n = 40;
        var m = new StampedMatrix(n);
        var rng = new Random(11);
        for (int i = 0; i < n; i++)
        {
            m.Add(i, i, 4);
            m.Add(i, (i + 1) % n, 1 + rng.NextDouble());
            m.Add((i + 1) % n, i, 1 + rng.NextDouble());
            m.Add(i, (i + 7) % n, rng.NextDouble());
        }

        m.Build();
        var solver = new SparseLuSolver(m.Pattern);
        solver.Factor(m.Values);
        double[] changed = (double[])m.Values.Clone();
        for (int h = 1; h <= m.Pattern.Count; h++)
        {
            if (m.Pattern.Rows[h] == m.Pattern.Columns[h])
            {
                changed[h] = 0;
            }
        }

        double[] b = RandomRhs(n, 2);
        double[] x = SparseSolve(solver, changed, b);

        Assert.That(solver.Statistics.Factorizations, Is.EqualTo(2));
        Assert.That(solver.Statistics.Refactorizations, Is.EqualTo(0));
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, changed, b)), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_RepivotRequested_Expect_FullFactorization()
    {
        StampedMatrix m = TestMatrices.RandomCircuit(8);
        var solver = new SparseLuSolver(m.Pattern);
        solver.Factor(m.Values);
        solver.RequestRepivot();
        solver.Factor(m.Values);

        Assert.That(solver.Statistics.Factorizations, Is.EqualTo(2));
    }

    [Test]
    public void When_ColumnIsStructurallyEmpty_Expect_SingularMatrixNamingThatUnknown()
    {
        StampedMatrix m = TestMatrices.StructurallyEmptyColumn17();
        var solver = new SparseLuSolver(m.Pattern);

        var ex = Assert.Throws<SingularMatrixException>(() => solver.Factor(m.Values));

        Assert.That(ex!.Unknown, Is.EqualTo(17));
    }

    [Test]
    public void When_ColumnValuesAreAllZero_Expect_SingularMatrixNamingThatUnknown()
    {
        (StampedMatrix m, double[] values, int victim) = TestMatrices.ZeroedColumn();

        var solver = new SparseLuSolver(m.Pattern);

        var ex = Assert.Throws<SingularMatrixException>(() => solver.Factor(values));

        Assert.That(ex!.Unknown, Is.EqualTo(victim));
    }

    [Test]
    public void When_DenseInvBlock_Expect_SolutionMatchesDenseLu()
    {
        StampedMatrix m = TestMatrices.InvDense(64, 1);
        double[] b = RandomRhs(m.Size, 9);
        var solver = new SparseLuSolver(m.Pattern);

        double[] x = SparseSolve(solver, m.Values, b);

        Assert.That(solver.DenseTailSize, Is.GreaterThan(64));
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, m.Values, b)), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_DenseInvBlockRefactored_Expect_SolutionMatchesDenseLu()
    {
        StampedMatrix m = TestMatrices.InvDense(64, 1);
        var solver = new SparseLuSolver(m.Pattern);
        solver.Factor(m.Values);
        StampedMatrix other = TestMatrices.InvDense(64, 2, 1e4);
        double[] b = RandomRhs(m.Size, 9);

        double[] x = SparseSolve(solver, other.Values, b);

        Assert.That(solver.Statistics.Refactorizations, Is.EqualTo(1));
        Assert.That(Tolerance.RelativeError(x, DenseSolve(m.Pattern, other.Values, b)), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_CrossbarMeshWithWireResistance_Expect_SolutionMatchesDenseLu()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(8, 4);
        double[] b = RandomRhs(m.Size, 10);
        var solver = new SparseLuSolver(m.Pattern);

        double[] x = SparseSolve(solver, m.Values, b);
        double[] expected = DenseSolve(m.Pattern, m.Values, b);

        Assert.That(m.Size, Is.EqualTo((3 * 64) + 8));
        Assert.That(Tolerance.RelativeError(x, expected), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_LargerCrossbarMesh_Expect_SmallResidualAfterRefactor()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(24, 5);
        var solver = new SparseLuSolver(m.Pattern);
        solver.Factor(m.Values);
        StampedMatrix other = TestMatrices.CrossbarMesh(24, 6);
        double[] b = RandomRhs(m.Size, 3);

        double[] x = SparseSolve(solver, other.Values, b);

        Assert.That(solver.Statistics.Refactorizations, Is.EqualTo(1));
        Assert.That(RelativeResidual(m.Pattern, other.Values, x, b), Is.LessThan(1e-13));
    }

    [Test]
    public void When_RefactorAndSolveRepeat_Expect_NoAllocation()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(6, 1);
        var solver = new SparseLuSolver(m.Pattern);
        double[] b = RandomRhs(m.Size, 1);
        solver.Factor(m.Values);
        solver.Factor(m.Values);
        solver.Solve(b);

        long before = GC.GetAllocatedBytesForCurrentThread();
        solver.Factor(m.Values);
        solver.Solve(b);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void When_SolvedTwice_Expect_StatisticsCountSolvesAndFill()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(4, 1);
        var solver = new SparseLuSolver(m.Pattern);
        double[] b = RandomRhs(m.Size, 1);
        solver.Factor(m.Values);
        solver.Solve(b);
        solver.Solve(b);

        Assert.That(solver.Statistics.Solves, Is.EqualTo(2));
        Assert.That(solver.Statistics.FactorNonzeros, Is.GreaterThanOrEqualTo(m.Pattern.Count));
    }

    [TestCase(5)]
    [TestCase(60)]
    [TestCase(250)]
    public void When_ComplexSystem_Expect_SolutionMatchesDenseComplexLu(int seed)
    {
        StampedMatrix m = TestMatrices.RandomCircuit(seed, 150);
        var rng = new Random(seed);
        Complex[] values = m.Values.Select(v => new Complex(v, v * 0.3 * rng.NextDouble())).ToArray();
        for (int h = 1; h <= m.Pattern.Count; h++)
        {
            if (m.Pattern.Rows[h] == m.Pattern.Columns[h] && m.Pattern.Rows[h] % 3 == 0)
            {
                values[h] += new Complex(0, 1e-3);
            }
        }

        Complex[] b = Enumerable.Range(0, m.Size).Select(_ => new Complex(rng.NextDouble(), rng.NextDouble())).ToArray();
        var dense = Matrix<Complex>.Build.Dense(m.Size, m.Size);
        for (int h = 1; h <= m.Pattern.Count; h++)
        {
            dense[m.Pattern.Rows[h], m.Pattern.Columns[h]] += values[h];
        }

        Complex[] expected = dense.LU().Solve(Vector<Complex>.Build.DenseOfArray(b)).ToArray();
        var solver = new ComplexSparseLuSolver(m.Pattern);
        solver.Factor(values);
        Complex[] x = (Complex[])b.Clone();
        solver.Solve(x);
        solver.Factor(values);
        Complex[] again = (Complex[])b.Clone();
        solver.Solve(again);

        Assert.That(Tolerance.RelativeError(x, expected), Is.LessThanOrEqualTo(Agreement));
        Assert.That(Tolerance.RelativeError(again, expected), Is.LessThanOrEqualTo(Agreement));
        Assert.That(solver.Statistics.Refactorizations, Is.EqualTo(1));
    }

    [Test]
    public void When_ComplexDenseInvBlock_Expect_SolutionMatchesDenseComplexLu()
    {
        StampedMatrix m = TestMatrices.InvDense(40, 3);
        Complex[] values = m.Values.Select((v, h) => new Complex(v, h % 5 == 0 ? 1e-6 : 0)).ToArray();
        var rng = new Random(1);
        Complex[] b = Enumerable.Range(0, m.Size).Select(_ => new Complex(rng.NextDouble(), rng.NextDouble())).ToArray();
        var dense = Matrix<Complex>.Build.Dense(m.Size, m.Size);
        for (int h = 1; h <= m.Pattern.Count; h++)
        {
            dense[m.Pattern.Rows[h], m.Pattern.Columns[h]] += values[h];
        }

        Complex[] expected = dense.LU().Solve(Vector<Complex>.Build.DenseOfArray(b)).ToArray();
        var solver = new ComplexSparseLuSolver(m.Pattern);
        solver.Factor(values);
        Complex[] x = (Complex[])b.Clone();
        solver.Solve(x);

        Assert.That(Tolerance.RelativeError(x, expected), Is.LessThanOrEqualTo(Agreement));
    }

    [Test]
    public void When_PatternIsLargeAndSparse_Expect_FactoryChoosesSparseSolver()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(4, 1);

        Assert.That(LinearSolverFactory.Create(m.Pattern), Is.InstanceOf<SparseLuSolver>());
    }

    [Test]
    public void When_PatternIsTiny_Expect_FactoryChoosesDenseSolver()
    {
        var m = new StampedMatrix(3);
        m.Conductance(0, 1, 1);
        m.Conductance(1, 2, 1);
        m.Conductance(2, -1, 1);
        m.Build();

        Assert.That(LinearSolverFactory.Create(m.Pattern), Is.InstanceOf<DenseLuSolver>());
    }
}
