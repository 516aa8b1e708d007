namespace Crossbar.Circuit.Algebra;

/// <summary>Which fill-reducing column order the sparse LU uses.</summary>
internal enum OrderingMethod
{
    /// <summary>Minimum degree for small matrices; for larger ones the cheaper of minimum degree and nested dissection by predicted cost.</summary>
    Automatic,

    /// <summary>Approximate minimum degree only.</summary>
    MinimumDegree,

    /// <summary>Nested dissection only.</summary>
    NestedDissection,
}

/// <summary>
/// Fill-reducing order of A + Aᵀ for the sparse LU: approximate minimum degree, nested
/// dissection, or whichever of the two predicts the cheaper factorisation.
/// </summary>
/// <remarks>
/// Minimum degree is cheap to compute and wins on small and irregular circuits; on large
/// mesh-like circuits (crossbar arrays with wire resistance) nested dissection keeps the fill
/// of L + U close to O(n log n). The prediction is the cost model of the dense-tail choice
/// (<see cref="DenseTailModel"/>) evaluated on the Cholesky column counts of each order.
/// </remarks>
internal static class FillReducingOrdering
{
    /// <summary>Below this dimension only minimum degree is tried.</summary>
    public const int NestedDissectionMinimumSize = 5000;

    /// <summary>Column order and the predicted below-diagonal column counts of its factor.</summary>
    public static int[] Order(int n, int[] columnStart, int[] rowIndex, OrderingMethod method, out int[] columnCounts)
    {
        if (method == OrderingMethod.MinimumDegree || (method == OrderingMethod.Automatic && n < NestedDissectionMinimumSize))
        {
            return MinimumDegreeOrdering.Order(n, columnStart, rowIndex, out columnCounts);
        }

        SymmetricGraph graph = SymmetricGraph.FromColumns(n, columnStart, rowIndex);
        int[] dissection = NestedDissectionOrdering.Order(graph);
        int[] dissectionCounts = SymbolicCholesky.ColumnCounts(graph, dissection);
        if (method == OrderingMethod.NestedDissection)
        {
            columnCounts = dissectionCounts;
            return dissection;
        }

        int[] minimumDegree = MinimumDegreeOrdering.Order(graph, out int[] minimumDegreeCounts);
        DenseTailModel.Choose(dissectionCounts, out double dissectionCost);
        DenseTailModel.Choose(minimumDegreeCounts, out double minimumDegreeCost);
        if (dissectionCost < minimumDegreeCost)
        {
            columnCounts = dissectionCounts;
            return dissection;
        }

        columnCounts = minimumDegreeCounts;
        return minimumDegree;
    }
}
