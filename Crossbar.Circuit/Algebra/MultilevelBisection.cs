using System.Buffers;
using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>A graph with vertex and edge weights, one level of a multilevel hierarchy.</summary>
internal sealed class Level
{
    private Level(int size, int[] start, int[] adjacency, int[] edgeWeight, int[] vertexWeight)
    {
        Size = size;
        Start = start;
        Adjacency = adjacency;
        EdgeWeight = edgeWeight;
        VertexWeight = vertexWeight;
    }

    public int Size { get; }

    public int[] Start { get; }

    public int[] Adjacency { get; }

    public int[] EdgeWeight { get; }

    public int[] VertexWeight { get; }

    public static Level Unweighted(int size, int[] start, int[] adjacency)
    {
        int[] ew = new int[adjacency.Length];
        Array.Fill(ew, 1);
        int[] vw = new int[size];
        Array.Fill(vw, 1);
        return new Level(size, start, adjacency, ew, vw);
    }

    public static Level Weighted(int size, int[] start, int[] adjacency, int[] edgeWeight, int[] vertexWeight) =>
        new(size, start, adjacency, edgeWeight, vertexWeight);
}

/// <summary>
/// Vertex separator of a graph by multilevel edge bisection (heavy-edge matching, greedy graph
/// growing, Fiduccia–Mattheyses refinement) and a minimum vertex cover of the cut edges.
/// </summary>
/// <remarks>
/// C. M. Fiduccia, R. M. Mattheyses, "A linear-time heuristic for improving network
/// partitions", 19th Design Automation Conference, 1982; B. Hendrickson, R. Leland, "A
/// multilevel algorithm for partitioning graphs", Supercomputing 1995.
/// </remarks>
internal static class Bisector
{
    private const int CoarsestSize = 60;
    private const int InitialTries = 4;
    private const int SmallGraphTries = 2;
    private const int SmallGraphSize = 2000;
    private const int RefinementPasses = 4;
    private const double Imbalance = 0.1;

    /// <summary>Side of each vertex: 0 or 1 for the two halves, 2 for the separator.</summary>
    /// <remarks>Reads <paramref name="graph"/> only, so concurrent calls on one graph (with their own generators) are safe.</remarks>
    public static byte[] Separate(Level graph, Random random) => Separate(graph, [random], parallel: false)[0];

    /// <summary>
    /// One separator per generator (sides as in <see cref="Separate(Level, Random)"/>), all from one coarsening
    /// hierarchy: the matching visits vertices in their own order, so the levels do not depend on the generator,
    /// which only picks the starts of the initial bisections; each try then refines its own partition back up
    /// the shared levels (concurrently when <paramref name="parallel"/>). The result is the same as separate calls
    /// with the same generators, for one coarsening instead of one per try (coarsening is half of a try's work).
    /// </summary>
    /// <remarks>The coarse levels and all work arrays are rented from the ordering's pool (<see cref="WithOwnPool{T}"/>)
    /// and returned before the call ends: the recursion of nested dissection bisects thousands
    /// of subgraphs, and fresh arrays of that size would live on the large-object heap and set
    /// off full garbage collections of the (large) heap of the circuit being ordered.</remarks>
    public static byte[][] Separate(Level graph, Random[] randoms, bool parallel)
    {
        var levels = new List<Level> { graph };
        var maps = new List<int[]>();
        while (levels[^1].Size > CoarsestSize)
        {
            Level fine = levels[^1];
            Level coarse = Coarsen(fine, out int[] map);
            if (coarse.Size > 0.9 * fine.Size)
            {
                ReturnLevel(coarse);
                Pool.Return(map);
                break;
            }

            levels.Add(coarse);
            maps.Add(map);
        }

        // Each vertex's total edge weight, once per level for every try: a vertex whose coarse vertex had no
        // neighbour across the cut has none either, and its internal degree is this sum (Uncoarsen).
        var weightSums = new List<int[]>();
        for (int l = 0; l < levels.Count - 1; l++)
        {
            weightSums.Add(EdgeWeightSums(levels[l]));
        }

        byte[][] sides = new byte[randoms.Length][];
        if (parallel && randoms.Length > 1)
        {
            Parallel.For(0, randoms.Length, t => sides[t] = Uncoarsen(levels, maps, weightSums, randoms[t]));
        }
        else
        {
            for (int t = 0; t < randoms.Length; t++)
            {
                sides[t] = Uncoarsen(levels, maps, weightSums, randoms[t]);
            }
        }

        foreach (int[] sums in weightSums)
        {
            Pool.Return(sums);
        }

        for (int l = 1; l < levels.Count; l++)
        {
            ReturnLevel(levels[l]);
        }

        foreach (int[] map in maps)
        {
            Pool.Return(map);
        }

        return sides;
    }

    /// <summary>Initial bisection of the coarsest level, refined on every finer level, then turned into a vertex separator.</summary>
    /// <remarks>Reads the levels, maps and weight sums only (tries on one hierarchy may run concurrently). The internal
    /// and external degrees of a projected partition are scanned only for the vertices of coarse vertices on the cut:
    /// every other vertex has all its neighbours on its own side (they belong to its coarse vertex or to that one's
    /// neighbours), so its internal degree is its total edge weight. Scanning every edge of every level for every try
    /// was most of the refinement's time.</remarks>
    private static byte[] Uncoarsen(List<Level> levels, List<int[]> maps, List<int[]> weightSums, Random random)
    {
        Level graph = levels[0];
        Level coarsest = levels[^1];
        int[] part = InitialBisection(coarsest, random, graph.Size);
        int[] internalDegree = Pool.Rent(coarsest.Size);
        int[] externalDegree = Pool.Rent(coarsest.Size);
        Degrees(coarsest, part, internalDegree, externalDegree, null, null);
        bool rented = false;
        for (int l = levels.Count - 2; l >= 0; l--)
        {
            Level fine = levels[l];
            int[] finePart = Pool.Rent(fine.Size);
            int[] map = maps[l];
            for (int v = 0; v < fine.Size; v++)
            {
                finePart[v] = part[map[v]];
            }

            int[] fineInternal = Pool.Rent(fine.Size);
            int[] fineExternal = Pool.Rent(fine.Size);
            Degrees(fine, finePart, fineInternal, fineExternal, map, externalDegree, weightSums[l]);
            if (rented)
            {
                Pool.Return(part);
            }

            Pool.Return(internalDegree);
            Pool.Return(externalDegree);
            part = finePart;
            internalDegree = fineInternal;
            externalDegree = fineExternal;
            rented = true;
            Refine(fine, part, internalDegree, externalDegree);
        }

        Pool.Return(internalDegree);
        Pool.Return(externalDegree);
        byte[] side = Separator(graph, part);
        if (rented)
        {
            Pool.Return(part);
        }

        SeparatorRefinement.Refine(graph, side);
        return side;
    }

    /// <summary>Total edge weight of each vertex (rented from the pool).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] EdgeWeightSums(Level g)
    {
        int[] gStart = g.Start;
        int[] gEw = g.EdgeWeight;
        int[] sums = Pool.Rent(g.Size);
        for (int v = 0; v < g.Size; v++)
        {
            int sum = 0;
            for (int p = gStart[v]; p < gStart[v + 1]; p++)
            {
                sum += gEw[p];
            }

            sums[v] = sum;
        }

        return sums;
    }

    /// <summary>
    /// Edge weight from each vertex to its own side (internal) and to the other (external). With a coarse map, the
    /// coarse level's external degrees and this level's weight sums, only vertices whose coarse vertex was on the cut
    /// are scanned; without them, all are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Degrees(Level g, int[] part, int[] internalDegree, int[] externalDegree, int[]? map, int[]? coarseExternal, int[]? weightSums = null)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int[] gEw = g.EdgeWeight;
        for (int v = 0; v < g.Size; v++)
        {
            if (map is not null && coarseExternal![map[v]] == 0)
            {
                internalDegree[v] = weightSums![v];
                externalDegree[v] = 0;
                continue;
            }

            int own = part[v];
            int inside = 0;
            int outside = 0;
            for (int p = gStart[v]; p < gStart[v + 1]; p++)
            {
                if (part[gAdj[p]] == own)
                {
                    inside += gEw[p];
                }
                else
                {
                    outside += gEw[p];
                }
            }

            internalDegree[v] = inside;
            externalDegree[v] = outside;
        }
    }

    /// <summary>The pool of the ordering running on this logical thread (it flows into the parallel halves).</summary>
    private static readonly AsyncLocal<ArrayPool<int>?> OrderingPool = new();

    private static ArrayPool<int> Pool => OrderingPool.Value ?? ArrayPool<int>.Shared;

    /// <summary>
    /// Gives the work arrays of one nested dissection their own pool for the duration of <paramref name="ordering"/>,
    /// dropped when it returns. <see cref="ArrayPool{T}.Shared"/> keeps what it is given back (arrays of up to 2³⁰
    /// entries, several per size and core) for the life of the process: the top levels of a 1024×1024 array's graph
    /// left 3.4 GB of adjacency arrays there, a third of the operating point's peak memory. Allocating the large
    /// arrays afresh instead let garbage pile up to 7.6 GB during the ordering; a pool of its own reuses them and
    /// then goes with them.
    /// </summary>
    public static T WithOwnPool<T>(Func<T> ordering)
    {
        ArgumentNullException.ThrowIfNull(ordering);
        ArrayPool<int>? outer = OrderingPool.Value;
        OrderingPool.Value = ArrayPool<int>.Create(1 << 30, 8);
        try
        {
            return ordering();
        }
        finally
        {
            OrderingPool.Value = outer;
        }
    }

    /// <summary>Rents an array of at least <paramref name="length"/> entries, the first <paramref name="length"/> set to <paramref name="value"/>.</summary>
    private static int[] Rent(int length, int value)
    {
        int[] array = Pool.Rent(length);
        Array.Fill(array, value, 0, length);
        return array;
    }

    private static void ReturnLevel(Level level)
    {
        Pool.Return(level.Start);
        Pool.Return(level.Adjacency);
        Pool.Return(level.EdgeWeight);
        Pool.Return(level.VertexWeight);
    }

    /// <summary>Heavy-edge matching in vertex order; matched pairs become one coarse vertex.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Level Coarsen(Level g, out int[] cmap)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int[] gEw = g.EdgeWeight;
        int[] gVw = g.VertexWeight;
        int n = g.Size;
        // Vertices are visited in their own order, not shuffled: on a million-vertex grid a random visiting order
        // makes every visit a cache miss (coarsening took most of the ordering time), while the numbering of
        // circuits and of coarse levels (fine order, below) keeps neighbours close; the matching is no worse
        // (512×512 1T1R INV: ordering 11.8 → 6.7 s, L+U 107M → 102M).
        int[] match = Rent(n, -1);
        cmap = Pool.Rent(n);
        int[] first = Pool.Rent(n);
        int[] second = Pool.Rent(n);
        int nc = 0;
        int totalWeight = 0;
        for (int i = 0; i < g.Size; i++)
        {
            int w = gVw[i];
            totalWeight += w;
        }

        int maxWeight = Math.Max(2, (int)(1.5 * totalWeight / CoarsestSize));
        for (int t = 0; t < n; t++)
        {
            int v = t;
            if (match[v] >= 0)
            {
                continue;
            }

            int best = -1;
            int bestWeight = -1;
            for (int p = gStart[v]; p < gStart[v + 1]; p++)
            {
                int u = gAdj[p];
                if (match[u] < 0 && gEw[p] > bestWeight && gVw[u] + gVw[v] <= maxWeight)
                {
                    best = u;
                    bestWeight = gEw[p];
                }
            }

            if (best >= 0)
            {
                match[v] = best;
                match[best] = v;
            }
            else
            {
                match[v] = v;
            }
        }

        // Coarse vertices numbered in fine order: neighbours stay close in memory on every level.
        Array.Fill(cmap, -1, 0, n);
        for (int v = 0; v < n; v++)
        {
            if (cmap[v] >= 0)
            {
                continue;
            }

            int u = match[v];
            first[nc] = v;
            second[nc] = u == v ? -1 : u;
            cmap[v] = nc;
            cmap[u] = nc;
            nc++;
        }

        int edges = gStart[n];
        int[] cStart = Rent(nc + 1, 0);
        int[] cAdj = Pool.Rent(Math.Max(1, edges));
        int[] cEw = Pool.Rent(Math.Max(1, edges));
        int[] cVw = Rent(nc, 0);
        int[] slot = Rent(nc, -1);
        int pos = 0;
        for (int c = 0; c < nc; c++)
        {
            int begin = pos;
            for (int t = 0; t < 2; t++)
            {
                int v = t == 0 ? first[c] : second[c];
                if (v < 0)
                {
                    continue;
                }

                cVw[c] += gVw[v];
                for (int p = gStart[v]; p < gStart[v + 1]; p++)
                {
                    int cu = cmap[gAdj[p]];
                    if (cu == c)
                    {
                        continue;
                    }

                    int s = slot[cu];
                    if (s >= begin)
                    {
                        cEw[s] += gEw[p];
                    }
                    else
                    {
                        slot[cu] = pos;
                        cAdj[pos] = cu;
                        cEw[pos++] = gEw[p];
                    }
                }
            }

            cStart[c + 1] = pos;
        }

        Pool.Return(match);
        Pool.Return(first);
        Pool.Return(second);
        Pool.Return(slot);
        return Level.Weighted(nc, cStart, cAdj, cEw, cVw);
    }

    /// <summary>Best of several breadth-first graph-growing bisections, each refined (fewer tries
    /// when the graph being bisected, <paramref name="fineSize"/> vertices, is small).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] InitialBisection(Level g, Random random, int fineSize)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int[] gVw = g.VertexWeight;
        int n = g.Size;
        long total = 0;
        for (int i = 0; i < g.Size; i++)
        {
            int w = gVw[i];
            total += w;
        }

        int[] best = new int[n];
        long bestCut = long.MaxValue;
        long bestBalance = long.MaxValue;
        int[] part = new int[n];
        int[] queue = new int[n];
        bool[] seen = new bool[n];
        int tries = fineSize > SmallGraphSize ? InitialTries : SmallGraphTries;
        for (int t = 0; t < tries; t++)
        {
            Array.Fill(part, 1);
            Array.Clear(seen);
            long weight0 = 0;
            int qh = 0;
            int qt = 0;
            int scan = random.Next(n);
            int scanned = 0;
            while (weight0 * 2 < total)
            {
                if (qh == qt)
                {
                    while (scanned < n && seen[scan])
                    {
                        scan = (scan + 1) % n;
                        scanned++;
                    }

                    if (scanned >= n)
                    {
                        break;
                    }

                    seen[scan] = true;
                    queue[qt++] = scan;
                }

                int v = queue[qh++];
                part[v] = 0;
                weight0 += gVw[v];
                for (int p = gStart[v]; p < gStart[v + 1]; p++)
                {
                    int u = gAdj[p];
                    if (!seen[u])
                    {
                        seen[u] = true;
                        queue[qt++] = u;
                    }
                }
            }

            int[] internalDegree = Pool.Rent(n);
            int[] externalDegree = Pool.Rent(n);
            Degrees(g, part, internalDegree, externalDegree, null, null);
            Refine(g, part, internalDegree, externalDegree);
            Pool.Return(internalDegree);
            Pool.Return(externalDegree);
            long cut = Cut(g, part, out long balance);
            if (cut < bestCut || (cut == bestCut && balance < bestBalance))
            {
                bestCut = cut;
                bestBalance = balance;
                Array.Copy(part, best, n);
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Cut(Level g, int[] part, out long balance)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int[] gEw = g.EdgeWeight;
        int[] gVw = g.VertexWeight;
        long cut = 0;
        long w0 = 0;
        long w1 = 0;
        for (int v = 0; v < g.Size; v++)
        {
            if (part[v] == 0)
            {
                w0 += gVw[v];
            }
            else
            {
                w1 += gVw[v];
            }

            for (int p = gStart[v]; p < gStart[v + 1]; p++)
            {
                if (part[gAdj[p]] != part[v])
                {
                    cut += gEw[p];
                }
            }
        }

        balance = Math.Abs(w0 - w1);
        return cut / 2;
    }

    /// <summary>Fiduccia–Mattheyses passes with rollback to the best cut seen.</summary>
    /// <param name="g">The level.</param>
    /// <param name="part">Side of each vertex, improved in place.</param>
    /// <param name="internalDegree">Edge weight to the own side per vertex, kept up to date with <paramref name="part"/>.</param>
    /// <param name="externalDegree">Edge weight to the other side per vertex, kept up to date with <paramref name="part"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Refine(Level g, int[] part, int[] internalDegree, int[] externalDegree)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int[] gEw = g.EdgeWeight;
        int[] gVw = g.VertexWeight;
        int n = g.Size;
        long total = 0;
        int maxVertex = 0;
        for (int i = 0; i < g.Size; i++)
        {
            int w = gVw[i];
            total += w;
            maxVertex = Math.Max(maxVertex, w);
        }

        long maxPart = Math.Max((long)((1 + Imbalance) * total / 2), (total / 2) + maxVertex);
        long[] pw = new long[2];
        for (int v = 0; v < n; v++)
        {
            pw[part[v]] += gVw[v];
        }

        int[] locked = Rent(n, 0);
        var heap = new PriorityQueue<int, int>();
        var moves = new List<int>();
        int limit = Math.Clamp(n / 20, 25, 300);
        for (int pass = 1; pass <= RefinementPasses; pass++)
        {
            heap.Clear();
            moves.Clear();
            for (int v = 0; v < n; v++)
            {
                if (externalDegree[v] > 0)
                {
                    heap.Enqueue(v, internalDegree[v] - externalDegree[v]);
                }
            }

            long cut = 0;
            long bestCut = 0;
            long bestBalance = Math.Abs(pw[0] - pw[1]);
            bool overweight = pw[0] > maxPart || pw[1] > maxPart;
            int bestIndex = 0;
            int idle = 0;
            while (heap.TryDequeue(out int v, out int key))
            {
                if (locked[v] == pass || key != internalDegree[v] - externalDegree[v])
                {
                    continue;
                }

                int from = part[v];
                int to = 1 - from;
                if (pw[to] + gVw[v] > maxPart && !(overweight && pw[from] > pw[to]))
                {
                    continue;
                }

                cut += key;
                Move(g, part, pw, internalDegree, externalDegree, v);
                locked[v] = pass;
                moves.Add(v);
                for (int p = gStart[v]; p < gStart[v + 1]; p++)
                {
                    int u = gAdj[p];
                    if (locked[u] != pass && externalDegree[u] > 0)
                    {
                        heap.Enqueue(u, internalDegree[u] - externalDegree[u]);
                    }
                }

                long balance = Math.Abs(pw[0] - pw[1]);
                bool fits = pw[0] <= maxPart && pw[1] <= maxPart;
                if ((fits && overweight) || cut < bestCut || (cut == bestCut && balance < bestBalance))
                {
                    overweight = !fits;
                    bestCut = cut;
                    bestBalance = balance;
                    bestIndex = moves.Count;
                    idle = 0;
                }
                else if (++idle > limit)
                {
                    break;
                }
            }

            for (int t = moves.Count - 1; t >= bestIndex; t--)
            {
                Move(g, part, pw, internalDegree, externalDegree, moves[t]);
            }

            if (bestIndex == 0)
            {
                break;
            }
        }

        Pool.Return(locked);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Move(Level g, int[] part, long[] pw, int[] internalDegree, int[] externalDegree, int v)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int[] gEw = g.EdgeWeight;
        int[] gVw = g.VertexWeight;
        int from = part[v];
        int to = 1 - from;
        part[v] = to;
        pw[from] -= gVw[v];
        pw[to] += gVw[v];
        (internalDegree[v], externalDegree[v]) = (externalDegree[v], internalDegree[v]);
        for (int p = gStart[v]; p < gStart[v + 1]; p++)
        {
            int u = gAdj[p];
            int w = gEw[p];
            if (part[u] == to)
            {
                internalDegree[u] += w;
                externalDegree[u] -= w;
            }
            else
            {
                internalDegree[u] -= w;
                externalDegree[u] += w;
            }
        }
    }

    /// <summary>
    /// Minimum vertex cover of the cut edges (maximum matching and König's construction), then
    /// separator vertices with neighbours on one side only are moved to that side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Separator(Level g, int[] part)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int n = g.Size;
        int[] matchOf = Rent(n, -1);
        var left = new List<int>();
        for (int v = 0; v < n; v++)
        {
            if (part[v] != 0)
            {
                continue;
            }

            bool boundary = false;
            for (int p = gStart[v]; p < gStart[v + 1]; p++)
            {
                int u = gAdj[p];
                if (part[u] == 1)
                {
                    boundary = true;
                    if (matchOf[v] < 0 && matchOf[u] < 0)
                    {
                        matchOf[v] = u;
                        matchOf[u] = v;
                    }
                }
            }

            if (boundary)
            {
                left.Add(v);
            }
        }

        int[] visited = Rent(n, 0);
        int stamp = 0;
        int[] stack = Pool.Rent(n);
        int[] stackPos = Pool.Rent(n);
        int[] via = Pool.Rent(n);
        foreach (int root in left)
        {
            if (matchOf[root] >= 0)
            {
                continue;
            }

            stamp++;
            Augment(g, part, matchOf, visited, stamp, stack, stackPos, via, root);
        }

        // König: Z = vertices reachable from unmatched left vertices by alternating paths.
        stamp++;
        int top = 0;
        foreach (int root in left)
        {
            if (matchOf[root] < 0)
            {
                visited[root] = stamp;
                stack[top++] = root;
            }
        }

        while (top > 0)
        {
            int v = stack[--top];
            for (int p = gStart[v]; p < gStart[v + 1]; p++)
            {
                int u = gAdj[p];
                if (part[u] != 1 || visited[u] == stamp)
                {
                    continue;
                }

                visited[u] = stamp;
                int w = matchOf[u];
                if (w >= 0 && visited[w] != stamp)
                {
                    visited[w] = stamp;
                    stack[top++] = w;
                }
            }
        }

        byte[] side = new byte[n];
        for (int v = 0; v < n; v++)
        {
            side[v] = (byte)part[v];
        }

        foreach (int v in left)
        {
            if (visited[v] != stamp)
            {
                side[v] = 2;
            }
        }

        for (int v = 0; v < n; v++)
        {
            if (part[v] == 1 && visited[v] == stamp)
            {
                side[v] = 2;
            }
        }

        for (int v = 0; v < n; v++)
        {
            if (side[v] != 2)
            {
                continue;
            }

            bool touches0 = false;
            bool touches1 = false;
            for (int p = gStart[v]; p < gStart[v + 1]; p++)
            {
                byte s = side[gAdj[p]];
                touches0 |= s == 0;
                touches1 |= s == 1;
            }

            if (!touches1)
            {
                side[v] = 0;
            }
            else if (!touches0)
            {
                side[v] = 1;
            }
        }

        Pool.Return(matchOf);
        Pool.Return(visited);
        Pool.Return(stack);
        Pool.Return(stackPos);
        Pool.Return(via);

        return side;
    }

    /// <summary>Depth-first search for an augmenting path from an unmatched left vertex.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Augment(Level g, int[] part, int[] matchOf, int[] visited, int stamp, int[] stack, int[] stackPos, int[] via, int root)
    {
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int top = 0;
        stack[0] = root;
        stackPos[0] = gStart[root];
        visited[root] = stamp;
        while (top >= 0)
        {
            int v = stack[top];
            int p = stackPos[top];
            bool descended = false;
            while (p < gStart[v + 1])
            {
                int u = gAdj[p++];
                if (part[u] != 1 || visited[u] == stamp)
                {
                    continue;
                }

                visited[u] = stamp;
                via[u] = v;
                int w = matchOf[u];
                if (w < 0)
                {
                    // Flip the path root .. v - u.
                    int right = u;
                    int l = v;
                    while (true)
                    {
                        int previous = matchOf[l];
                        matchOf[l] = right;
                        matchOf[right] = l;
                        if (l == root)
                        {
                            return;
                        }

                        right = previous;
                        l = via[right];
                    }
                }

                stackPos[top] = p;
                top++;
                stack[top] = w;
                stackPos[top] = gStart[w];
                visited[w] = stamp;
                descended = true;
                break;
            }

            if (!descended)
            {
                top--;
            }
        }
    }
}
