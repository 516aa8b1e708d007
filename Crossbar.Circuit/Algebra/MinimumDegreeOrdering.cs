using System.Runtime.CompilerServices;
namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Approximate minimum degree ordering of a symmetric pattern (usually that of A + Aᵀ).
/// </summary>
/// <remarks>
/// P. R. Amestoy, T. A. Davis, I. S. Duff, "An approximate minimum degree ordering algorithm",
/// SIAM J. Matrix Anal. Appl. 17(4), 1996. The elimination runs on a quotient graph: each
/// eliminated pivot becomes an element (a clique stored by its variable list), elements adjacent
/// to a new pivot are absorbed into it, and the external degree of every variable touched by the
/// new element is bounded from above by the sum of |Le \ Lme| over its other elements
/// (approximate degree). Indistinguishable variables are merged into supervariables and a
/// variable left with no external neighbours is eliminated together with the pivot (mass
/// elimination). Elements whose variables all lie in the new element are absorbed as well
/// (aggressive absorption). Variables of degree above max(16, 10·√n) are left out of the graph
/// and ordered last; the column counts are then recomputed on the whole graph
/// (<see cref="SymbolicCholesky"/>), since the elimination's own counts miss those rows.
/// </remarks>
internal sealed class MinimumDegreeOrdering
{
    private const int Variable = 0;
    private const int Element = 1;
    private const int Dead = 2;

    private readonly int _n;
    private int[] _iw;
    private int _pfree;
    private readonly int[] _pe;
    private readonly int[] _len;
    private readonly int[] _elen;
    private readonly int[] _nv;
    private readonly int[] _kind;
    private readonly int[] _degree;
    private readonly int[] _elementSize;
    private readonly long[] _w;
    private long _wflg;
    private readonly int[] _head;
    private readonly int[] _next;
    private readonly int[] _last;
    private readonly int[] _parent;
    private readonly int[] _partialDegree;
    private readonly int[] _hashHead;
    private readonly int[] _hashNext;
    private readonly long[] _hashValue;
    private readonly int[] _lme;
    private readonly bool[] _isPivot;
    private readonly bool[] _isDense;
    private int _minDegree;

    private MinimumDegreeOrdering(int n, int[] iw, int used)
    {
        _n = n;
        _iw = iw;
        _pfree = used;
        _pe = new int[n];
        _len = new int[n];
        _elen = new int[n];
        _nv = new int[n];
        _kind = new int[n];
        _degree = new int[n];
        _elementSize = new int[n];
        _w = new long[n];
        _head = new int[n + 1];
        _next = new int[n];
        _last = new int[n];
        _parent = new int[n];
        _partialDegree = new int[n];
        _hashHead = new int[n];
        _hashNext = new int[n];
        _hashValue = new long[n];
        _lme = new int[n];
        _isPivot = new bool[n];
        _isDense = new bool[n];
    }

    /// <summary>
    /// Orders the symmetric pattern of A + Aᵀ given the compressed columns of A (diagonal and
    /// duplicate entries are ignored).
    /// </summary>
    /// <param name="n">Matrix dimension.</param>
    /// <param name="columnStart">Column pointers of A (length n + 1).</param>
    /// <param name="rowIndex">Row indices of A.</param>
    /// <param name="columnCounts">On return, for each position k of the order, the number of
    /// below-diagonal nonzeros of column k of the Cholesky factor of the permuted A + Aᵀ.</param>
    /// <returns>order[k] = original index eliminated k-th.</returns>
    public static int[] Order(int n, int[] columnStart, int[] rowIndex, out int[] columnCounts) =>
        Order(SymmetricGraph.FromColumns(n, columnStart, rowIndex), out columnCounts);

    /// <summary>Orders a symmetric graph (for example that of A + Aᵀ, built once for several orderings).</summary>
    /// <param name="graph">The graph; its <see cref="SymmetricGraph.RawDegree"/>, when known, decides which
    /// vertices are dense (otherwise twice the degree, as for a symmetric A).</param>
    /// <param name="columnCounts">As in <see cref="Order(int, int[], int[], out int[])"/>.</param>
    /// <returns>order[k] = vertex eliminated k-th.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Order(SymmetricGraph graph, out int[] columnCounts)
    {
        int n = graph.Size;
        int[] adjacencyStart = graph.Start;
        int[] adjacency = graph.Adjacency;
        int[]? rawDegree = graph.RawDegree;
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            total += rawDegree?[i] ?? 2 * graph.Degree(i);
        }

        int[] iw = new int[Math.Max(16, (int)(total + (total / 5) + (2 * n)))];
        var amd = new MinimumDegreeOrdering(n, iw, 0);
        int denseThreshold = (int)Math.Max(16, 10 * Math.Sqrt(n));
        for (int i = 0; i < n; i++)
        {
            amd._isDense[i] = (rawDegree?[i] ?? 2 * graph.Degree(i)) > denseThreshold;
        }

        int pos = 0;
        for (int i = 0; i < n; i++)
        {
            amd._pe[i] = pos;
            for (int p = adjacencyStart[i]; p < adjacencyStart[i + 1]; p++)
            {
                int j = adjacency[p];
                if (!amd._isDense[j])
                {
                    iw[pos++] = j;
                }
            }

            amd._len[i] = pos - amd._pe[i];
        }

        amd._pfree = pos;
        int[] order = amd.Run(out columnCounts);
        if (Array.IndexOf(amd._isDense, true) >= 0)
        {
            // The elimination left the dense variables out, so its counts miss their rows.
            columnCounts = SymbolicCholesky.ColumnCounts(graph, order);
        }

        return order;
    }

    private int[] Run(out int[] columnCounts)
    {
        int n = _n;
        int[] pivotStep = new int[n];
        int[] pivotSize = new int[n];
        int[] pivotExternal = new int[n];
        int steps = 0;
        Array.Fill(_head, -1);
        Array.Fill(_hashHead, -1);
        int denseCount = 0;
        for (int i = 0; i < n; i++)
        {
            _parent[i] = -1;
            if (_isDense[i])
            {
                _nv[i] = 0;
                _kind[i] = Dead;
                _len[i] = 0;
                denseCount++;
                continue;
            }

            _nv[i] = 1;
            _kind[i] = Variable;
            _degree[i] = _len[i];
            InsertDegree(i, _degree[i]);
        }

        _wflg = 1;
        int nel = denseCount;
        while (nel < n)
        {
            int me = SelectPivot();
            RemoveDegree(me);
            _isPivot[me] = true;
            int nvpiv = _nv[me];
            nel += nvpiv;
            _nv[me] = -nvpiv;

            int degme = BuildElement(me, out int lmeCount);
            StoreElement(me, lmeCount);
            long maxElement = ComputeExternalSizes(lmeCount);
            int massEliminated = UpdateVariables(me, lmeCount);
            nvpiv += massEliminated;
            degme -= massEliminated;
            nel += massEliminated;
            DetectSupervariables(lmeCount);
            FinalizeDegrees(me, lmeCount, degme, nel);

            _nv[me] = nvpiv;
            _kind[me] = Element;
            _elementSize[me] = degme;
            pivotStep[me] = steps;
            pivotSize[me] = nvpiv;
            pivotExternal[me] = degme;
            steps++;
            AdvanceFlag(maxElement + degme + 1);
        }

        return BuildOrder(pivotStep, pivotSize, pivotExternal, steps, denseCount, out columnCounts);
    }

    private int SelectPivot()
    {
        for (int d = _minDegree; d <= _n; d++)
        {
            if (_head[d] >= 0)
            {
                _minDegree = d;
                return _head[d];
            }
        }

        throw new InvalidOperationException("minimum degree: no variable left to eliminate");
    }

    private void InsertDegree(int i, int d)
    {
        d = Math.Min(d, _n);
        _degree[i] = d;
        int h = _head[d];
        _next[i] = h;
        _last[i] = -1;
        if (h >= 0)
        {
            _last[h] = i;
        }

        _head[d] = i;
        if (d < _minDegree)
        {
            _minDegree = d;
        }
    }

    private void RemoveDegree(int i)
    {
        int nx = _next[i];
        int ls = _last[i];
        if (nx >= 0)
        {
            _last[nx] = ls;
        }

        if (ls >= 0)
        {
            _next[ls] = nx;
        }
        else
        {
            _head[Math.Min(_degree[i], _n)] = nx;
        }
    }

    /// <summary>Gathers the new element's variables into _lme, absorbing the pivot's elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BuildElement(int me, out int count)
    {
        int degme = 0;
        count = 0;
        int p0 = _pe[me];
        int elenme = _elen[me];
        int lenme = _len[me];
        for (int k = 0; k < lenme; k++)
        {
            int e = _iw[p0 + k];
            if (k < elenme)
            {
                if (_kind[e] != Element)
                {
                    continue;
                }

                int pe = _pe[e];
                int le = _len[e];
                for (int q = 0; q < le; q++)
                {
                    int i = _iw[pe + q];
                    int nvi = _nv[i];
                    if (nvi > 0)
                    {
                        degme += nvi;
                        _nv[i] = -nvi;
                        _lme[count++] = i;
                        RemoveDegree(i);
                    }
                }

                _kind[e] = Dead;
                _parent[e] = me;
            }
            else
            {
                int nvi = _nv[e];
                if (nvi > 0)
                {
                    degme += nvi;
                    _nv[e] = -nvi;
                    _lme[count++] = e;
                    RemoveDegree(e);
                }
            }
        }

        return degme;
    }

    private void StoreElement(int me, int count)
    {
        _len[me] = 0;
        _elen[me] = 0;
        if (_pfree + count > _iw.Length)
        {
            Compact();
            if (_pfree + count > _iw.Length)
            {
                Array.Resize(ref _iw, Math.Max(_iw.Length * 2, _pfree + count + _n));
            }
        }

        Array.Copy(_lme, 0, _iw, _pfree, count);
        _pe[me] = _pfree;
        _len[me] = count;
        _pfree += count;
    }

    /// <summary>Moves all live lists to the front of the workspace.</summary>
    private void Compact()
    {
        int[] order = new int[_n];
        int live = 0;
        for (int j = 0; j < _n; j++)
        {
            if (_kind[j] != Dead && _len[j] > 0)
            {
                order[live++] = j;
            }
        }

        int[] keys = new int[live];
        for (int t = 0; t < live; t++)
        {
            keys[t] = _pe[order[t]];
        }

        Array.Sort(keys, order, 0, live);
        int dst = 0;
        for (int t = 0; t < live; t++)
        {
            int j = order[t];
            int src = _pe[j];
            int len = _len[j];
            if (src != dst)
            {
                Array.Copy(_iw, src, _iw, dst, len);
            }

            _pe[j] = dst;
            dst += len;
        }

        _pfree = dst;
    }

    /// <summary>w(e) - wflg = |Le \ Lme| for every element e adjacent to Lme.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ComputeExternalSizes(int count)
    {
        long wflg = _wflg;
        long maxElement = 0;
        for (int t = 0; t < count; t++)
        {
            int i = _lme[t];
            int nvi = -_nv[i];
            int pi = _pe[i];
            int elen = _elen[i];
            for (int q = 0; q < elen; q++)
            {
                int e = _iw[pi + q];
                if (_kind[e] != Element)
                {
                    continue;
                }

                long we = _w[e];
                if (we < wflg)
                {
                    we = wflg + _elementSize[e];
                    if (_elementSize[e] > maxElement)
                    {
                        maxElement = _elementSize[e];
                    }
                }

                _w[e] = we - nvi;
            }
        }

        return maxElement;
    }

    /// <summary>
    /// Prunes the lists of the variables in Lme, adds me to their element lists, computes the
    /// partial external degree and mass-eliminates variables with nothing outside Lme.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int UpdateVariables(int me, int count)
    {
        long wflg = _wflg;
        int massEliminated = 0;
        for (int t = 0; t < count; t++)
        {
            int i = _lme[t];
            int pi = _pe[i];
            int elen = _elen[i];
            int len = _len[i];
            int dst = pi;
            int deg = 0;
            long hash = 0;
            for (int q = 0; q < elen; q++)
            {
                int e = _iw[pi + q];
                if (_kind[e] != Element)
                {
                    continue;
                }

                long external = _w[e] - wflg;
                if (external > 0)
                {
                    deg += (int)external;
                    _iw[dst++] = e;
                    hash += e;
                }
                else
                {
                    _kind[e] = Dead;
                    _parent[e] = me;
                }
            }

            int keptElements = dst - pi;
            for (int q = elen; q < len; q++)
            {
                int j = _iw[pi + q];
                int nvj = _nv[j];
                if (nvj > 0 && _kind[j] == Variable)
                {
                    deg += nvj;
                    _iw[dst++] = j;
                    hash += j;
                }
            }

            int kept = dst - pi;
            if (deg == 0 && keptElements == 0)
            {
                int nvi = -_nv[i];
                massEliminated += nvi;
                _nv[i] = 0;
                _kind[i] = Dead;
                _parent[i] = me;
                _len[i] = 0;
                _elen[i] = 0;
                continue;
            }

            if (kept < len)
            {
                if (kept > keptElements)
                {
                    _iw[dst] = _iw[pi + keptElements];
                }

                _iw[pi + keptElements] = me;
            }
            else
            {
                RelocateWithElement(i, me, keptElements, kept);
            }

            _len[i] = kept + 1;
            _elen[i] = keptElements + 1;
            _partialDegree[i] = deg;
            _hashValue[i] = hash;
        }

        return massEliminated;
    }

    private void RelocateWithElement(int i, int me, int keptElements, int kept)
    {
        int need = kept + 1;
        if (_pfree + need > _iw.Length)
        {
            Compact();
            if (_pfree + need > _iw.Length)
            {
                Array.Resize(ref _iw, Math.Max(_iw.Length * 2, _pfree + need + _n));
            }
        }

        int src = _pe[i];
        int dst = _pfree;
        Array.Copy(_iw, src, _iw, dst, keptElements);
        _iw[dst + keptElements] = me;
        Array.Copy(_iw, src + keptElements, _iw, dst + keptElements + 1, kept - keptElements);
        _pe[i] = dst;
        _pfree += need;
    }

    /// <summary>Merges variables of Lme whose adjacency lists are identical.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DetectSupervariables(int count)
    {
        int n = _n;
        for (int t = 0; t < count; t++)
        {
            int i = _lme[t];
            if (_kind[i] != Variable)
            {
                continue;
            }

            int bucket = (int)((ulong)_hashValue[i] % (ulong)n);
            _hashNext[i] = _hashHead[bucket];
            _hashHead[bucket] = i;
        }

        for (int t = 0; t < count; t++)
        {
            int i0 = _lme[t];
            if (_kind[i0] != Variable)
            {
                continue;
            }

            int bucket = (int)((ulong)_hashValue[i0] % (ulong)n);
            int i = _hashHead[bucket];
            if (i < 0)
            {
                continue;
            }

            _hashHead[bucket] = -1;
            while (i >= 0)
            {
                int nextI = _hashNext[i];
                if (nextI >= 0)
                {
                    long flag = ++_wflg;
                    int pi = _pe[i];
                    int leni = _len[i];
                    for (int q = 0; q < leni; q++)
                    {
                        _w[_iw[pi + q]] = flag;
                    }

                    int prev = i;
                    int j = nextI;
                    while (j >= 0)
                    {
                        int nextJ = _hashNext[j];
                        if (IsSame(i, j, flag))
                        {
                            _nv[i] += _nv[j];
                            _nv[j] = 0;
                            _kind[j] = Dead;
                            _parent[j] = i;
                            _len[j] = 0;
                            _elen[j] = 0;
                            _hashNext[prev] = nextJ;
                        }
                        else
                        {
                            prev = j;
                        }

                        j = nextJ;
                    }

                    nextI = _hashNext[i];
                }

                i = nextI;
            }
        }
    }

    private bool IsSame(int i, int j, long flag)
    {
        if (_hashValue[i] != _hashValue[j] || _len[i] != _len[j] || _elen[i] != _elen[j])
        {
            return false;
        }

        int pj = _pe[j];
        int lenj = _len[j];
        for (int q = 0; q < lenj; q++)
        {
            if (_w[_iw[pj + q]] != flag)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FinalizeDegrees(int me, int count, int degme, int nel)
    {
        int p0 = _pe[me];
        int dst = p0;
        int n = _n;
        for (int t = 0; t < count; t++)
        {
            int i = _lme[t];
            if (_kind[i] != Variable)
            {
                continue;
            }

            int nvi = -_nv[i];
            _nv[i] = nvi;
            int bound = n - nel - nvi;
            int d = Math.Min(_degree[i] + degme - nvi, _partialDegree[i] + degme - nvi);
            d = Math.Max(0, Math.Min(d, bound));
            InsertDegree(i, d);
            _iw[dst++] = i;
        }

        _len[me] = dst - p0;
    }

    private void AdvanceFlag(long span)
    {
        _wflg += span + 1;
        if (_wflg > long.MaxValue / 4)
        {
            Array.Clear(_w);
            _wflg = 1;
        }
    }

    private int[] BuildOrder(int[] pivotStep, int[] pivotSize, int[] pivotExternal, int steps, int denseCount, out int[] columnCounts)
    {
        int n = _n;
        int[] root = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (_isDense[i])
            {
                root[i] = -1;
                continue;
            }

            int r = i;
            while (!_isPivot[r])
            {
                r = _parent[r];
            }

            root[i] = r;
        }

        int[] start = new int[steps + 1];
        for (int i = 0; i < n; i++)
        {
            if (root[i] >= 0)
            {
                start[pivotStep[root[i]] + 1]++;
            }
        }

        for (int s = 0; s < steps; s++)
        {
            start[s + 1] += start[s];
        }

        int[] order = new int[n];
        int[] fill = new int[steps];
        Array.Copy(start, fill, steps);
        for (int i = 0; i < n; i++)
        {
            if (root[i] == i)
            {
                order[fill[pivotStep[i]]++] = i;
            }
        }

        for (int i = 0; i < n; i++)
        {
            if (root[i] >= 0 && root[i] != i)
            {
                order[fill[pivotStep[root[i]]]++] = i;
            }
        }

        int last = n - denseCount;
        for (int i = 0; i < n; i++)
        {
            if (root[i] < 0)
            {
                order[last++] = i;
            }
        }

        columnCounts = new int[n];
        for (int k = n - denseCount; k < n; k++)
        {
            columnCounts[k] = n - 1 - k;
        }

        for (int i = 0; i < n; i++)
        {
            if (root[i] != i)
            {
                continue;
            }

            int s = pivotStep[i];
            int size = pivotSize[i];
            int ext = pivotExternal[i];
            for (int t = 0; t < size; t++)
            {
                columnCounts[start[s] + t] = size - 1 - t + ext;
            }
        }

        return order;
    }

}
