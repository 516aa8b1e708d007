using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Column counts of the Cholesky factor of a symmetrically permuted graph, from its elimination
/// tree: the prediction used to compare fill-reducing orders.
/// </summary>
/// <remarks>
/// J. W. H. Liu, "The role of elimination trees in sparse factorization", SIAM J. Matrix Anal.
/// Appl. 11(1), 1990. Row k of L is the union of the tree paths from each neighbour j &lt; k of
/// k up to k (the row subtree), so walking those paths with a mark per row visits every nonzero
/// of L once: the cost is O(|L|).
/// </remarks>
internal static class SymbolicCholesky
{
    /// <summary>
    /// Below-diagonal nonzero count of each column of L for the order (counts[k] for the vertex
    /// eliminated k-th).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] ColumnCounts(SymmetricGraph graph, int[] order)
    {
        int n = graph.Size;
        int[] position = new int[n];
        for (int k = 0; k < n; k++)
        {
            position[order[k]] = k;
        }

        int[] parent = EliminationTree(graph, order, position);
        int[] counts = new int[n];
        int[] mark = new int[n];
        Array.Fill(mark, -1);
        int[] start = graph.Start;
        int[] adj = graph.Adjacency;
        for (int k = 0; k < n; k++)
        {
            mark[k] = k;
            int v = order[k];
            for (int p = start[v]; p < start[v + 1]; p++)
            {
                int i = position[adj[p]];
                while (i < k && mark[i] != k)
                {
                    counts[i]++;
                    mark[i] = k;
                    i = parent[i];
                }
            }
        }

        return counts;
    }

    /// <summary>Parent of each position in the elimination tree (-1 for roots).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] EliminationTree(SymmetricGraph graph, int[] order, int[] position)
    {
        int n = graph.Size;
        int[] parent = new int[n];
        int[] ancestor = new int[n];
        int[] start = graph.Start;
        int[] adj = graph.Adjacency;
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            int v = order[k];
            for (int p = start[v]; p < start[v + 1]; p++)
            {
                int i = position[adj[p]];
                while (i >= 0 && i < k)
                {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next < 0)
                    {
                        parent[i] = k;
                    }

                    i = next;
                }
            }
        }

        return parent;
    }
}
