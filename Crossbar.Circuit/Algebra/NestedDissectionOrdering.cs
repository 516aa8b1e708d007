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
/// neighbours, and the dissection runs on the graph with those edges. When at least 5% of the
/// remaining vertices are indistinguishable from another (same closed neighbourhood, as the
/// unknowns of one multi-terminal node group), the graph is compressed to one weighted vertex
/// per class (<see cref="GraphCompression"/>, Ashcraft 1995) and each class is expanded in place
/// in the order.</para>
/// <para>Each subgraph larger than <see cref="LeafSize"/> is bisected by a multilevel scheme
/// (heavy-edge matching down to a few dozen vertices, best of several greedy graph-growing
/// bisections there, Fiduccia–Mattheyses edge-cut refinement on every level back up); the cut
/// edges become a vertex separator through a minimum vertex cover of the bipartite cut graph
/// (König's theorem), which <see cref="SeparatorRefinement"/> then improves by moving
/// separator vertices. The two halves are ordered recursively before the separator; the leaves
/// are ordered by approximate minimum degree. Subgraphs above 15000 vertices take the smallest of
/// two separators found from different random matchings, above 150000 of four (the first
/// separators make the dense tail of the factor).</para>
/// <para>Every subgraph draws its matchings from generators seeded by its place in the order,
/// so the two halves of a large subgraph (and its separator tries) run concurrently and the
/// order is still the same on every run and with or without the parallel path.</para>
/// </remarks>
internal static class NestedDissectionOrdering
{
    /// <summary>Subgraphs up to this many vertices are ordered by minimum degree.</summary>
    public const int LeafSize = 200;

    /// <summary>Subgraphs above this many vertices take the smaller of two separators.</summary>
    private const int SecondTrySize = 15000;

    /// <summary>Subgraphs above this many vertices take the smallest of four separators.</summary>
    private const int FourTriesSize = 150000;

    /// <summary>Both halves (or the subgraph whose two separator tries run side by side) at least this large: ordered concurrently.</summary>
    internal const int ParallelMinimumSize = 10000;

    /// <summary>Compression is used when it removes at least this fraction of the vertices.</summary>
    private const double CompressionMinimumGain = 0.05;

    private static long SeparatorWeight(byte[] side, int[] vertexWeight)
    {
        long weight = 0;
        for (int i = 0; i < side.Length; i++)
        {
            weight += side[i] == 2 ? vertexWeight[i] : 0;
        }

        return weight;
    }

    /// <summary>Orders the graph of A + Aᵀ; order[k] = original index eliminated k-th.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="parallel">Whether the two halves of large subgraphs are ordered concurrently
    /// (the order is the same either way).</param>
    public static int[] Order(SymmetricGraph graph, bool parallel = true) =>
        Order(graph, parallel, int.MaxValue)!;

    /// <summary>
    /// Orders the graph as <see cref="Order(SymmetricGraph, bool)"/> when nested dissection suits
    /// it; null when the first separator of the reduced graph has more than 2·m^(2/3) vertices
    /// (m its size: worse than a 3-D mesh, where minimum degree does as well for less) or the
    /// graph does not split.
    /// </summary>
    public static int[]? TryOrder(SymmetricGraph graph, bool parallel = true) =>
        Order(graph, parallel, -1);

    /// <summary>Largest first separator with which <see cref="TryOrder"/> still dissects a reduced graph of m vertices.</summary>
    public static int SeparatorLimit(int m) => (int)(2 * Math.Pow(m, 2.0 / 3.0));

    private static int[]? Order(SymmetricGraph graph, bool parallel, int separatorLimit) =>
        Bisector.WithOwnPool(() => OrderWithPool(graph, parallel, separatorLimit));

    private static int[]? OrderWithPool(SymmetricGraph graph, bool parallel, int separatorLimit)
    {
        int n = graph.Size;
        int[] order = new int[n];
        if (n == 0)
        {
            return order;
        }

        int denseThreshold = DenseThreshold(n);
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
        int[] classOf = GraphCompression.Classes(reduced, out int classes);
        SymmetricGraph dissected = reduced;
        int[] memberStart = new int[classes + 1];
        int[] members = global;
        if (classes <= (1 - CompressionMinimumGain) * m)
        {
            dissected = GraphCompression.Compress(reduced, classOf, classes);
            members = new int[m];
            foreach (int c in classOf)
            {
                memberStart[c + 1]++;
            }

            for (int c = 0; c < classes; c++)
            {
                memberStart[c + 1] += memberStart[c];
            }

            int[] fill = memberStart[..classes];
            for (int v = 0; v < m; v++)
            {
                members[fill[classOf[v]]++] = global[v];
            }
        }
        else
        {
            for (int c = 0; c <= classes; c++)
            {
                memberStart[c] = c;
            }
        }

        var dissection = new Dissection(dissected, order, seriesCount, memberStart, members, parallel);
        if (!dissection.Run(separatorLimit < 0 ? SeparatorLimit(m) : separatorLimit))
        {
            return null;
        }

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

    /// <summary>Degree above which a vertex is set aside and ordered last: max(16, 10·√n), as in AMD.</summary>
    public static int DenseThreshold(int n) => (int)Math.Max(16, 10 * Math.Sqrt(n));

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
    /// <remarks>
    /// Each call orders its vertex set into a fixed slice of the order (first half, second
    /// half, separator), and draws its random matchings from a generator seeded by that slice,
    /// so the result does not depend on which thread runs which half: the two halves of large
    /// sets are ordered concurrently.
    /// </remarks>
    private sealed class Dissection
    {
        private readonly SymmetricGraph _graph;
        private readonly int[] _order;
        private readonly int[] _memberStart;
        private readonly int[] _members;
        private readonly int[] _local;
        private readonly int _first;
        private readonly bool _parallel;
        private readonly bool _weighted;

        /// <summary>Unit vertex and edge weights shared by every uncompressed subgraph (read only).</summary>
        private readonly int[] _ones;

        /// <param name="graph">Graph to dissect (compressed or not).</param>
        /// <param name="order">Order being written.</param>
        /// <param name="first">Position of the first vertex it orders.</param>
        /// <param name="memberStart">Members of vertex v: members[memberStart[v]..memberStart[v + 1]).</param>
        /// <param name="members">Original vertex indices, by class.</param>
        /// <param name="parallel">Whether large halves are ordered concurrently.</param>
        public Dissection(SymmetricGraph graph, int[] order, int first, int[] memberStart, int[] members, bool parallel)
        {
            _graph = graph;
            _order = order;
            _first = first;
            _memberStart = memberStart;
            _members = members;
            _local = new int[graph.Size];
            _parallel = parallel;
            _weighted = members.Length != graph.Size;
            _ones = _weighted ? [] : new int[Math.Max(graph.Size, graph.Adjacency.Length)];
            Array.Fill(_ones, 1);
        }

        private int Weight(int v) => _memberStart[v + 1] - _memberStart[v];

        private int Weight(int[] vertices)
        {
            int weight = 0;
            foreach (int v in vertices)
            {
                weight += Weight(v);
            }

            return weight;
        }

        private int Emit(int v, int next)
        {
            for (int p = _memberStart[v]; p < _memberStart[v + 1]; p++)
            {
                _order[next++] = _members[p];
            }

            return next;
        }

        /// <summary>Orders the whole graph; false (nothing written) when <paramref name="separatorLimit"/>
        /// is given and the first separator is larger, or the graph does not split.</summary>
        public bool Run(int separatorLimit)
        {
            int[] all = new int[_graph.Size];
            for (int v = 0; v < all.Length; v++)
            {
                all[v] = v;
            }

            Level sub = Induced(all);
            if (all.Length <= LeafSize)
            {
                EmitMinimumDegree(sub, all, _first);
                return true;
            }

            if (!Split(sub, all, _first, out int[] a, out int[] b, out int[] s))
            {
                if (separatorLimit < int.MaxValue)
                {
                    return false;
                }

                EmitMinimumDegree(sub, all, _first);
                return true;
            }

            if (Weight(s) > separatorLimit)
            {
                return false;
            }

            Continue(a, b, s, _first);
            return true;
        }

        private void Dissect(int[] vertices, int first)
        {
            if (vertices.Length == 0)
            {
                return;
            }

            Level sub = Induced(vertices);
            if (vertices.Length <= LeafSize || !Split(sub, vertices, first, out int[] a, out int[] b, out int[] s))
            {
                EmitMinimumDegree(sub, vertices, first);
                return;
            }

            Continue(a, b, s, first);
        }

        /// <summary>Orders both halves (concurrently when large), then the separator last.</summary>
        private void Continue(int[] a, int[] b, int[] s, int first)
        {
            int firstB = first + Weight(a);
            if (_parallel && Math.Min(a.Length, b.Length) >= ParallelMinimumSize)
            {
                Parallel.Invoke(() => Dissect(a, first), () => Dissect(b, firstB));
            }
            else
            {
                Dissect(a, first);
                Dissect(b, firstB);
            }

            int next = firstB + Weight(b);
            foreach (int v in s)
            {
                next = Emit(v, next);
            }
        }

        /// <summary>Vertex separator of the set (halves and separator as vertex lists); false when one half is empty.</summary>
        private bool Split(Level sub, int[] vertices, int first, out int[] a, out int[] b, out int[] s)
        {
            int seed = unchecked((first * 1_000_003) + (vertices.Length * 7919) + 12345);
            int tries = vertices.Length > FourTriesSize ? 4 : vertices.Length > SecondTrySize ? 2 : 1;
            var randoms = new Random[tries];
            for (int t = 0; t < tries; t++)
            {
                randoms[t] = new Random(seed + t);
            }

            byte[][] sides = Bisector.Separate(sub, randoms, _parallel && vertices.Length >= ParallelMinimumSize);

            // The first of the smallest separators: the same choice whichever try finished first.
            byte[] side = sides[0];
            long best = SeparatorWeight(side, sub.VertexWeight);
            for (int t = 1; t < tries; t++)
            {
                long weight = SeparatorWeight(sides[t], sub.VertexWeight);
                if (weight < best)
                {
                    best = weight;
                    side = sides[t];
                }
            }

            int countA = 0;
            int countB = 0;
            foreach (byte x in side)
            {
                countA += x == 0 ? 1 : 0;
                countB += x == 1 ? 1 : 0;
            }

            if (countA == 0 || countB == 0)
            {
                a = b = s = [];
                return false;
            }

            a = new int[countA];
            b = new int[countB];
            s = new int[vertices.Length - countA - countB];
            countA = countB = 0;
            int countS = 0;
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
                        s[countS++] = vertices[i];
                        break;
                }
            }

            return true;
        }

        private void EmitMinimumDegree(Level sub, int[] vertices, int first)
        {
            int[] local = MinimumDegreeOrdering.Order(sub.Size, sub.Start, sub.Adjacency, out _);
            int next = first;
            foreach (int i in local)
            {
                next = Emit(vertices[i], next);
            }
        }

        /// <summary>The subgraph induced by a vertex set (local numbering = position in the set).</summary>
        /// <remarks>Concurrent calls share the index map: each writes only the entries of its own
        /// vertices and validates every entry it reads against its own list.</remarks>
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

            if (!_weighted)
            {
                return Level.Weighted(m, subStart, subAdj, _ones, _ones);
            }

            int[] vertexWeight = new int[m];
            int[] edgeWeight = new int[pos];
            for (int i = 0; i < m; i++)
            {
                vertexWeight[i] = Weight(vertices[i]);
            }

            for (int i = 0; i < m; i++)
            {
                for (int p = subStart[i]; p < subStart[i + 1]; p++)
                {
                    edgeWeight[p] = vertexWeight[i] * vertexWeight[subAdj[p]];
                }
            }

            return Level.Weighted(m, subStart, subAdj, edgeWeight, vertexWeight);
        }
    }
}
