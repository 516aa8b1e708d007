using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Devices.Programming;

namespace Crossbar.Circuit.Tests.Algebra;

/// <summary>
/// Properties of the fill-reducing order whichever method makes it: a permutation with exact
/// column counts, hubs last, series nodes first, the same order on every run and with or without
/// the parallel path, and the same fill for a circuit built from array elements and for the
/// same circuit read back from its exported deck.
/// </summary>
[TestFixture]
public sealed class FillReducingOrderingTests
{
    private static readonly OrderingMethod[] Methods = [OrderingMethod.Automatic, OrderingMethod.MinimumDegree, OrderingMethod.NestedDissection];

    private static int[] Order(StampedMatrix m, OrderingMethod method, out int[] counts)
    {
        var csc = new CompressedColumns(m.Pattern);
        return FillReducingOrdering.Order(m.Size, csc.ColumnStart, csc.RowIndex, method, out counts);
    }

    private static SymmetricGraph Graph(StampedMatrix m)
    {
        var csc = new CompressedColumns(m.Pattern);
        return SymmetricGraph.FromColumns(m.Size, csc.ColumnStart, csc.RowIndex);
    }

    /// <summary>k×k grid of conductances; with a hub, vertex 0 is a node tied to every grid node (a gate-bias line).</summary>
    private static StampedMatrix Grid(int k, bool hub)
    {
        int offset = hub ? 1 : 0;
        var m = new StampedMatrix((k * k) + offset);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                int v = offset + (i * k) + j;
                m.Conductance(v, -1, 1e-3);
                if (j + 1 < k)
                {
                    m.Conductance(v, v + 1, 1);
                }

                if (i + 1 < k)
                {
                    m.Conductance(v, v + k, 1);
                }

                if (hub)
                {
                    m.Conductance(v, 0, 1e-6);
                }
            }
        }

        return m.Build();
    }

    /// <summary>Random graph of average degree about 6 with a grounded diagonal: no small separators.</summary>
    private static StampedMatrix Expander(int n, int seed)
    {
        var rng = new Random(seed);
        var m = new StampedMatrix(n);
        for (int v = 0; v < n; v++)
        {
            m.Conductance(v, -1, 1e-3);
            for (int t = 0; t < 3; t++)
            {
                int u = rng.Next(n);
                if (u != v)
                {
                    m.Conductance(v, u, 1);
                }
            }
        }

        return m.Build();
    }

    private static IEnumerable<TestCaseData> Matrices()
    {
        yield return new TestCaseData(TestMatrices.CrossbarMesh(48, 2)).SetArgDisplayNames("mesh48");
        yield return new TestCaseData(Grid(75, hub: true)).SetArgDisplayNames("grid75hub");
        yield return new TestCaseData(TestMatrices.RandomCircuit(3, 600)).SetArgDisplayNames("random3");
        yield return new TestCaseData(Expander(6000, 1)).SetArgDisplayNames("expander6000");
    }

    [TestCaseSource(nameof(Matrices))]
    public void When_Ordered_Expect_PermutationWithItsOwnColumnCounts(StampedMatrix m)
    {
        foreach (OrderingMethod method in Methods)
        {
            int[] order = Order(m, method, out int[] counts);

            Assert.That(order.Order(), Is.EqualTo(Enumerable.Range(0, m.Size)), method.ToString());
            Assert.That(counts, Is.EqualTo(SymbolicCholesky.ColumnCounts(Graph(m), order)), method.ToString());
        }
    }

    [Test]
    public void When_HubTouchesEveryNode_Expect_HubOrderedLast()
    {
        StampedMatrix m = Grid(75, hub: true);

        foreach (OrderingMethod method in Methods)
        {
            int[] order = Order(m, method, out _);

            Assert.That(Array.IndexOf(order, 0), Is.EqualTo(m.Size - 1), method.ToString());
        }
    }

    [Test]
    public void When_CellNodesAreSeriesNodes_Expect_OrderedFirstWithoutFill()
    {
        int n = 24;
        StampedMatrix m = TestMatrices.CrossbarMesh(n, 1);
        SymmetricGraph graph = Graph(m);
        int cells = n * n;

        int[] order = NestedDissectionOrdering.Order(graph);
        int[] counts = SymbolicCholesky.ColumnCounts(graph, order);
        int prefix = 0;
        while (graph.Degree(order[prefix]) <= 2)
        {
            prefix++;
        }

        // A wire's end node (degree 2 as well) may be taken instead of its cell node: at most
        // one per row wire and one per column wire.
        int cellNodesInPrefix = order.Take(prefix).Count(v => v >= 2 * cells && v < 3 * cells);
        Assert.That(prefix, Is.GreaterThanOrEqualTo(cells));
        Assert.That(cellNodesInPrefix, Is.GreaterThanOrEqualTo(cells - (2 * n)));
        Assert.That(counts.Take(prefix).Max(), Is.LessThanOrEqualTo(2));
    }

    [Test]
    public void When_OrderedTwiceOrSequentially_Expect_SameOrder()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(128, 1);
        SymmetricGraph graph = Graph(m);

        int[] parallel = NestedDissectionOrdering.Order(graph, parallel: true);
        int[] again = NestedDissectionOrdering.Order(graph, parallel: true);
        int[] sequential = NestedDissectionOrdering.Order(graph, parallel: false);

        Assert.That(graph.Size, Is.GreaterThan(4 * NestedDissectionOrdering.ParallelMinimumSize));
        Assert.That(again, Is.EqualTo(parallel));
        Assert.That(sequential, Is.EqualTo(parallel));
        int[] automatic = Order(m, OrderingMethod.Automatic, out _);
        Assert.That(Order(m, OrderingMethod.Automatic, out _), Is.EqualTo(automatic));
    }

    /// <summary>k×k grid whose every node is a triple of mutually coupled unknowns, each coupled
    /// to all three of every neighbouring node (three indistinguishable vertices per node).</summary>
    private static StampedMatrix TripleGrid(int k)
    {
        var m = new StampedMatrix(3 * k * k);
        void Couple(int a, int b)
        {
            for (int s = 0; s < 3; s++)
            {
                for (int t = 0; t < 3; t++)
                {
                    if ((3 * a) + s != (3 * b) + t)
                    {
                        m.Conductance((3 * a) + s, (3 * b) + t, 1);
                    }
                }
            }
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                int v = (i * k) + j;
                m.Conductance(3 * v, -1, 1e-3);
                Couple(v, v);
                if (j + 1 < k)
                {
                    Couple(v, v + 1);
                }

                if (i + 1 < k)
                {
                    Couple(v, v + k);
                }
            }
        }

        return m.Build();
    }

    [Test]
    public void When_VerticesAreIndistinguishable_Expect_CompressedAndOrderedTogether()
    {
        int k = 40;
        SymmetricGraph graph = Graph(TripleGrid(k));

        int[] classOf = GraphCompression.Classes(graph, out int classes);
        int[] order = NestedDissectionOrdering.Order(graph);
        int[] counts = SymbolicCholesky.ColumnCounts(graph, order);
        int[] position = new int[graph.Size];
        for (int p = 0; p < order.Length; p++)
        {
            position[order[p]] = p;
        }

        Assert.That(classes, Is.EqualTo(k * k));
        Assert.That(Enumerable.Range(0, graph.Size).All(v => classOf[v] == classOf[3 * (v / 3)]), Is.True);
        Assert.That(order.Order(), Is.EqualTo(Enumerable.Range(0, graph.Size)));
        Assert.That(Enumerable.Range(0, k * k).Select(v => Math.Abs(position[3 * v] - position[(3 * v) + 2])).Max(), Is.EqualTo(2));
        // Each entry of the scalar grid's factor becomes a 3×3 block, plus 3 entries inside each triple.
        SymmetricGraph grid = Graph(Grid(k, hub: false));
        long gridFill = SymbolicCholesky.ColumnCounts(grid, NestedDissectionOrdering.Order(grid)).Sum(c => (long)c);
        Assert.That(counts.Sum(c => (long)c), Is.LessThanOrEqualTo(1.1 * ((9 * gridFill) + (3 * k * k))));
    }

    [Test]
    public void When_GraphHasNoSmallSeparator_Expect_DissectionDeclined()
    {
        SymmetricGraph expander = Graph(Expander(20000, 2));
        SymmetricGraph grid = Graph(Grid(150, hub: false));

        Assert.That(NestedDissectionOrdering.TryOrder(expander), Is.Null);
        Assert.That(NestedDissectionOrdering.TryOrder(grid), Is.Not.Null);
    }

    [Test]
    public void When_CrossbarArrivesAsDeck_Expect_FillWithinTwentyPercentOfElementCircuit()
    {
        int n = 32;
        double[,] a = MatrixGenerators.DiagonallyDominant(n, 1);
        var rng = new Random(2);
        double[] b = Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble()) - 1).ToArray();
        Netlist element = InvCircuitBuilder.Build(a, b, new CrossbarBuildOptions { Seed = 1 }, CircuitAnalysis.OperatingPoint).Netlist;
        Netlist deck = NetlistReader.ReadText(NetlistWriter.Write(element), "inv32.cir");

        long elementFill = PredictedFill(element, out int elementSize);
        long deckFill = PredictedFill(deck, out int deckSize);

        Assert.That(elementSize, Is.GreaterThan(FillReducingOrdering.NestedDissectionMinimumSize));
        Assert.That(deckSize, Is.EqualTo(elementSize).Within(4 * n));
        Assert.That(deckFill, Is.LessThanOrEqualTo(1.2 * elementFill));
    }

    /// <summary>nnz(L) below the diagonal predicted by the automatic order of a netlist's MNA pattern.</summary>
    private static long PredictedFill(Netlist netlist, out int size)
    {
        var circuit = new Crossbar.Circuit.Engine.Circuit(CircuitCompiler.CreateElements(netlist), SimulationOptions.FromNetlist(netlist));
        var csc = new CompressedColumns(circuit.Pattern);
        size = circuit.Size;
        FillReducingOrdering.Order(circuit.Size, csc.ColumnStart, csc.RowIndex, OrderingMethod.Automatic, out int[] counts);
        return counts.Sum(c => (long)c);
    }
}
