namespace Crossbar.Circuit.Algebra;

/// <summary>Which fill-reducing column order the sparse LU uses.</summary>
internal enum OrderingMethod
{
    /// <summary>Minimum degree for small matrices; for larger ones nested dissection when the graph has small separators, otherwise minimum degree.</summary>
    Automatic,

    /// <summary>Approximate minimum degree only.</summary>
    MinimumDegree,

    /// <summary>Nested dissection only.</summary>
    NestedDissection,
}

/// <summary>
/// Fill-reducing order of A + Aᵀ for the sparse LU: approximate minimum degree or nested
/// dissection, chosen from the structure of the graph.
/// </summary>
/// <remarks>
/// Minimum degree is cheap to compute and wins on small and irregular circuits; on large
/// mesh-like circuits (crossbar arrays with wire resistance) nested dissection keeps the fill
/// of L + U close to O(n log n) (A. George, SIAM J. Numer. Anal. 10(2), 1973: a k×k grid
/// fills O(k² log k), which is optimal; minimum degree has no such bound). On large graphs the
/// automatic choice does not compute both orders: nested dissection goes ahead when its first
/// separator is small
/// (at most 2·m^(2/3) of the m vertices left after hubs and series nodes are set aside,
/// <see cref="NestedDissectionOrdering.TryOrder"/>), which holds for 2-D and 3-D meshes and
/// not for expander-like irregular graphs, where minimum degree is used instead. Between
/// <see cref="NestedDissectionMinimumSize"/> and <see cref="BothOrdersMaximumSize"/>, where
/// the two are close, both are computed and compared by the cost model of the dense-tail choice
/// (<see cref="DenseTailModel"/>) on their Cholesky column counts. Either way the
/// structure is read from the graph only, so a circuit built from array elements and the same
/// circuit read back from its SPICE deck get the same kind of order.
/// </remarks>
internal static class FillReducingOrdering
{
    /// <summary>Below this dimension only minimum degree is tried.</summary>
    public const int NestedDissectionMinimumSize = 5000;

    /// <summary>Up to this dimension, when nested dissection suits the graph, minimum degree is
    /// computed too and the cheaper by predicted cost is taken: near the crossover both orders
    /// are close and both cost milliseconds.</summary>
    public const int BothOrdersMaximumSize = 50000;

    /// <summary>Column order and the predicted below-diagonal column counts of its factor.</summary>
    public static int[] Order(int n, int[] columnStart, int[] rowIndex, OrderingMethod method, out int[] columnCounts)
    {
        if (method == OrderingMethod.MinimumDegree || (method == OrderingMethod.Automatic && n < NestedDissectionMinimumSize))
        {
            return MinimumDegreeOrdering.Order(n, columnStart, rowIndex, out columnCounts);
        }

        SymmetricGraph graph = SymmetricGraph.FromColumns(n, columnStart, rowIndex);
        int[] order = Order(graph, method, out int[]? counts);
        columnCounts = counts ?? SymbolicCholesky.ColumnCounts(graph, order);
        return order;
    }

    /// <summary>
    /// Column order of the graph of A + Aᵀ; <paramref name="columnCounts"/> are the factor's below-diagonal column
    /// counts when the choice needed them (minimum degree yields them as it goes), else null (nested dissection on a
    /// large graph: its caller computes them on its own postordered tree).
    /// </summary>
    public static int[] Order(SymmetricGraph graph, OrderingMethod method, out int[]? columnCounts)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.Size;
        if (method == OrderingMethod.MinimumDegree || (method == OrderingMethod.Automatic && n < NestedDissectionMinimumSize))
        {
            int[] order = MinimumDegreeOrdering.Order(graph, out int[] counts);
            columnCounts = counts;
            return order;
        }

        int[]? dissection = method == OrderingMethod.NestedDissection
            ? NestedDissectionOrdering.Order(graph)
            : NestedDissectionOrdering.TryOrder(graph);
        if (dissection is null)
        {
            int[] order = MinimumDegreeOrdering.Order(graph, out int[] counts);
            columnCounts = counts;
            return order;
        }

        columnCounts = null;
        if (method == OrderingMethod.Automatic && n <= BothOrdersMaximumSize)
        {
            int[] dissectionCounts = SymbolicCholesky.ColumnCounts(graph, dissection);
            int[] minimumDegree = MinimumDegreeOrdering.Order(graph, out int[] minimumDegreeCounts);
            DenseTailModel.Choose(dissectionCounts, out double dissectionCost);
            DenseTailModel.Choose(minimumDegreeCounts, out double minimumDegreeCost);
            if (minimumDegreeCost <= dissectionCost)
            {
                columnCounts = minimumDegreeCounts;
                return minimumDegree;
            }

            columnCounts = dissectionCounts;
        }

        return dissection;
    }
}
