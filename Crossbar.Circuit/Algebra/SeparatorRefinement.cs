using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Fiduccia–Mattheyses refinement of a vertex separator: separator vertices move into a half
/// when that takes fewer vertices out of the other half into the separator than it removes.
/// </summary>
/// <remarks>
/// B. Hendrickson, E. Rothberg, "Improving the run time and quality of nested dissection
/// ordering", SIAM J. Sci. Comput. 20(2), 1998, and the node-based refinement of G. Karypis,
/// V. Kumar, SIAM J. Sci. Comput. 20(1), 1998: moving separator vertex v into half A pulls its
/// neighbours in half B into the separator, so its gain is w(v) − w(N(v) ∩ B). Each pass makes
/// the best allowed move repeatedly (vertices lock once moved; only moves that keep both halves
/// within their weight limit), also through losses for a while, and rolls back to the smallest
/// separator seen. The separator found by the vertex cover of an edge cut is minimal for that
/// cut; this lets the cut itself move, straightening the jagged cuts that random matchings
/// leave on meshes.
/// </remarks>
internal static class SeparatorRefinement
{
    private const int Passes = 4;
    private const double Imbalance = 0.1;

    /// <summary>Improves <paramref name="side"/> (0, 1 = halves, 2 = separator) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Refine(Level g, byte[] side)
    {
        int n = g.Size;
        int[] gStart = g.Start;
        int[] gAdj = g.Adjacency;
        int[] gVw = g.VertexWeight;
        long[] pw = new long[3];
        long total = 0;
        for (int v = 0; v < n; v++)
        {
            pw[side[v]] += gVw[v];
            total += gVw[v];
        }

        long maxPart = Math.Max((long)((1 + Imbalance) * total / 2), Math.Max(pw[0], pw[1]));
        int[] locked = new int[n];
        var heap = new PriorityQueue<int, long>();
        var moves = new List<int>();
        var pulled = new List<int>();
        var pulledStart = new List<int>();
        int limit = Math.Clamp(n / 50, 20, 200);
        for (int pass = 1; pass <= Passes; pass++)
        {
            heap.Clear();
            moves.Clear();
            pulled.Clear();
            pulledStart.Clear();
            for (int v = 0; v < n; v++)
            {
                if (side[v] == 2)
                {
                    Push(g, side, heap, v);
                }
            }

            long best = pw[2];
            long bestBalance = Math.Abs(pw[0] - pw[1]);
            int bestIndex = 0;
            int idle = 0;
            while (heap.TryDequeue(out int entry, out long key))
            {
                int v = entry >> 1;
                int to = entry & 1;
                int from = 1 - to;
                if (side[v] != 2 || locked[v] == pass || -key != Gain(g, side, v, from))
                {
                    continue;
                }

                long pulledWeight = gVw[v] - Gain(g, side, v, from);
                if (pw[to] + gVw[v] > maxPart || pw[from] - pulledWeight <= 0)
                {
                    continue;
                }

                side[v] = (byte)to;
                pw[to] += gVw[v];
                pw[2] -= gVw[v];
                locked[v] = pass;
                moves.Add(entry);
                pulledStart.Add(pulled.Count);
                for (int p = gStart[v]; p < gStart[v + 1]; p++)
                {
                    int u = gAdj[p];
                    if (side[u] == from)
                    {
                        side[u] = 2;
                        pw[from] -= gVw[u];
                        pw[2] += gVw[u];
                        pulled.Add(u);
                    }
                }

                for (int p = gStart[v]; p < gStart[v + 1]; p++)
                {
                    int u = gAdj[p];
                    if (side[u] != 2 || locked[u] == pass)
                    {
                        continue;
                    }

                    Push(g, side, heap, u);
                    for (int q = gStart[u]; q < gStart[u + 1]; q++)
                    {
                        int w = gAdj[q];
                        if (side[w] == 2 && locked[w] != pass)
                        {
                            Push(g, side, heap, w);
                        }
                    }
                }

                long balance = Math.Abs(pw[0] - pw[1]);
                if (pw[2] < best || (pw[2] == best && balance < bestBalance))
                {
                    best = pw[2];
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
                int v = moves[t] >> 1;
                int to = moves[t] & 1;
                int from = 1 - to;
                int end = t + 1 < pulledStart.Count ? pulledStart[t + 1] : pulled.Count;
                for (int k = pulledStart[t]; k < end; k++)
                {
                    int u = pulled[k];
                    side[u] = (byte)from;
                    pw[from] += gVw[u];
                    pw[2] -= gVw[u];
                }

                side[v] = 2;
                pw[to] -= gVw[v];
                pw[2] += gVw[v];
            }

            if (bestIndex == 0)
            {
                break;
            }
        }
    }

    /// <summary>Queues both moves of separator vertex v, best gain first.</summary>
    private static void Push(Level g, byte[] side, PriorityQueue<int, long> heap, int v)
    {
        heap.Enqueue(v << 1, -Gain(g, side, v, 1));
        heap.Enqueue((v << 1) | 1, -Gain(g, side, v, 0));
    }

    /// <summary>w(v) − w(N(v) ∩ half <paramref name="from"/>): the separator's loss when v moves to the other half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Gain(Level g, byte[] side, int v, int from)
    {
        long gain = g.VertexWeight[v];
        int[] gAdj = g.Adjacency;
        for (int p = g.Start[v]; p < g.Start[v + 1]; p++)
        {
            int u = gAdj[p];
            if (side[u] == from)
            {
                gain -= g.VertexWeight[u];
            }
        }

        return gain;
    }
}
