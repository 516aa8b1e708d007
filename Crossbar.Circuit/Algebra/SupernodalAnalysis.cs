using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Symbolic analysis of the supernodal multifrontal LU: fill-reducing order of A + Aᵀ with every
/// structurally-zero-diagonal unknown moved after its neighbours, postordered elimination tree,
/// relaxed supernodes, the row structure of each front, the relative indices of the extend-add,
/// where each entry of A is assembled, and the storage layout of the factor.
/// </summary>
/// <remarks>
/// <para>Elimination tree, postorder and column counts: J. W. H. Liu, "The role of elimination
/// trees in sparse factorization", SIAM J. Matrix Anal. Appl. 11(1), 1990; T. A. Davis, "Direct
/// Methods for Sparse Linear Systems", SIAM 2006, ch. 4. Fundamental supernodes (a column joins
/// its only child's supernode when their structures nest) and relaxed amalgamation (a last child
/// merges into its parent when the explicit zeros it adds are few): C. Ashcraft, R. Grimes,
/// "The influence of relaxed supernode partitions on the multifrontal method", ACM TOMS 15(4),
/// 1989. Multifrontal fronts and contribution blocks: I. S. Duff, J. K. Reid, "The multifrontal
/// solution of indefinite sparse symmetric linear equations", ACM TOMS 9(3), 1983; J. W. H. Liu,
/// "The multifrontal method for sparse matrix solution: theory and practice", SIAM Review 34(1), 1992.</para>
/// <para>The front of supernode S (columns f..l, k = l − f + 1 of them, r rows below) is a dense
/// m×m matrix, m = k + r, whose index list is the columns of S followed by its row structure.
/// A zero-diagonal unknown (a voltage-source or op-amp branch current) eliminated after all its
/// neighbours is an ancestor of each of them in the tree, so when its pivot comes the Schur
/// complement has already put −a_vu·a_uu⁻¹·a_uv on its diagonal.</para>
/// <para>Memory is proportional to the structure of L (row structures, relative indices) plus
/// O(n + nnz(A)); nothing dense of size n×n.</para>
/// </remarks>
internal sealed class SupernodalAnalysis
{
    private const double GrowthFactor = 1.5;

    /// <summary>A diagonal under this fraction of the largest off-diagonal entry of its row and column counts as zero.</summary>
    private const double NegligibleDiagonal = 1e-8;

    /// <summary>Orders, finds the supernodes and lays out the factor of a pattern.</summary>
    /// <param name="pattern">The matrix pattern (handles).</param>
    /// <param name="columns">Its compressed columns.</param>
    /// <param name="method">Fill-reducing ordering.</param>
    /// <param name="threads">Threads the numeric phase may use (1 = sequential).</param>
    /// <param name="values">The first matrix values (by handle): a diagonal stored but zero, or
    /// negligible beside its row and column (an op-amp branch whose pole term vanishes at DC),
    /// counts as a zero diagonal.</param>
    public SupernodalAnalysis(SparsePattern pattern, CompressedColumns columns, OrderingMethod method, int threads, ReadOnlySpan<double> values)
    {
        int n = pattern.Size;
        Size = n;
        SymmetricGraph graph = SymmetricGraph.FromColumns(n, columns.ColumnStart, columns.RowIndex);
        int[] fill = FillReducingOrdering.Order(graph, method, out _);
        bool[] zero = ZeroDiagonals(pattern, values);
        int[] order = ZeroDiagonalLast(graph, fill, zero);
        int[] position = Inverse(order);
        int[] parent = SymbolicCholesky.EliminationTree(graph, order, position);
        int[] post = Postorder(parent);
        int[] postOrder = new int[n];
        for (int k = 0; k < n; k++)
        {
            postOrder[k] = order[post[k]];
        }

        Order = postOrder;
        Position = Inverse(postOrder);
        parent = Relabel(parent, post);
        int[] counts = SymbolicCholesky.ColumnCounts(graph, Order);

        bool[] zeroAt = new bool[n];
        for (int k = 0; k < n; k++)
        {
            zeroAt[k] = zero[Order[k]];
        }

        FindSupernodes(graph, parent, counts, zeroAt);
        BuildStructure(graph);
        LocateEntries(pattern);
        LayOut();
        Schedule = new SupernodalSchedule(this, threads);
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>Original unknown eliminated at each position.</summary>
    public int[] Order { get; }

    /// <summary>Position of each original unknown (inverse of <see cref="Order"/>).</summary>
    public int[] Position { get; }

    /// <summary>Number of supernodes.</summary>
    public int Count { get; private set; }

    /// <summary>First position of each supernode; First[Count] = Size.</summary>
    public int[] First { get; private set; } = [];

    /// <summary>Parent supernode in the assembly tree (-1 for roots).</summary>
    public int[] Parent { get; private set; } = [];

    /// <summary>Children of supernode s: Children[ChildStart[s]..ChildStart[s + 1]), ascending.</summary>
    public int[] ChildStart { get; private set; } = [];

    /// <summary>Children lists, see <see cref="ChildStart"/>.</summary>
    public int[] Children { get; private set; } = [];

    /// <summary>Row structure (positions below the supernode, ascending) of s: StructRows[StructStart[s]..StructStart[s + 1]).</summary>
    public int[] StructStart { get; private set; } = [];

    /// <summary>Row structures, see <see cref="StructStart"/>.</summary>
    public int[] StructRows { get; private set; } = [];

    /// <summary>For each row structure entry: its index in the parent's front.</summary>
    public int[] RelativeIndex { get; private set; } = [];

    /// <summary>Entries of A assembled into supernode s: AssembleHandle/AssembleOffset[AssembleStart[s]..AssembleStart[s + 1]).</summary>
    public int[] AssembleStart { get; private set; } = [];

    /// <summary>Handle of each assembled entry.</summary>
    public int[] AssembleHandle { get; private set; } = [];

    /// <summary>Row-major offset (i·m + j) of each assembled entry in its front.</summary>
    public int[] AssembleOffset { get; private set; } = [];

    /// <summary>Start of supernode s's panels in the factor array: [L11\U11 | U12] (k×m), then L21 (r×k).</summary>
    public long[] FactorOffset { get; private set; } = [];

    /// <summary>Entries of L + U (all panels, explicit zeros included).</summary>
    public long FactorSize { get; private set; }

    /// <summary>Floating-point operations of one numeric factorisation.</summary>
    public double Flops { get; private set; }

    /// <summary>Flops of each supernode's front.</summary>
    public double[] FrontFlops { get; private set; } = [];

    /// <summary>Largest front dimension.</summary>
    public int MaxFront { get; private set; }

    /// <summary>Largest number of pivots in one supernode.</summary>
    public int MaxColumns { get; private set; }

    /// <summary>Largest row structure.</summary>
    public int MaxRows { get; private set; }

    /// <summary>Front dimension of the last root (the top separator).</summary>
    public int RootFront { get; private set; }

    /// <summary>Which thread factors which subtree, and where contribution blocks live.</summary>
    public SupernodalSchedule Schedule { get; }

    /// <summary>Pivots of supernode s.</summary>
    public int Columns(int s) => First[s + 1] - First[s];

    /// <summary>Row structure size of supernode s.</summary>
    public int Rows(int s) => StructStart[s + 1] - StructStart[s];

    /// <summary>
    /// Moves each unknown without a stored diagonal to just after the last of its neighbours that
    /// has one (stable otherwise), so that neighbour is eliminated first and fills the diagonal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] ZeroDiagonalLast(SymmetricGraph graph, int[] order, bool[] zero)
    {
        int n = graph.Size;
        int[] position = Inverse(order);
        int[] key = new int[n];
        int[] bucket = new int[(2 * n) + 1];
        for (int v = 0; v < n; v++)
        {
            int k = position[v];
            if (!zero[v])
            {
                key[v] = 2 * k;
            }
            else
            {
                for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
                {
                    int u = graph.Adjacency[p];
                    if (!zero[u])
                    {
                        k = Math.Max(k, position[u]);
                    }
                }

                key[v] = (2 * k) + 1;
            }

            bucket[key[v] + 1]++;
        }

        for (int t = 0; t < 2 * n; t++)
        {
            bucket[t + 1] += bucket[t];
        }

        int[] result = new int[n];
        foreach (int v in order)
        {
            result[bucket[key[v]]++] = v;
        }

        return result;
    }

    /// <summary>Unknowns whose diagonal is absent, zero, or under <see cref="NegligibleDiagonal"/> of the largest entry of their row and column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool[] ZeroDiagonals(SparsePattern pattern, ReadOnlySpan<double> values)
    {
        int n = pattern.Size;
        double[] diagonal = new double[n];
        double[] offDiagonal = new double[n];
        for (int h = 1; h <= pattern.Count; h++)
        {
            int i = pattern.Rows[h];
            int j = pattern.Columns[h];
            if (i == j)
            {
                diagonal[i] += values[h];
            }
            else
            {
                double v = Math.Abs(values[h]);
                offDiagonal[i] = Math.Max(offDiagonal[i], v);
                offDiagonal[j] = Math.Max(offDiagonal[j], v);
            }
        }

        bool[] zero = new bool[n];
        for (int v = 0; v < n; v++)
        {
            zero[v] = !(Math.Abs(diagonal[v]) > NegligibleDiagonal * offDiagonal[v]) || diagonal[v] == 0;
        }

        return zero;
    }

    private static int[] Inverse(int[] order)
    {
        int[] inverse = new int[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            inverse[order[k]] = k;
        }

        return inverse;
    }

    /// <summary>
    /// The elimination tree in postorder numbering: node k is old node post[k]. A postorder is a topological order
    /// of the tree, so eliminating in it leaves the tree (and the fill) as it was, only renumbered
    /// (J. W. H. Liu, "The role of elimination trees in sparse factorization", SIAM J. Matrix Anal. Appl. 11(1), 1990).
    /// </summary>
    private static int[] Relabel(int[] parent, int[] post)
    {
        int n = parent.Length;
        int[] newIndex = Inverse(post);
        int[] relabelled = new int[n];
        for (int k = 0; k < n; k++)
        {
            int p = parent[post[k]];
            relabelled[k] = p < 0 ? -1 : newIndex[p];
        }

        return relabelled;
    }

    /// <summary>Depth-first postorder of a forest (children visited in ascending order): post[k] = old index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Postorder(int[] parent)
    {
        int n = parent.Length;
        int[] head = new int[n];
        int[] next = new int[n];
        Array.Fill(head, -1);
        for (int j = n - 1; j >= 0; j--)
        {
            int p = parent[j];
            if (p >= 0)
            {
                next[j] = head[p];
                head[p] = j;
            }
        }

        int[] post = new int[n];
        int[] stack = new int[n];
        int k = 0;
        for (int root = 0; root < n; root++)
        {
            if (parent[root] >= 0)
            {
                continue;
            }

            int top = 0;
            stack[0] = root;
            while (top >= 0)
            {
                int v = stack[top];
                int child = head[v];
                if (child < 0)
                {
                    post[k++] = v;
                    top--;
                }
                else
                {
                    head[v] = next[child];
                    stack[++top] = child;
                }
            }
        }

        return post;
    }

    /// <summary>Fundamental supernodes, then relaxed amalgamation of last children into parents; a
    /// supernode headed by a zero-diagonal unknown always absorbs its last child (the neighbour
    /// eliminated just before it), so the pivot search of that front can use the neighbour's row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindSupernodes(SymmetricGraph graph, int[] parent, int[] counts, bool[] zeroAt)
    {
        int n = Size;
        int[] childCount = new int[n];
        for (int j = 0; j < n; j++)
        {
            if (parent[j] >= 0)
            {
                childCount[parent[j]]++;
            }
        }

        var firsts = new List<int>();
        var ownZeros = new List<long>();
        int[] mark = new int[n];
        Array.Fill(mark, -1);
        int siblings = 0;
        for (int j = 0; j < n; j++)
        {
            bool joins = j > 0 && parent[j - 1] == j && childCount[j] == 1 && counts[j - 1] == counts[j] + 1;
            if (!joins && j > 0 && SameLeaf(graph, parent, counts, childCount, mark, j - 1, j))
            {
                // Sibling leaves with one row structure (the columns of an ideal-wire crossbar)
                // share one front: one rank-k update instead of k rank-1 contribution blocks.
                joins = true;
                siblings++;
                ownZeros[^1] += siblings;
            }
            else if (!joins)
            {
                siblings = 0;
            }

            if (!joins)
            {
                firsts.Add(j);
                ownZeros.Add(0);
            }
        }

        int nf = firsts.Count;
        firsts.Add(n);
        int[] ofColumn = new int[n];
        for (int s = 0; s < nf; s++)
        {
            for (int j = firsts[s]; j < firsts[s + 1]; j++)
            {
                ofColumn[j] = s;
            }
        }

        // Relaxed amalgamation, top-down over the postorder: s merges into the group starting at
        // s + 1 when s + 1 is its parent and the added zeros are few (Ashcraft–Grimes).
        int[] groupEnd = new int[nf];
        long[] groupZeros = new long[nf];
        bool[] startsGroup = new bool[nf];
        for (int s = nf - 1; s >= 0; s--)
        {
            startsGroup[s] = true;
            groupEnd[s] = s;
            groupZeros[s] = ownZeros[s];
            int last = firsts[s + 1] - 1;
            int ns = firsts[s + 1] - firsts[s];
            long ls = counts[last];
            if (s + 1 >= nf || parent[last] != firsts[s + 1])
            {
                continue;
            }

            int top = groupEnd[s + 1];
            long nG = firsts[top + 1] - firsts[s + 1];
            long lG = counts[firsts[top + 1] - 1];
            long zeros = ownZeros[s] + groupZeros[s + 1] + (ns * (nG + lG - ls));
            long cols = ns + nG;
            double total = (cols * (cols + 1) / 2.0) + (cols * lG);
            double fraction = zeros / total;
            bool merge = zeroAt[firsts[s + 1]] || cols <= 4 || (cols <= 16 && fraction < 0.8) || (cols <= 48 && fraction < 0.1) || fraction < 0.05;
            if (merge)
            {
                startsGroup[s + 1] = false;
                groupEnd[s] = top;
                groupZeros[s] = zeros;
            }
        }

        var first = new List<int>();
        for (int s = 0; s < nf; s++)
        {
            if (startsGroup[s])
            {
                first.Add(firsts[s]);
            }
        }

        Count = first.Count;
        first.Add(n);
        First = first.ToArray();
        int[] supernodeOf = new int[n];
        for (int s = 0; s < Count; s++)
        {
            for (int j = First[s]; j < First[s + 1]; j++)
            {
                supernodeOf[j] = s;
            }
        }

        Parent = new int[Count];
        int[] childTotal = new int[Count + 1];
        for (int s = 0; s < Count; s++)
        {
            int p = parent[First[s + 1] - 1];
            Parent[s] = p < 0 ? -1 : supernodeOf[p];
            if (p >= 0)
            {
                childTotal[Parent[s] + 1]++;
            }
        }

        for (int s = 0; s < Count; s++)
        {
            childTotal[s + 1] += childTotal[s];
        }

        ChildStart = (int[])childTotal.Clone();
        Children = new int[Math.Max(0, childTotal[Count])];
        for (int s = 0; s < Count; s++)
        {
            if (Parent[s] >= 0)
            {
                Children[childTotal[Parent[s]]++] = s;
            }
        }

        _supernodeOf = supernodeOf;
    }

    private int[] _supernodeOf = [];

    /// <summary>Whether positions a and a + 1 are leaves of the elimination tree with the same
    /// parent and the same row structure (their neighbours after a + 1).</summary>
    private bool SameLeaf(SymmetricGraph graph, int[] parent, int[] counts, int[] childCount, int[] mark, int a, int b)
    {
        if (childCount[a] != 0 || childCount[b] != 0 || parent[a] != parent[b] || counts[a] != counts[b] || parent[a] < 0)
        {
            return false;
        }

        int va = Order[a];
        int vb = Order[b];
        int size = 0;
        for (int p = graph.Start[va]; p < graph.Start[va + 1]; p++)
        {
            int i = Position[graph.Adjacency[p]];
            if (i == b)
            {
                return false;
            }

            if (i > b)
            {
                mark[i] = a;
                size++;
            }
        }

        int matched = 0;
        for (int p = graph.Start[vb]; p < graph.Start[vb + 1]; p++)
        {
            int i = Position[graph.Adjacency[p]];
            if (i > b)
            {
                if (mark[i] != a)
                {
                    return false;
                }

                matched++;
            }
        }

        return matched == size;
    }

    /// <summary>Row structure of each supernode (A + Aᵀ rows of its columns and its children's structures, below the supernode) and the extend-add indices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildStructure(SymmetricGraph graph)
    {
        int n = Size;
        int[] mark = new int[n];
        Array.Fill(mark, -1);
        int[] local = new int[n];
        int[] start = new int[Count + 1];
        int[] rows = new int[Math.Max(16, n)];
        int[] relative = new int[rows.Length];
        int used = 0;
        for (int s = 0; s < Count; s++)
        {
            int f = First[s];
            int l = First[s + 1] - 1;
            start[s] = used;
            for (int j = f; j <= l; j++)
            {
                int v = Order[j];
                for (int p = graph.Start[v]; p < graph.Start[v + 1]; p++)
                {
                    int i = Position[graph.Adjacency[p]];
                    if (i > l && mark[i] != s)
                    {
                        mark[i] = s;
                        Append(ref rows, ref relative, ref used, i);
                    }
                }
            }

            for (int c = ChildStart[s]; c < ChildStart[s + 1]; c++)
            {
                int child = Children[c];
                for (int p = start[child]; p < start[child + 1]; p++)
                {
                    int i = rows[p];
                    if (i > l && mark[i] != s)
                    {
                        mark[i] = s;
                        Append(ref rows, ref relative, ref used, i);
                    }
                }
            }

            Array.Sort(rows, start[s], used - start[s]);
            int k = l - f + 1;
            for (int j = f; j <= l; j++)
            {
                local[j] = j - f;
            }

            for (int p = start[s]; p < used; p++)
            {
                local[rows[p]] = k + p - start[s];
            }

            for (int c = ChildStart[s]; c < ChildStart[s + 1]; c++)
            {
                int child = Children[c];
                for (int p = start[child]; p < start[child + 1]; p++)
                {
                    relative[p] = local[rows[p]];
                }
            }
        }

        start[Count] = used;
        StructStart = start;
        Array.Resize(ref rows, used);
        Array.Resize(ref relative, used);
        StructRows = rows;
        RelativeIndex = relative;
    }

    private static void Append(ref int[] rows, ref int[] relative, ref int used, int value)
    {
        if (used == rows.Length)
        {
            int size = (int)Math.Min(Array.MaxLength, (long)(rows.Length * GrowthFactor) + 16);
            Array.Resize(ref rows, size);
            Array.Resize(ref relative, size);
        }

        rows[used++] = value;
    }

    /// <summary>Each handle goes to the supernode of min(row, column) position, at its offset in that front.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LocateEntries(SparsePattern pattern)
    {
        int count = pattern.Count;
        int[] owner = new int[count + 1];
        int[] start = new int[Count + 1];
        for (int h = 1; h <= count; h++)
        {
            int i = Position[pattern.Rows[h]];
            int j = Position[pattern.Columns[h]];
            int s = _supernodeOf[Math.Min(i, j)];
            owner[h] = s;
            start[s + 1]++;
        }

        for (int s = 0; s < Count; s++)
        {
            start[s + 1] += start[s];
        }

        int[] next = (int[])start.Clone();
        int[] handles = new int[count];
        for (int h = 1; h <= count; h++)
        {
            handles[next[owner[h]]++] = h;
        }

        int[] offsets = new int[count];
        int[] local = new int[Size];
        for (int s = 0; s < Count; s++)
        {
            int f = First[s];
            int k = Columns(s);
            long m = k + Rows(s);
            if (m * m > int.MaxValue)
            {
                throw new NotSupportedException($"front of {m} rows is too large for the supernodal solver");
            }

            for (int j = f; j < f + k; j++)
            {
                local[j] = j - f;
            }

            for (int p = StructStart[s]; p < StructStart[s + 1]; p++)
            {
                local[StructRows[p]] = k + p - StructStart[s];
            }

            for (int t = start[s]; t < start[s + 1]; t++)
            {
                int h = handles[t];
                offsets[t] = (int)((local[Position[pattern.Rows[h]]] * m) + local[Position[pattern.Columns[h]]]);
            }
        }

        AssembleStart = start;
        AssembleHandle = handles;
        AssembleOffset = offsets;
        _supernodeOf = [];
    }

    /// <summary>Factor offsets, sizes and the flop count of every front.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LayOut()
    {
        FactorOffset = new long[Count + 1];
        FrontFlops = new double[Count];
        long size = 0;
        double flops = 0;
        for (int s = 0; s < Count; s++)
        {
            long k = Columns(s);
            long r = Rows(s);
            long m = k + r;
            FactorOffset[s] = size;
            size += (k * m) + (r * k);
            double f = 0;
            for (long t = 0; t < k; t++)
            {
                double rest = m - t - 1;
                f += rest + (2 * rest * rest);
            }

            FrontFlops[s] = f;
            flops += f;
            MaxFront = (int)Math.Max(MaxFront, m);
            MaxColumns = (int)Math.Max(MaxColumns, k);
            MaxRows = (int)Math.Max(MaxRows, r);
            if (Parent[s] < 0)
            {
                RootFront = (int)m;
            }
        }

        FactorOffset[Count] = size;
        FactorSize = size;
        Flops = flops;
    }
}
