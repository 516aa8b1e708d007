using Crossbar.Circuit.Algebra;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public sealed class NestedDissectionOrderingTests
{
    private static SymmetricGraph Graph(StampedMatrix m)
    {
        var csc = new CompressedColumns(m.Pattern);
        return SymmetricGraph.FromColumns(m.Size, csc.ColumnStart, csc.RowIndex);
    }

    private static StampedMatrix Grid(int k)
    {
        var m = new StampedMatrix(k * k);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                int v = (i * k) + j;
                m.Conductance(v, -1, 1e-3);
                if (j + 1 < k)
                {
                    m.Conductance(v, v + 1, 1);
                }

                if (i + 1 < k)
                {
                    m.Conductance(v, v + k, 1);
                }
            }
        }

        return m.Build();
    }

    private static IEnumerable<TestCaseData> Matrices()
    {
        yield return new TestCaseData(TestMatrices.CrossbarMesh(12, 1)).SetArgDisplayNames("mesh12");
        yield return new TestCaseData(Grid(30)).SetArgDisplayNames("grid30");
        for (int seed = 1; seed <= 4; seed++)
        {
            yield return new TestCaseData(TestMatrices.RandomCircuit(seed, 600)).SetArgDisplayNames($"random{seed}");
        }
    }

    [TestCaseSource(nameof(Matrices))]
    public void When_Dissected_Expect_PermutationWithExactColumnCounts(StampedMatrix m)
    {
        SymmetricGraph graph = Graph(m);

        int[] order = NestedDissectionOrdering.Order(graph);
        int[] counts = SymbolicCholesky.ColumnCounts(graph, order);

        Assert.That(order.OrderBy(i => i), Is.EqualTo(Enumerable.Range(0, m.Size)));
        Assert.That(counts, Is.EqualTo(MinimumDegreeOrderingTests.ExactCounts(m, order)));
    }

    [Test]
    public void When_OrderIsRandom_Expect_ColumnCountsMatchSymbolicElimination()
    {
        StampedMatrix m = TestMatrices.RandomCircuit(7, 150);
        var rng = new Random(3);
        int[] order = Enumerable.Range(0, m.Size).OrderBy(_ => rng.Next()).ToArray();

        int[] counts = SymbolicCholesky.ColumnCounts(Graph(m), order);

        Assert.That(counts, Is.EqualTo(MinimumDegreeOrderingTests.ExactCounts(m, order)));
    }

    [Test]
    public void When_GridBisected_Expect_SeparatorAsShortAsTheGridWidth()
    {
        int k = 60;
        SymmetricGraph graph = Graph(Grid(k));

        byte[] side = Bisector.Separate(Level.Unweighted(graph.Size, graph.Start, graph.Adjacency), new Random(1));
        int a = side.Count(s => s == 0);
        int b = side.Count(s => s == 1);
        bool separates = Enumerable.Range(0, graph.Size).All(v => side[v] == 2 ||
            graph.Adjacency[graph.Start[v]..graph.Start[v + 1]].All(u => side[u] == 2 || side[u] == side[v]));

        Assert.That(separates, Is.True);
        Assert.That(graph.Size - a - b, Is.LessThanOrEqualTo(k + 3));
        Assert.That(Math.Min(a, b), Is.GreaterThan(0.4 * graph.Size));
    }

    [Test]
    public void When_TriesShareOneHierarchy_Expect_TheSeparatorsOfSeparateCalls()
    {
        SymmetricGraph graph = Graph(Grid(50));
        Level level = Level.Unweighted(graph.Size, graph.Start, graph.Adjacency);

        byte[][] shared = Bisector.Separate(level, [new Random(7), new Random(8), new Random(9)], parallel: true);

        for (int t = 0; t < 3; t++)
        {
            Assert.That(shared[t], Is.EqualTo(Bisector.Separate(level, new Random(7 + t))), $"try {t}");
        }
    }

    [Test]
    public void When_CrossbarMeshOrdered_Expect_AutomaticChoiceTakesCheaperOrder()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(48, 2);
        var csc = new CompressedColumns(m.Pattern);

        FillReducingOrdering.Order(m.Size, csc.ColumnStart, csc.RowIndex, OrderingMethod.Automatic, out int[] chosen);
        FillReducingOrdering.Order(m.Size, csc.ColumnStart, csc.RowIndex, OrderingMethod.MinimumDegree, out int[] amd);
        FillReducingOrdering.Order(m.Size, csc.ColumnStart, csc.RowIndex, OrderingMethod.NestedDissection, out int[] nd);
        DenseTailModel.Choose(chosen, out double chosenCost);
        DenseTailModel.Choose(amd, out double amdCost);
        DenseTailModel.Choose(nd, out double ndCost);

        Assert.That(m.Size, Is.GreaterThan(FillReducingOrdering.NestedDissectionMinimumSize));
        Assert.That(chosenCost, Is.EqualTo(Math.Min(amdCost, ndCost)));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void When_RandomCircuitFactoredInDissectionOrder_Expect_SolutionMatchesDenseLu(int seed)
    {
        StampedMatrix m = TestMatrices.RandomCircuit(seed, 600);
        double[] b = Rhs(m.Size, seed);
        var solver = new SparseLuSolver(m.Pattern, null, OrderingMethod.NestedDissection);

        double[] x = Solve(solver, m.Values, b);

        Assert.That(Tolerance.RelativeError(x, DenseSolve(m, b)), Is.LessThanOrEqualTo(1e-9));
    }

    [Test]
    public void When_CrossbarMeshFactoredInDissectionOrder_Expect_SolutionMatchesDenseLu()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(10, 4);
        double[] b = Rhs(m.Size, 10);
        var solver = new SparseLuSolver(m.Pattern, null, OrderingMethod.NestedDissection);

        double[] x = Solve(solver, m.Values, b);

        Assert.That(Tolerance.RelativeError(x, DenseSolve(m, b)), Is.LessThanOrEqualTo(1e-9));
    }

    [Test]
    public void When_LargerCrossbarMeshFactoredInDissectionOrder_Expect_SmallResidualAndSmallerTail()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(40, 5);
        double[] b = Rhs(m.Size, 3);
        var nd = new SparseLuSolver(m.Pattern, null, OrderingMethod.NestedDissection);
        var amd = new SparseLuSolver(m.Pattern, null, OrderingMethod.MinimumDegree);

        double[] x = Solve(nd, m.Values, b);
        amd.Factor(m.Values);
        double[] ax = StampedMatrix.Multiply(m.Pattern, m.Values, x);
        double residual = ax.Zip(b, (p, q) => Math.Abs(p - q)).Max();

        Assert.That(residual, Is.LessThan(1e-9 * b.Max(Math.Abs)));
        Assert.That(nd.DenseTailSize, Is.LessThan(amd.DenseTailSize));
    }

    private static double[] Rhs(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
    }

    private static double[] Solve(SparseLuSolver solver, double[] values, double[] b)
    {
        solver.Factor(values);
        double[] x = (double[])b.Clone();
        solver.Solve(x);
        return x;
    }

    private static double[] DenseSolve(StampedMatrix m, double[] b)
    {
        var a = Matrix<double>.Build.DenseOfArray(StampedMatrix.ToDense(m.Pattern, m.Values));
        return a.LU().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
    }
}
