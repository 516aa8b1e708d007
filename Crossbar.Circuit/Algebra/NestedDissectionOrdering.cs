using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Nested dissection ordering of a symmetric pattern (usually that of A + Aᵀ).
/// </summary>
/// <remarks>
/// A. George, "Nested dissection of a regular finite element mesh", SIAM J. Numer. Anal. 10(2),
/// 1973; separators as in G. Karypis, V. Kumar, "A fast and high quality multilevel scheme for
/// partitioning irregular graphs", SIAM J. Sci. Comput. 20(1), 1998.
/// <para>Before the dissection, vertices of very high degree (more than max(16, 10·√n)
/// neighbours: supply or word-line nodes) are set aside and ordered last, and an independent
/// set of vertices with at most two neighbours and a stored diagonal (series nodes such as a
/// cell's node between its resistor and its transistor; not a voltage source's branch current,
/// whose column would need an off-diagonal pivot) is ordered first; eliminating one of them joins its two
/// neighbours, and the dissection runs on the graph with those edges.</para>
/// <para>Each subgraph larger than <see cref="LeafSize"/> is bisected by a multilevel scheme
/// (heavy-edge matching down to a few dozen vertices, best of several greedy graph-growing
/// bisections there, Fiduccia–Mattheyses edge-cut refinement on every level back up); the cut
/// edges become a vertex separator through a minimum vertex cover of the bipartite cut graph
/// (König's theorem). The two halves are ordered recursively before the separator; the leaves
/// are ordered by approximate minimum degree. Subgraphs above 5000 vertices take the smaller of two
/// separators found from different random matchings.</para>
/// </remarks>
internal static class NestedDissectionOrdering
{
    /// <summary>Subgraphs up to this many vertices are ordered by minimum degree.</summary>
    public const int LeafSize = 64;

    /// <summary>Subgraphs above this many vertices take the smaller of two separators.</summary>
    private const int SecondTrySize = 5000;

    private static int SeparatorSize(byte[] side)
    {
        int count = 0;
        foreach (byte s in side)
        {
            count += s == 2 ? 1 : 0;
        }

        return count;
    }

    /// <summary>Orders the graph of A + Aᵀ; order[k] = original index eliminated k-th.</summary>
    public static int[] Order(SymmetricGraph graph)
    {
        int n = graph.Size;
        int[] order = new int[n];
        if (n == 0)
        {
            return order;
        }

        int denseThreshold = (int)Math.Max(16, 10 * Math.Sqrt(n));
        // role: 0 = dissected, 1 = series (first), 2 = dense (last)
        byte[] role = new byte[n];
        int denseCount = 0;
        for (int v = 0; v < n; v++)
        {
            if (graph.Degree(v) > denseThreshold)
            {
                role[v] = 2;
                denseCount++;
            }
        }

        int head = 0;
        SelectSeries(graph, role, ref head, order);
        int seriesCount = head;

        int[] local = new int[n];
        int[] global = new int[n - seriesCount - denseCount];
        int m = 0;
        for (int v = 0; v < n; v++)
        {
            if (role[v] == 0)
            {
                local[v] = m;
                global[m++] = v;
            }
        }

        SymmetricGraph reduced = ReducedGraph(graph, role, local, global);
        var dissection = new Dissection(reduced, order, seriesCount, global);
        dissection.Run();

        int tail = n - denseCount;
        for (int v = 0; v < n; v++)
        {
            if (role[v] == 2)
            {
                order[tail++] = v;
            }
        }

        return order;
    }

    /// <summary>Greedy independent set of vertices with at most two (non-dense) neighbours.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SelectSeries(SymmetricGraph graph, byte[] role, ref int head, int[] order)
    {
        int n = graph.Size;
        bool[] blocked = new bool[n];
        for (int pass = 1; pass <= 2; pass++)
        {
            for (int v = 0; v < n; v++)
            {
                if (role[v] != 0 || blocked[v] || graph.HasDiagonal?[v] == false)
                {
                    continue;
                }

                int degree = 0;
                for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
                {
                    if (role[graph.Adjacency[p]] != 2)
                    {
                        degree++;
                    }
                }

                if (degree > pass)
                {
                    continue;
                }

                role[v] = 1;
                order[head++] = v;
                for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
                {
                    blocked[graph.Adjacency[p]] = true;
                }
            }
        }
    }

    /// <summary>Graph of the dissected vertices, with the neighbours of each series vertex joined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SymmetricGraph ReducedGraph(SymmetricGraph graph, byte[] role, int[] local, int[] global)
    {
        int m = global.Length;
        int[] count = new int[m];
        int[] pair = new int[2];
        for (int v = 0; v < graph.Size; v++)
        {
            if (role[v] == 0)
            {
                for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
                {
                    if (role[graph.Adjacency[p]] == 0)
                    {
                        count[local[v]]++;
                    }
                }
            }
            else if (role[v] == 1 && SeriesNeighbours(graph, role, v, pair))
            {
                count[local[pair[0]]]++;
                count[local[pair[1]]]++;
            }
        }

        int[] start = new int[m + 1];
        for (int i = 0; i < m; i++)
        {
            start[i + 1] = start[i] + count[i];
        }

        int[] raw = new int[start[m]];
        int[] fill = new int[m];
        Array.Copy(start, fill, m);
        for (int v = 0; v < graph.Size; v++)
        {
            if (role[v] == 0)
            {
                int lv = local[v];
                for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
                {
                    int u = graph.Adjacency[p];
                    if (role[u] == 0)
                    {
                        raw[fill[lv]++] = local[u];
                    }
                }
            }
            else if (role[v] == 1 && SeriesNeighbours(graph, role, v, pair))
            {
                int a = local[pair[0]];
                int b = local[pair[1]];
                raw[fill[a]++] = b;
                raw[fill[b]++] = a;
            }
        }

        return SymmetricGraph.Deduplicate(m, start, raw, fill);
    }

    private static bool SeriesNeighbours(SymmetricGraph graph, byte[] role, int v, int[] pair)
    {
        int found = 0;
        for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
        {
            int u = graph.Adjacency[p];
            if (role[u] == 0)
            {
                pair[found++] = u;
            }
        }

        return found == 2;
    }

    /// <summary>Recursive bisection of the reduced graph, writing the order from a given position.</summary>
    private sealed class Dissection
    {
        private readonly SymmetricGraph _graph;
        private readonly int[] _order;
        private readonly int[] _global;
        private readonly int[] _local;
        private readonly Random _random = new(12345);
        private int _next;

        public Dissection(SymmetricGraph graph, int[] order, int first, int[] global)
        {
            _graph = graph;
            _order = order;
            _next = first;
            _global = global;
            _local = new int[graph.Size];
        }

        public void Run()
        {
            int[] all = new int[_graph.Size];
            for (int v = 0; v < all.Length; v++)
            {
                all[v] = v;
            }

            Dissect(all);
        }

        private void Dissect(int[] vertices)
        {
            if (vertices.Length == 0)
            {
                return;
            }

            Level sub = Induced(vertices);
            if (vertices.Length <= LeafSize)
            {
                EmitMinimumDegree(sub, vertices);
                return;
            }

            byte[] side = Bisector.Separate(sub, _random);
            if (vertices.Length > SecondTrySize)
            {
                byte[] other = Bisector.Separate(sub, _random);
                if (SeparatorSize(other) < SeparatorSize(side))
                {
                    side = other;
                }
            }
            int countA = 0;
            int countB = 0;
            int countS = 0;
            foreach (byte s in side)
            {
                if (s == 0)
                {
                    countA++;
                }
                else if (s == 1)
                {
                    countB++;
                }
                else
                {
                    countS++;
                }
            }

            if (countA == 0 || countB == 0)
            {
                EmitMinimumDegree(sub, vertices);
                return;
            }

            int[] a = new int[countA];
            int[] b = new int[countB];
            int[] s2 = new int[countS];
            countA = countB = countS = 0;
            for (int i = 0; i < vertices.Length; i++)
            {
                switch (side[i])
                {
                    case 0:
                        a[countA++] = vertices[i];
                        break;
                    case 1:
                        b[countB++] = vertices[i];
                        break;
                    default:
                        s2[countS++] = vertices[i];
                        break;
                }
            }

            Dissect(a);
            Dissect(b);
            foreach (int v in s2)
            {
                _order[_next++] = _global[v];
            }
        }

        private void EmitMinimumDegree(Level sub, int[] vertices)
        {
            int[] local = MinimumDegreeOrdering.Order(sub.Size, sub.Start, sub.Adjacency, out _);
            foreach (int i in local)
            {
                _order[_next++] = _global[vertices[i]];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Level Induced(int[] vertices)
        {
            int[] local = _local;
            int m = vertices.Length;
            int[] start = _graph.Start;
            int[] adj = _graph.Adjacency;
            int total = 0;
            foreach (int v in vertices)
            {
                total += start[v + 1] - start[v];
            }

            for (int i = 0; i < m; i++)
            {
                local[vertices[i]] = i;
            }

            int[] subStart = new int[m + 1];
            int[] subAdj = new int[total];
            int pos = 0;
            for (int i = 0; i < m; i++)
            {
                int v = vertices[i];
                for (int p = start[v]; p < start[v + 1]; p++)
                {
                    int u = adj[p];
                    int lu = local[u];
                    if (lu < m && vertices[lu] == u)
                    {
                        subAdj[pos++] = lu;
                    }
                }

                subStart[i + 1] = pos;
            }

            Array.Resize(ref subAdj, pos);
            return Level.Unweighted(m, subStart, subAdj);
        }
    }
}

