using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Indistinguishable vertices of a symmetric graph (equal closed neighbourhoods N(v) ∪ {v}) and
/// the compressed graph with one vertex per class.
/// </summary>
/// <remarks>
/// C. Ashcraft, "Compressed graphs and the minimum degree algorithm", SIAM J. Sci. Comput.
/// 16(6), 1995. Indistinguishable vertices are eliminated together by any good order (their
/// columns of L have the same structure), so an ordering may work on the compressed graph and
/// expand each class in place. The classes are found by hashing: vertices are sorted by the sum
/// of their closed neighbourhood and their degree, and those with equal keys are compared
/// exactly with a marker array.
/// </remarks>
internal static class GraphCompression
{
    /// <summary>Class of each vertex (classes numbered by their smallest vertex); <paramref name="count"/> classes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Classes(SymmetricGraph graph, out int count)
    {
        int n = graph.Size;
        int[] start = graph.Start;
        int[] adj = graph.Adjacency;
        long[] hash = new long[n];
        int[] byKey = new int[n];
        for (int v = 0; v < n; v++)
        {
            long h = v;
            for (int p = start[v]; p < start[v + 1]; p++)
            {
                h += adj[p];
            }

            hash[v] = h;
            byKey[v] = v;
        }

        // Sort by (hash, degree): candidates for one class become neighbours in byKey.
        long[] key = new long[n];
        for (int v = 0; v < n; v++)
        {
            key[v] = (hash[v] << 16) | (long)Math.Min(graph.Degree(v), 0xFFFF);
        }

        Array.Sort(key, byKey);

        int[] representative = new int[n];
        Array.Fill(representative, -1);
        int[] mark = new int[n];
        Array.Fill(mark, -1);
        for (int runStart = 0; runStart < n;)
        {
            int runEnd = runStart + 1;
            int v0 = byKey[runStart];
            while (runEnd < n && hash[byKey[runEnd]] == hash[v0] && graph.Degree(byKey[runEnd]) == graph.Degree(v0))
            {
                runEnd++;
            }

            for (int a = runStart; a < runEnd; a++)
            {
                int v = byKey[a];
                if (representative[v] >= 0)
                {
                    continue;
                }

                representative[v] = v;
                if (runEnd - runStart == 1)
                {
                    break;
                }

                mark[v] = v;
                for (int p = start[v]; p < start[v + 1]; p++)
                {
                    mark[adj[p]] = v;
                }

                for (int b = a + 1; b < runEnd; b++)
                {
                    int u = byKey[b];
                    if (representative[u] >= 0 || mark[u] != v)
                    {
                        continue;
                    }

                    bool same = true;
                    for (int p = start[u]; p < start[u + 1] && same; p++)
                    {
                        same = mark[adj[p]] == v;
                    }

                    if (same)
                    {
                        representative[u] = v;
                    }
                }
            }

            runStart = runEnd;
        }

        int[] classOf = new int[n];
        count = 0;
        for (int v = 0; v < n; v++)
        {
            classOf[v] = representative[v] == v ? count++ : -1;
        }

        for (int v = 0; v < n; v++)
        {
            if (classOf[v] < 0)
            {
                classOf[v] = classOf[representative[v]];
            }
        }

        return classOf;
    }

    /// <summary>The graph with one vertex per class; classes are adjacent when their members are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SymmetricGraph Compress(SymmetricGraph graph, int[] classOf, int count)
    {
        int n = graph.Size;
        int[] first = new int[count];
        Array.Fill(first, -1);
        for (int v = n - 1; v >= 0; v--)
        {
            first[classOf[v]] = v;
        }

        int[] cStart = new int[count + 1];
        int[] cEnd = new int[count];
        int[] raw = new int[graph.Adjacency.Length];
        int pos = 0;
        for (int c = 0; c < count; c++)
        {
            int v = first[c];
            cStart[c] = pos;
            for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
            {
                raw[pos++] = classOf[graph.Adjacency[p]];
            }

            cEnd[c] = pos;
        }

        cStart[count] = pos;
        return SymmetricGraph.Deduplicate(count, cStart, raw, cEnd);
    }
}
