using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public sealed class MinimumDegreeOrderingTests
{
    private static int[] Order(StampedMatrix m, out int[] counts)
    {
        var csc = new CompressedColumns(m.Pattern);
        return MinimumDegreeOrdering.Order(m.Size, csc.ColumnStart, csc.RowIndex, out counts);
    }

    /// <summary>Exact below-diagonal Cholesky column counts of the permuted A + Aᵀ (dense symbolic elimination).</summary>
    internal static int[] ExactCounts(StampedMatrix m, int[] order)
    {
        int n = m.Size;
        int[] position = new int[n];
        for (int k = 0; k < n; k++)
        {
            position[order[k]] = k;
        }

        var adj = Enumerable.Range(0, n).Select(_ => new SortedSet<int>()).ToArray();
        for (int h = 1; h <= m.Pattern.Count; h++)
        {
            int i = position[m.Pattern.Rows[h]];
            int j = position[m.Pattern.Columns[h]];
            if (i != j)
            {
                adj[Math.Min(i, j)].Add(Math.Max(i, j));
            }
        }

        int[] counts = new int[n];
        for (int k = 0; k < n; k++)
        {
            counts[k] = adj[k].Count;
            if (adj[k].Count > 0)
            {
                int parent = adj[k].Min;
                foreach (int r in adj[k])
                {
                    if (r != parent)
                    {
                        adj[parent].Add(r);
                    }
                }
            }
        }

        return counts;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void When_RandomCircuitOrdered_Expect_PermutationWithExactColumnCounts(int seed)
    {
        StampedMatrix m = TestMatrices.RandomCircuit(seed, 200);

        int[] order = Order(m, out int[] counts);

        Assert.That(order.OrderBy(i => i), Is.EqualTo(Enumerable.Range(0, m.Size)));
        Assert.That(counts, Is.EqualTo(ExactCounts(m, order)));
    }

    [Test]
    public void When_GridOrdered_Expect_FillFarBelowNaturalOrder()
    {
        int k = 40;
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

        m.Build();

        int[] order = Order(m, out int[] counts);
        long fill = counts.Sum(c => (long)c);
        long natural = ExactCounts(m, Enumerable.Range(0, k * k).ToArray()).Sum(c => (long)c);

        Assert.That(fill, Is.LessThan(natural / 2));
    }

    [Test]
    public void When_MeshOrdered_Expect_CountsMatchSymbolicElimination()
    {
        StampedMatrix m = TestMatrices.CrossbarMesh(6, 1);

        int[] order = Order(m, out int[] counts);

        Assert.That(counts, Is.EqualTo(ExactCounts(m, order)));
    }
}
