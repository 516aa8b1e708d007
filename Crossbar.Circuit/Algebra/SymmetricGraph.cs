using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Adjacency of a symmetric pattern without its diagonal (the graph of A + Aᵀ), stored as
/// compressed rows: the neighbours of v are Adjacency[Start[v]..Start[v + 1]).
/// </summary>
internal sealed class SymmetricGraph
{
    public SymmetricGraph(int size, int[] start, int[] adjacency)
    {
        Size = size;
        Start = start;
        Adjacency = adjacency;
    }

    /// <summary>Number of vertices.</summary>
    public int Size { get; }

    /// <summary>Start of each vertex's list in <see cref="Adjacency"/> (length Size + 1).</summary>
    public int[] Start { get; }

    /// <summary>Neighbour lists, each without duplicates and without the vertex itself.</summary>
    public int[] Adjacency { get; }

    /// <summary>Whether A(v, v) is stored (set by <see cref="FromColumns"/>; all true otherwise).</summary>
    public bool[]? HasDiagonal { get; private set; }

    /// <summary>Entries of A + Aᵀ off the diagonal per vertex before duplicates are dropped (an entry
    /// stored as both A(i, j) and A(j, i) counts twice): what minimum degree's dense-row test
    /// counts. Set by <see cref="FromColumns"/>; null otherwise.</summary>
    public int[]? RawDegree { get; private set; }

    /// <summary>Number of neighbours of v.</summary>
    public int Degree(int v) => Start[v + 1] - Start[v];

    /// <summary>The graph of A + Aᵀ from the compressed columns of A (diagonal and duplicates dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SymmetricGraph FromColumns(int n, int[] columnStart, int[] rowIndex)
    {
        int[] count = new int[n];
        bool[] diagonal = new bool[n];
        for (int j = 0; j < n; j++)
        {
            for (int p = columnStart[j]; p < columnStart[j + 1]; p++)
            {
                int i = rowIndex[p];
                if (i != j)
                {
                    count[i]++;
                    count[j]++;
                }
                else
                {
                    diagonal[j] = true;
                }
            }
        }

        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            start[i + 1] = start[i] + count[i];
        }

        int[] raw = new int[start[n]];
        int[] fill = new int[n];
        Array.Copy(start, fill, n);
        for (int j = 0; j < n; j++)
        {
            for (int p = columnStart[j]; p < columnStart[j + 1]; p++)
            {
                int i = rowIndex[p];
                if (i != j)
                {
                    raw[fill[i]++] = j;
                    raw[fill[j]++] = i;
                }
            }
        }

        SymmetricGraph graph = Deduplicate(n, start, raw, fill);
        graph.HasDiagonal = diagonal;
        graph.RawDegree = count;
        return graph;
    }

    /// <summary>Compacts lists raw[start[v]..end[v]) into a graph, dropping repeated neighbours.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SymmetricGraph Deduplicate(int n, int[] start, int[] raw, int[] end)
    {
        int[] mark = new int[n];
        Array.Fill(mark, -1);
        int[] outStart = new int[n + 1];
        int pos = 0;
        for (int v = 0; v < n; v++)
        {
            int begin = pos;
            for (int p = start[v]; p < end[v]; p++)
            {
                int u = raw[p];
                if (u != v && mark[u] != v)
                {
                    mark[u] = v;
                    raw[pos++] = u;
                }
            }

            outStart[v] = begin;
        }

        outStart[n] = pos;
        Array.Resize(ref raw, pos);
        return new SymmetricGraph(n, outStart, raw);
    }
}
