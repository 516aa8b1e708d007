using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Sparse LU factorisation P·A·Q = L·U shared by the real and complex solvers: a
/// fill-reducing column order on A + Aᵀ (minimum degree or nested dissection), left-looking
/// Gilbert–Peierls elimination with threshold partial pivoting (diagonal preferred, then a row
/// whose own column is already eliminated, then the largest), and a dense LU for the trailing block once
/// the remaining submatrix is dense.
/// </summary>
/// <remarks>
/// J. R. Gilbert, T. Peierls, "Sparse partial pivoting in time proportional to arithmetic
/// operations", SIAM J. Sci. Stat. Comput. 9(5), 1988: column k of L and U is the solution of a
/// sparse triangular system whose nonzero pattern is the set reachable, in the graph of the
/// already computed columns of L, from the nonzeros of A(:, k).
/// <para>Row indices of L and U refer to row slots: slot s &lt; TailStart is the row pivoted at
/// step s; tail slots hold the rows left for the dense block, in the block's own row order
/// before its pivoting.</para>
/// </remarks>
internal sealed class SparseLuFactorization<T>
    where T : struct, INumberBase<T>
{
    private readonly CompressedColumns _matrix;
    private readonly T[] _values;
    private readonly PivotOptions _options;
    private readonly SolverStatistics _statistics;
    private readonly T[] _solveWork;
    private readonly int _n;
    private readonly OrderingMethod _ordering;

    private int[] _order = [];
    private int[] _columnCounts = [];
    private int[] _position = [];
    private int _tailStart;
    private int _tailSize;

    private readonly int[] _slotOfRow;
    private readonly int[] _rowOfSlot;
    private readonly int[] _lStart;
    private readonly int[] _uStart;
    private readonly int[] _lSearchEnd;
    private readonly bool[] _pruned;
    private int[] _lIndex = [];
    private T[] _lValue = [];
    private int[] _uIndex = [];
    private T[] _uValue = [];
    private readonly T[] _diagonal;
    private T[] _dense = [];
    private int[] _denseSwaps = [];
    private bool[] _tailSlotUsed = [];

    private readonly T[] _x;
    private readonly int[] _mark;
    private readonly int[] _stack;
    private readonly int[] _stackPosition;
    private readonly int[] _topo;
    private readonly int[] _candidates;
    private bool _factored;
    private bool _repivot = true;

    public SparseLuFactorization(SparsePattern pattern, PivotOptions options, SolverStatistics statistics, OrderingMethod ordering = OrderingMethod.Automatic)
    {
        _ordering = ordering;
        _matrix = new CompressedColumns(pattern);
        _n = pattern.Size;
        _solveWork = new T[_n];
        _values = new T[_matrix.Count];
        _options = options;
        _statistics = statistics;
        int n = _n;
        _slotOfRow = new int[n];
        _rowOfSlot = new int[n];
        _lStart = new int[n + 1];
        _uStart = new int[n + 1];
        _lSearchEnd = new int[n];
        _pruned = new bool[n];
        _diagonal = new T[n];
        _x = new T[n];
        _mark = new int[n];
        _stack = new int[n];
        _stackPosition = new int[n];
        _topo = new int[n];
        _candidates = new int[n];
    }

    /// <summary>Column order: position k holds the original column (unknown) eliminated k-th.</summary>
    public ReadOnlySpan<int> ColumnOrder => _order;

    /// <summary>First step handled by the dense tail block (Size when there is none).</summary>
    public int TailStart => _tailStart;

    public void RequestRepivot() => _repivot = true;

    /// <summary>
    /// When the diagonal is rejected, an acceptable row whose own column has already been
    /// eliminated (with another row) ends the chain of displaced diagonals; otherwise the largest.
    /// </summary>
    private int OrphanPivot(int candidates, int k, double threshold, int best)
    {
        int[] cand = _candidates;
        int[] position = _position;
        double orphanMax = 0;
        int orphan = -1;
        for (int c = 0; c < candidates; c++)
        {
            int r = cand[c];
            if (position[r] < k)
            {
                double v = Magnitude.Of(_x[r]);
                if (v >= threshold && v > orphanMax)
                {
                    orphanMax = v;
                    orphan = r;
                }
            }
        }

        return orphan >= 0 ? orphan : best;
    }

    /// <summary>Sparse steps whose pivot row is not the column's own row (diagnostics).</summary>
    internal List<(int Step, int Column, int Row)> OffDiagonalPivots()
    {
        var list = new List<(int, int, int)>();
        for (int k = 0; k < _tailStart; k++)
        {
            if (_rowOfSlot[k] != _order[k])
            {
                list.Add((k, _order[k], _rowOfSlot[k]));
            }
        }

        return list;
    }

    public void Factor(ReadOnlySpan<T> values)
    {
        int[] pos = _matrix.HandlePosition;
        for (int h = 1; h < pos.Length; h++)
        {
            _values[pos[h]] = values[h];
        }

        if (_order.Length != _n)
        {
            Analyze();
        }

        _statistics.FactorTime.Start();
        try
        {
            if (_factored && !_repivot && Refactor())
            {
                _statistics.Refactorizations++;
                return;
            }

            _factored = false;
            FactorWithPivoting();
            _factored = true;
            _repivot = false;
            _statistics.Factorizations++;
            _statistics.FactorNonzeros = _lStart[_tailStart] + _uStart[_n] + _tailStart + ((long)_tailSize * _tailSize);
        }
        finally
        {
            _statistics.FactorTime.Stop();
        }
    }

    private void Analyze()
    {
        _statistics.OrderingTime.Start();
        _order = FillReducingOrdering.Order(_n, _matrix.ColumnStart, _matrix.RowIndex, _ordering, out _columnCounts);
        _tailStart = DenseTailModel.Choose(_columnCounts, out _);
        _position = new int[_n];
        for (int k = 0; k < _n; k++)
        {
            _position[_order[k]] = k;
        }

        _tailSize = _n - _tailStart;
        _statistics.DenseTailSize = _tailSize;
        _dense = new T[(long)_tailSize * _tailSize];
        _denseSwaps = new int[_tailSize];
        _tailSlotUsed = new bool[_tailSize];
        long estimate = _n;
        for (int k = 0; k < _tailStart; k++)
        {
            estimate += _columnCounts[k];
        }

        int capacity = (int)Math.Min(int.MaxValue / 2, (estimate * 5 / 4) + 16);
        _lIndex = new int[capacity];
        _lValue = new T[capacity];
        _uIndex = new int[capacity];
        _uValue = new T[capacity];
        _statistics.OrderingTime.Stop();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FactorWithPivoting()
    {
        int n = _n;
        int[] colStart = _matrix.ColumnStart;
        int[] rowIndex = _matrix.RowIndex;
        T[] a = _values;
        T[] x = _x;
        int[] mark = _mark;
        int[] pinv = _slotOfRow;
        Array.Fill(pinv, -1);
        Array.Fill(mark, -1);
        double relative = _options.RelativeThreshold;
        double absolute = _options.AbsoluteThreshold;
        int lp = 0;
        int up = 0;
        int tail = _tailStart;
        for (int k = 0; k < tail; k++)
        {
            int col = _order[k];
            _lStart[k] = lp;
            _uStart[k] = up;
            int top = Reach(k, col, out int candidates);

            for (int p = colStart[col]; p < colStart[col + 1]; p++)
            {
                x[rowIndex[p]] = a[p];
            }

            int[] topo = _topo;
            int[] lStart = _lStart;
            int[] lIndex = _lIndex;
            T[] lValue = _lValue;
            int[] rowOfSlot = _rowOfSlot;
            for (int t = top; t < n; t++)
            {
                int j = topo[t];
                T xj = x[rowOfSlot[j]];
                if (T.IsZero(xj))
                {
                    continue;
                }

                ScatterUpdate(x, lIndex, lValue, lStart[j], lStart[j + 1], xj);
            }

            int need = n - top;
            if (up + need > _uIndex.Length)
            {
                GrowU(up + need);
            }

            for (int t = top; t < n; t++)
            {
                int j = topo[t];
                int r = _rowOfSlot[j];
                _uIndex[up] = j;
                _uValue[up++] = x[r];
                x[r] = T.Zero;
            }

            int[] cand = _candidates;
            double max = 0;
            int best = -1;
            for (int c = 0; c < candidates; c++)
            {
                double v = Magnitude.Of(x[cand[c]]);
                if (v > max)
                {
                    max = v;
                    best = cand[c];
                }
            }

            if (best < 0 || max <= absolute)
            {
                for (int c = 0; c < candidates; c++)
                {
                    x[cand[c]] = T.Zero;
                }

                throw new SingularMatrixException(col);
            }

            int pivotRow = best;
            if (pinv[col] < 0 && mark[col] == k && Magnitude.Of(x[col]) >= relative * max)
            {
                pivotRow = col;
            }
            else
            {
                pivotRow = OrphanPivot(candidates, k, relative * max, best);
            }

            T pivot = x[pivotRow];
            x[pivotRow] = T.Zero;
            _diagonal[k] = pivot;
            pinv[pivotRow] = k;
            _rowOfSlot[k] = pivotRow;
            if (lp + candidates > _lIndex.Length)
            {
                GrowL(lp + candidates);
            }

            for (int c = 0; c < candidates; c++)
            {
                int r = cand[c];
                if (r == pivotRow)
                {
                    continue;
                }

                _lIndex[lp] = r;
                _lValue[lp++] = x[r] / pivot;
                x[r] = T.Zero;
            }

            _lStart[k + 1] = lp;
            _lSearchEnd[k] = lp;
            _pruned[k] = false;
            Prune(top, pivotRow);
        }

        _lStart[tail] = lp;
        _uStart[tail] = up;
        AssignTailSlots();
        for (int p = 0; p < lp; p++)
        {
            _lIndex[p] = pinv[_lIndex[p]];
        }

        if (_tailSize > 0)
        {
            Array.Fill(mark, -1);
            for (int k = tail; k < n; k++)
            {
                _uStart[k] = up;
                up = TailColumnSymbolic(k, up);
            }

            _uStart[n] = up;
            ComputeTailColumns();
            FactorDenseTail();
        }
        else
        {
            _uStart[n] = up;
        }
    }

    /// <summary>
    /// Symmetric pruning (Eisenstat and Liu): once U(j, k) and L(pivot row of k, j) are both
    /// nonzero, every row of L(:, j) pivoted after step k is also reachable through column k,
    /// so depth-first searches need only the part of L(:, j) pivoted so far. That part is moved
    /// to the front of the column and the search stops at its end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Prune(int top, int pivotRow)
    {
        int n = _n;
        int[] topo = _topo;
        int[] lIndex = _lIndex;
        T[] lValue = _lValue;
        int[] pinv = _slotOfRow;
        for (int t = top; t < n; t++)
        {
            int j = topo[t];
            if (_pruned[j])
            {
                continue;
            }

            int start = _lStart[j];
            int end = _lSearchEnd[j];
            bool found = false;
            for (int p = start; p < end; p++)
            {
                if (lIndex[p] == pivotRow)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                continue;
            }

            int head = start;
            int tailEnd = end;
            while (head < tailEnd)
            {
                if (pinv[lIndex[head]] >= 0)
                {
                    head++;
                }
                else
                {
                    tailEnd--;
                    (lIndex[head], lIndex[tailEnd]) = (lIndex[tailEnd], lIndex[head]);
                    (lValue[head], lValue[tailEnd]) = (lValue[tailEnd], lValue[head]);
                }
            }

            _lSearchEnd[j] = head;
            _pruned[j] = true;
        }
    }

    /// <summary>
    /// Marks the rows reachable from A(:, col) in the graph of L; pivoted ones go in topological
    /// order to _topo[top..n), unpivoted ones (pivot candidates) to _candidates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Reach(int k, int col, out int candidates)
    {
        int n = _n;
        int[] colStart = _matrix.ColumnStart;
        int[] rowIndex = _matrix.RowIndex;
        int[] mark = _mark;
        int[] pinv = _slotOfRow;
        int[] stack = _stack;
        int[] stackPos = _stackPosition;
        int[] lStart = _lStart;
        int[] lIndex = _lIndex;
        int[] searchEnd = _lSearchEnd;
        int top = n;
        int count = 0;
        for (int p = colStart[col]; p < colStart[col + 1]; p++)
        {
            int r = rowIndex[p];
            if (mark[r] == k)
            {
                continue;
            }

            mark[r] = k;
            int j = pinv[r];
            if (j < 0)
            {
                _candidates[count++] = r;
                continue;
            }

            int head = 0;
            stack[0] = j;
            stackPos[0] = lStart[j];
            while (head >= 0)
            {
                j = stack[head];
                int q = stackPos[head];
                int end = searchEnd[j];
                bool descended = false;
                while (q < end)
                {
                    int r2 = lIndex[q++];
                    if (mark[r2] == k)
                    {
                        continue;
                    }

                    mark[r2] = k;
                    int j2 = pinv[r2];
                    if (j2 < 0)
                    {
                        _candidates[count++] = r2;
                        continue;
                    }

                    stackPos[head] = q;
                    head++;
                    stack[head] = j2;
                    stackPos[head] = lStart[j2];
                    descended = true;
                    break;
                }

                if (!descended)
                {
                    head--;
                    _topo[--top] = j;
                }
            }
        }

        candidates = count;
        return top;
    }

    /// <summary>Gives the rows left after the sparse steps slots TailStart..Size-1, diagonal first.</summary>
    private void AssignTailSlots()
    {
        int n = _n;
        int tail = _tailStart;
        int[] slot = _slotOfRow;
        bool[] used = _tailSlotUsed;
        Array.Clear(used);
        for (int k = tail; k < n; k++)
        {
            int col = _order[k];
            if (slot[col] < 0)
            {
                slot[col] = k;
                _rowOfSlot[k] = col;
                used[k - tail] = true;
            }
        }

        int free = 0;
        for (int r = 0; r < n; r++)
        {
            if (slot[r] >= 0)
            {
                continue;
            }

            while (used[free])
            {
                free++;
            }

            used[free] = true;
            slot[r] = tail + free;
            _rowOfSlot[tail + free] = r;
        }
    }

    /// <summary>Pattern of U(0..TailStart-1, k) for a tail column, in topological order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TailColumnSymbolic(int k, int up)
    {
        int n = _n;
        int tail = _tailStart;
        int col = _order[k];
        int[] colStart = _matrix.ColumnStart;
        int[] rowIndex = _matrix.RowIndex;
        int[] mark = _mark;
        int[] stack = _stack;
        int[] stackPos = _stackPosition;
        int top = n;
        for (int p = colStart[col]; p < colStart[col + 1]; p++)
        {
            int s = _slotOfRow[rowIndex[p]];
            if (s >= tail || mark[s] == k)
            {
                continue;
            }

            mark[s] = k;
            int head = 0;
            stack[0] = s;
            stackPos[0] = _lStart[s];
            while (head >= 0)
            {
                int j = stack[head];
                int q = stackPos[head];
                int end = _lSearchEnd[j];
                bool descended = false;
                while (q < end)
                {
                    int s2 = _lIndex[q++];
                    if (s2 >= tail || mark[s2] == k)
                    {
                        continue;
                    }

                    mark[s2] = k;
                    stackPos[head] = q;
                    head++;
                    stack[head] = s2;
                    stackPos[head] = _lStart[s2];
                    descended = true;
                    break;
                }

                if (!descended)
                {
                    head--;
                    _topo[--top] = j;
                }
            }
        }

        int need = n - top;
        if (up + need > _uIndex.Length)
        {
            GrowU(up + need);
        }

        for (int t = top; t < n; t++)
        {
            _uIndex[up++] = _topo[t];
        }

        return up;
    }

    /// <summary>U values of the tail columns and the Schur complement, written to the dense block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeTailColumns()
    {
        int n = _n;
        int tail = _tailStart;
        int m = _tailSize;
        int[] colStart = _matrix.ColumnStart;
        int[] rowIndex = _matrix.RowIndex;
        T[] a = _values;
        T[] x = _x;
        T[] dense = _dense;
        for (int k = tail; k < n; k++)
        {
            int col = _order[k];
            for (int p = colStart[col]; p < colStart[col + 1]; p++)
            {
                x[_slotOfRow[rowIndex[p]]] = a[p];
            }

            int end = _uStart[k + 1];
            int[] lStart = _lStart;
            int[] lIndex = _lIndex;
            T[] lValue = _lValue;
            int[] uIndex = _uIndex;
            T[] uValue = _uValue;
            for (int p = _uStart[k]; p < end; p++)
            {
                int j = uIndex[p];
                T xj = x[j];
                x[j] = T.Zero;
                uValue[p] = xj;
                if (T.IsZero(xj))
                {
                    continue;
                }

                ScatterUpdate(x, lIndex, lValue, lStart[j], lStart[j + 1], xj);
            }

            int c = k - tail;
            for (int i = 0; i < m; i++)
            {
                dense[((long)i * m) + c] = x[tail + i];
                x[tail + i] = T.Zero;
            }
        }
    }

    private void FactorDenseTail()
    {
        int failed = DenseLuKernel.Factor(_dense, _tailSize, _denseSwaps, _options.RelativeThreshold, _options.AbsoluteThreshold);
        if (failed >= 0)
        {
            throw new SingularMatrixException(_order[_tailStart + failed]);
        }
    }

    /// <summary>Numeric factorisation with the stored pivots; false when a pivot degraded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Refactor()
    {
        int tail = _tailStart;
        int[] colStart = _matrix.ColumnStart;
        int[] rowIndex = _matrix.RowIndex;
        T[] a = _values;
        T[] x = _x;
        int[] lStart = _lStart;
        int[] lIndex = _lIndex;
        T[] lValue = _lValue;
        int[] uIndex = _uIndex;
        T[] uValue = _uValue;
        double relative = _options.RelativeThreshold;
        double absolute = _options.AbsoluteThreshold;
        for (int k = 0; k < tail; k++)
        {
            int col = _order[k];
            for (int p = colStart[col]; p < colStart[col + 1]; p++)
            {
                x[_slotOfRow[rowIndex[p]]] = a[p];
            }

            int uend = _uStart[k + 1];
            for (int p = _uStart[k]; p < uend; p++)
            {
                int j = uIndex[p];
                T xj = x[j];
                x[j] = T.Zero;
                uValue[p] = xj;
                if (T.IsZero(xj))
                {
                    continue;
                }

                ScatterUpdate(x, lIndex, lValue, lStart[j], lStart[j + 1], xj);
            }

            T pivot = x[k];
            x[k] = T.Zero;
            double pivotMagnitude = Magnitude.Of(pivot);
            double max = pivotMagnitude;
            int start = lStart[k];
            int end = lStart[k + 1];
            for (int q = start; q < end; q++)
            {
                double v = Magnitude.Of(x[lIndex[q]]);
                if (v > max)
                {
                    max = v;
                }
            }

            if (pivotMagnitude <= absolute || pivotMagnitude < relative * max)
            {
                for (int q = start; q < end; q++)
                {
                    x[lIndex[q]] = T.Zero;
                }

                return false;
            }

            _diagonal[k] = pivot;
            for (int q = start; q < end; q++)
            {
                int r = lIndex[q];
                lValue[q] = x[r] / pivot;
                x[r] = T.Zero;
            }
        }

        if (_tailSize > 0)
        {
            ComputeTailColumns();
            int failed = DenseLuKernel.Factor(_dense, _tailSize, _denseSwaps, _options.RelativeThreshold, _options.AbsoluteThreshold);
            if (failed >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Solves A·x = b in place with the last factorisation (on entry b, on exit x; length
    /// Size), timed and counted in the statistics.</summary>
    public void Solve(Span<T> rhs)
    {
        _statistics.SolveTime.Start();
        try
        {
            Solve(rhs, _solveWork);
            _statistics.Solves++;
        }
        finally
        {
            _statistics.SolveTime.Stop();
        }
    }

    /// <summary>Solves A·x = b in place using <paramref name="work"/> (length Size) as scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Solve(Span<T> rhs, Span<T> work)
    {
        if (!_factored)
        {
            throw new InvalidOperationException("Solve called before a successful Factor");
        }

        int n = _n;
        int tail = _tailStart;
        Span<T> y = work.Slice(0, n);
        for (int s = 0; s < n; s++)
        {
            y[s] = rhs[_rowOfSlot[s]];
        }

        int[] lStart = _lStart;
        int[] lIndex = _lIndex;
        T[] lValue = _lValue;
        for (int k = 0; k < tail; k++)
        {
            T yk = y[k];
            if (T.IsZero(yk))
            {
                continue;
            }

            ScatterUpdate(y, lIndex, lValue, lStart[k], lStart[k + 1], yk);
        }

        if (_tailSize > 0)
        {
            DenseLuKernel.Solve(_dense, _tailSize, _denseSwaps, y.Slice(tail));
        }

        int[] uStart = _uStart;
        int[] uIndex = _uIndex;
        T[] uValue = _uValue;
        for (int k = n - 1; k >= 0; k--)
        {
            T yk = k >= tail ? y[k] : y[k] / _diagonal[k];
            y[k] = yk;
            if (T.IsZero(yk))
            {
                continue;
            }

            ScatterUpdate(y, uIndex, uValue, uStart[k], uStart[k + 1], yk);
        }

        for (int k = 0; k < n; k++)
        {
            rhs[_order[k]] = y[k];
        }
    }

    /// <summary>x[index[p]] -= value[p]·scale for p in [start, end), without bounds checks.</summary>
    /// <remarks>Indices come from the factor's own patterns, which always lie inside x.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterUpdate(Span<T> x, int[] index, T[] value, int start, int end, T scale)
    {
        Debug.Assert(end <= index.Length && end <= value.Length, "pattern range inside storage");
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref int i0 = ref MemoryMarshal.GetArrayDataReference(index);
        ref T v0 = ref MemoryMarshal.GetArrayDataReference(value);
        for (int p = start; p < end; p++)
        {
            Unsafe.Add(ref x0, Unsafe.Add(ref i0, p)) -= Unsafe.Add(ref v0, p) * scale;
        }
    }

    private void GrowL(int needed)
    {
        int size = Math.Max(needed, _lIndex.Length + (_lIndex.Length / 2) + 1024);
        Array.Resize(ref _lIndex, size);
        Array.Resize(ref _lValue, size);
    }

    private void GrowU(int needed)
    {
        int size = Math.Max(needed, _uIndex.Length + (_uIndex.Length / 2) + 1024);
        Array.Resize(ref _uIndex, size);
        Array.Resize(ref _uValue, size);
    }
}
