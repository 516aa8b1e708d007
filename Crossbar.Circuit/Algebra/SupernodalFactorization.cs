using System.Runtime.CompilerServices;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Numeric phase of the supernodal multifrontal LU over a <see cref="SupernodalAnalysis"/>:
/// assemble each front from A and the children's contribution blocks (extend-add), factor its
/// pivots (<see cref="SupernodalFrontKernel"/>), keep the L and U panels, push the
/// contribution block; and the forward/back substitution with those panels.
/// </summary>
/// <remarks>
/// <para>The factorisation is Q·P·A·Qᵀ = L·U: Q the symmetric order of the analysis, P the row
/// interchanges inside each supernode. Every buffer (factor panels, fronts, contribution stacks,
/// packing buffers, solve work vectors) is allocated, pinned, by the constructor; Factor and
/// Solve allocate nothing apart from the thread-pool bookkeeping of the parallel lanes.</para>
/// <para>Row interchanges are recorded as LAPACK-style swaps per supernode. In the forward
/// substitution a right-hand-side entry travels with its matrix row: descendants update it by
/// the row's original position, and the supernode owning the row applies its swaps just before
/// its own triangular solve (Davis 2006, §6; Liu 1992).</para>
/// </remarks>
internal sealed unsafe class SupernodalFactorization
{
    /// <summary>Contribution-stack entries allowed beyond twice the factor (a tree with many wide siblings is left to the general solver).</summary>
    private const long MaxExtraStack = 1L << 25;

    /// <summary>Panel entries (r·k, 512 KB) from which a substitution splits the panel over the threads.</summary>
    private const long ParallelPanelEntries = 1 << 16;

    /// <summary>L + U entries (8 MB) from which the substitutions run the worker lanes' subtrees concurrently.</summary>
    private const long ParallelSolveFactor = 1 << 20;

    private readonly SupernodalAnalysis _analysis;
    private readonly SupernodalSchedule _schedule;
    private readonly double _relativeThreshold;
    private readonly double _absoluteThreshold;
    private readonly List<Array> _keep = [];
    private readonly double* _factor;
    private readonly int* _swaps;
    private readonly double*[] _fronts;
    private readonly double*[] _stacks;
    private readonly SupernodalGemmRunner[] _gemm;
    private readonly int[] _failed;
    private readonly int[] _weak;
    private readonly double* _work;
    private readonly Action<int> _lane;
    private readonly bool _parallel;
    private readonly Action<int> _forwardChunk;
    private readonly Action<int> _backwardChunk;
    private readonly Action<int> _forwardLane;
    private readonly Action<int> _backwardLane;
    private readonly int _solveChunks;

    /// <summary>Whether the substitutions run the worker lanes' subtrees concurrently (<see cref="Solve"/>).</summary>
    private readonly bool _parallelSolve;

    /// <summary>Per lane: the gathered x₂ of the back substitution (longest row structure).</summary>
    private readonly double*[] _gather;

    /// <summary>Per lane: U₁₂·x₂ of the back substitution (widest supernode).</summary>
    private readonly double*[] _partial;

    /// <summary>Per worker lane: its forward-substitution updates of top-lane positions, by <see cref="_topSlot"/>.</summary>
    private readonly double*[] _topUpdates;

    /// <summary>Slot of each position of a top-lane supernode in <see cref="_topUpdates"/>; -1 for worker-lane positions.</summary>
    private readonly int[] _topSlot = [];

    /// <summary>Position of each slot of <see cref="_topUpdates"/>.</summary>
    private readonly int[] _topPositions = [];
    private int _panel;
    private double[] _values = [];
    private volatile bool _abort;

    /// <summary>Allocates every buffer of the numeric phase.</summary>
    public SupernodalFactorization(SupernodalAnalysis analysis, PivotOptions options)
    {
        _analysis = analysis;
        _schedule = analysis.Schedule;
        _relativeThreshold = options.RelativeThreshold;
        _absoluteThreshold = options.AbsoluteThreshold;
        if (analysis.FactorSize > Array.MaxLength)
        {
            throw new NotSupportedException($"L + U of {analysis.FactorSize} entries is too large for one array");
        }

        long stack = _schedule.StackSize.Sum();
        if (stack > (2 * analysis.FactorSize) + MaxExtraStack)
        {
            throw new NotSupportedException($"contribution stack of {stack} entries for an L + U of {analysis.FactorSize}");
        }

        _factor = Pinned<double>(Math.Max(1, analysis.FactorSize));
        _swaps = Pinned<int>(Math.Max(1, analysis.Size));
        int lanes = _schedule.TopLane + 1;
        _fronts = new double*[lanes];
        _stacks = new double*[lanes];
        _gemm = new SupernodalGemmRunner[lanes];
        for (int lane = 0; lane < lanes; lane++)
        {
            _fronts[lane] = Pinned<double>(Math.Max(1, _schedule.FrontSize[lane]));
            _stacks[lane] = Pinned<double>(Math.Max(1, _schedule.StackSize[lane]));
            _gemm[lane] = new SupernodalGemmRunner(lane == _schedule.TopLane ? _schedule.Threads : 1);
        }

        _failed = new int[lanes];
        _weak = new int[lanes];
        _work = Pinned<double>(Math.Max(1, analysis.Size));
        _lane = lane => FactorLane(lane);
        _parallel = _schedule.HasWorkers;
        int widest = 1;
        for (int sn = 0; sn < analysis.Count; sn++)
        {
            widest = Math.Max(widest, analysis.Columns(sn));
        }

        _parallelSolve = _parallel && analysis.FactorSize >= ParallelSolveFactor;
        int solveLanes = _parallelSolve ? lanes : 1;
        _gather = new double*[lanes];
        _partial = new double*[lanes];
        _topUpdates = new double*[lanes];
        for (int lane = 0; lane < lanes; lane++)
        {
            bool own = lane < solveLanes;
            _gather[lane] = own ? Pinned<double>(Math.Max(1, analysis.MaxRows)) : _gather[0];
            _partial[lane] = own ? Pinned<double>(widest) : _partial[0];
        }

        if (_parallelSolve)
        {
            _topSlot = new int[analysis.Size];
            Array.Fill(_topSlot, -1);
            var positions = new List<int>();
            foreach (int sn in _schedule.LaneNodes[_schedule.TopLane])
            {
                for (int p = analysis.First[sn]; p < analysis.First[sn + 1]; p++)
                {
                    _topSlot[p] = positions.Count;
                    positions.Add(p);
                }
            }

            _topPositions = [.. positions];
            for (int lane = 0; lane < _schedule.TopLane; lane++)
            {
                _topUpdates[lane] = Pinned<double>(Math.Max(1, _topPositions.Length));
            }
        }

        _solveChunks = _schedule.Threads > 1 ? _schedule.Threads : 1;
        _forwardChunk = ForwardChunk;
        _backwardChunk = BackwardChunk;
        _forwardLane = ForwardLane;
        _backwardLane = BackwardLane;
    }

    /// <summary>Whether <see cref="Solve"/> runs the worker lanes' subtrees concurrently.</summary>
    public bool ConcurrentSubstitutions => _parallelSolve;

    /// <summary>Pivots under pivrel·max|front column| in the last factorisation.</summary>
    public int WeakPivots { get; private set; }

    /// <summary>Factors the values (by handle); false when a supernode had no acceptable pivot, with that unknown.</summary>
    public bool Factor(double[] values, out int failedUnknown)
    {
        _values = values;
        _abort = false;
        Array.Fill(_failed, -1);
        Array.Clear(_weak);
        int top = _schedule.TopLane;
        if (_parallel)
        {
            if (_analysis.Flops > 1e7)
            {
                Parallel.For(0, top, _lane);
            }
            else
            {
                for (int lane = 0; lane < top; lane++)
                {
                    FactorLane(lane);
                }
            }
        }

        if (!_abort)
        {
            FactorLane(top);
        }

        WeakPivots = _weak.Sum();
        failedUnknown = -1;
        foreach (int f in _failed)
        {
            if (f >= 0)
            {
                failedUnknown = _analysis.Order[f];
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FactorLane(int lane)
    {
        double* front = _fronts[lane];
        SupernodalGemmRunner gemm = _gemm[lane];
        int weak = 0;
        foreach (int s in _schedule.LaneNodes[lane])
        {
            if (_abort)
            {
                break;
            }

            int failed = FactorSupernode(s, front, gemm, ref weak);
            if (failed >= 0)
            {
                _failed[lane] = failed;
                _abort = true;
                break;
            }
        }

        _weak[lane] = weak;
    }

    /// <summary>Assembles, factors and stores one supernode; returns -1 or the failing position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FactorSupernode(int s, double* f, SupernodalGemmRunner gemm, ref int weak)
    {
        SupernodalAnalysis a = _analysis;
        int first = a.First[s];
        int k = a.Columns(s);
        int r = a.Rows(s);
        int m = k + r;
        new Span<double>(f, m * m).Clear();

        int[] handles = a.AssembleHandle;
        int[] offsets = a.AssembleOffset;
        double[] values = _values;
        for (int t = a.AssembleStart[s]; t < a.AssembleStart[s + 1]; t++)
        {
            f[offsets[t]] += values[handles[t]];
        }

        int[] relative = a.RelativeIndex;
        for (int c = a.ChildStart[s]; c < a.ChildStart[s + 1]; c++)
        {
            int child = a.Children[c];
            int rc = a.Rows(child);
            int start = a.StructStart[child];
            double* cb = _stacks[_schedule.Lane[child]] + _schedule.StackOffset[child];
            for (int i = 0; i < rc; i++)
            {
                double* row = f + ((long)relative[start + i] * m);
                double* src = cb + ((long)i * rc);
                for (int j = 0; j < rc; j++)
                {
                    row[relative[start + j]] += src[j];
                }
            }
        }

        int failed = SupernodalFrontKernel.Factor(f, m, k, _swaps + first, _relativeThreshold, _absoluteThreshold, gemm, ref weak);
        if (failed >= 0)
        {
            return first + failed;
        }

        double* panel = _factor + a.FactorOffset[s];
        new Span<double>(f, k * m).CopyTo(new Span<double>(panel, k * m));
        double* lower = panel + ((long)k * m);
        double* stack = _stacks[_schedule.Lane[s]] + _schedule.StackOffset[s];
        for (int i = 0; i < r; i++)
        {
            double* row = f + ((long)(k + i) * m);
            new Span<double>(row, k).CopyTo(new Span<double>(lower + ((long)i * k), k));
            new Span<double>(row + k, r).CopyTo(new Span<double>(stack + ((long)i * r), r));
        }

        return -1;
    }

    /// <summary>Solves A·x = b in place (b on entry, x on exit) with the last factorisation.</summary>
    /// <remarks>
    /// The substitutions follow the factorisation's schedule: the subtrees of the worker lanes are independent, so
    /// with a large factor (a solve streams all of L + U from memory, and two cores draw about twice one core's
    /// bandwidth) their forward substitutions run concurrently, each lane keeping its updates of the top lane's
    /// entries apart (the only entries two lanes share: the ancestors of a lane's subtrees are all in the top lane)
    /// until they are summed; the top lane follows, its large panels split over the threads. The back substitution
    /// runs in the opposite order: the top lane, then the lanes concurrently (each reads only its own entries and
    /// the top lane's).
    /// </remarks>
    public void Solve(Span<double> rhs)
    {
        SupernodalAnalysis a = _analysis;
        int n = a.Size;
        int[] order = a.Order;
        double* w = _work;
        for (int p = 0; p < n; p++)
        {
            w[p] = rhs[order[p]];
        }

        int top = _schedule.TopLane;
        if (_parallelSolve)
        {
            Parallel.For(0, top, _forwardLane);
            for (int lane = 0; lane < top; lane++)
            {
                double* updates = _topUpdates[lane];
                for (int slot = 0; slot < _topPositions.Length; slot++)
                {
                    w[_topPositions[slot]] += updates[slot];
                }
            }

            ForwardNodes(_schedule.LaneNodes[top], top);
            BackwardNodes(_schedule.LaneNodes[top], top);
            Parallel.For(0, top, _backwardLane);
        }
        else
        {
            for (int lane = 0; lane <= top; lane++)
            {
                ForwardNodes(_schedule.LaneNodes[lane], lane);
            }

            for (int lane = top; lane >= 0; lane--)
            {
                BackwardNodes(_schedule.LaneNodes[lane], lane);
            }
        }

        for (int p = 0; p < n; p++)
        {
            rhs[order[p]] = w[p];
        }
    }

    /// <summary>The forward substitution of one worker lane's subtrees (<see cref="Solve"/>).</summary>
    private void ForwardLane(int lane)
    {
        new Span<double>(_topUpdates[lane], Math.Max(1, _topPositions.Length)).Clear();
        ForwardNodes(_schedule.LaneNodes[lane], lane);
    }

    /// <summary>The back substitution of one worker lane's subtrees (<see cref="Solve"/>).</summary>
    private void BackwardLane(int lane) => BackwardNodes(_schedule.LaneNodes[lane], lane);

    /// <summary>Forward substitution over supernodes in postorder: each applies its row swaps, solves with its unit lower triangle and updates the rows below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardNodes(int[] nodes, int lane)
    {
        SupernodalAnalysis a = _analysis;
        foreach (int s in nodes)
        {
            int first = a.First[s];
            int k = a.Columns(s);
            int r = a.Rows(s);
            int m = k + r;
            double* upper = _factor + a.FactorOffset[s];
            double* ws = _work + first;
            int* swaps = _swaps + first;
            for (int t = 0; t < k; t++)
            {
                int p = swaps[t];
                if (p != t)
                {
                    (ws[t], ws[p]) = (ws[p], ws[t]);
                }
            }

            for (int t = 1; t < k; t++)
            {
                ws[t] -= SupernodalFrontKernel.Dot(upper + ((long)t * m), ws, t);
            }

            if (lane == _schedule.TopLane && IsParallelPanel(k, r))
            {
                _panel = s;
                Parallel.For(0, _solveChunks, _forwardChunk);
            }
            else
            {
                ForwardRows(s, 0, r, lane);
            }
        }
    }

    /// <summary>Back substitution over supernodes in reverse postorder: U₁₂·x₂ from the rows below, then the upper triangle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackwardNodes(int[] nodes, int lane)
    {
        SupernodalAnalysis a = _analysis;
        int[] rows = a.StructRows;
        double* gather = _gather[lane];
        double* partial = _partial[lane];
        for (int q = nodes.Length - 1; q >= 0; q--)
        {
            int s = nodes[q];
            int first = a.First[s];
            int k = a.Columns(s);
            int r = a.Rows(s);
            int m = k + r;
            double* upper = _factor + a.FactorOffset[s];
            double* ws = _work + first;
            int start = a.StructStart[s];
            for (int i = 0; i < r; i++)
            {
                gather[i] = _work[rows[start + i]];
            }

            // The rectangular part U₁₂·x₂ first (over the threads for a large panel of the top lane), then the triangle.
            if (lane == _schedule.TopLane && IsParallelPanel(k, r))
            {
                _panel = s;
                Parallel.For(0, _solveChunks, _backwardChunk);
            }
            else
            {
                BackwardPartial(s, 0, k, lane);
            }

            for (int t = k - 1; t >= 0; t--)
            {
                double* ut = upper + ((long)t * m);
                double v = ws[t] - partial[t] - SupernodalFrontKernel.Dot(ut + t + 1, ws + t + 1, k - t - 1);
                ws[t] = v / ut[t];
            }
        }
    }

    /// <summary>
    /// Whether a supernode's rectangular panel (k columns, r rows below) is split over the threads in the
    /// substitutions: its r·k products outweigh the hand-over (a few microseconds) many times over.
    /// </summary>
    private bool IsParallelPanel(int k, int r) => _solveChunks > 1 && (long)k * r >= ParallelPanelEntries;

    /// <summary>A share of the current panel's rows in the forward substitution (<see cref="ForwardRows"/>).</summary>
    private void ForwardChunk(int chunk)
    {
        (int from, int to) = Chunk(chunk, _analysis.Rows(_panel));
        ForwardRows(_panel, from, to, _schedule.TopLane);
    }

    /// <summary>A share of the current panel's columns in the back substitution (<see cref="BackwardPartial"/>).</summary>
    private void BackwardChunk(int chunk)
    {
        (int from, int to) = Chunk(chunk, _analysis.Columns(_panel));
        BackwardPartial(_panel, from, to, _schedule.TopLane);
    }

    /// <summary>
    /// Forward substitution, rows [from, to) of supernode s's L₂₁ block: w[rows] −= L₂₁·x₁; a worker lane's
    /// updates of top-lane rows go to its own accumulator when the lanes run concurrently.
    /// </summary>
    private void ForwardRows(int s, int from, int to, int lane)
    {
        SupernodalAnalysis a = _analysis;
        int k = a.Columns(s);
        int r = a.Rows(s);
        double* lower = _factor + a.FactorOffset[s] + ((long)k * (k + r));
        double* ws = _work + a.First[s];
        int[] rows = a.StructRows;
        int start = a.StructStart[s];
        bool apart = _parallelSolve && lane != _schedule.TopLane;
        double* updates = _topUpdates[lane];
        for (int i = from; i < to; i++)
        {
            int row = rows[start + i];
            double update = SupernodalFrontKernel.Dot(lower + ((long)i * k), ws, k);
            int slot = apart ? _topSlot[row] : -1;
            if (slot >= 0)
            {
                updates[slot] -= update;
            }
            else
            {
                _work[row] -= update;
            }
        }
    }

    /// <summary>Back substitution, columns [from, to) of supernode s: partial[t] = U₁₂[t, :]·x₂ (x₂ gathered), in the lane's buffers.</summary>
    private void BackwardPartial(int s, int from, int to, int lane)
    {
        SupernodalAnalysis a = _analysis;
        int k = a.Columns(s);
        int r = a.Rows(s);
        int m = k + r;
        double* upper = _factor + a.FactorOffset[s];
        double* gather = _gather[lane];
        double* partial = _partial[lane];
        for (int t = from; t < to; t++)
        {
            partial[t] = SupernodalFrontKernel.Dot(upper + ((long)t * m) + k, gather, r);
        }
    }

    private (int From, int To) Chunk(int chunk, int count)
    {
        int per = (count + _solveChunks - 1) / _solveChunks;
        return (Math.Min(count, chunk * per), Math.Min(count, (chunk + 1) * per));
    }

    /// <summary>A pinned array (kept alive by this object), written once so that its pages are
    /// mapped here, in one sequential sweep, rather than by the first factorisation's scattered stores.</summary>
    private T* Pinned<T>(long length)
        where T : unmanaged
    {
        // Zeroed by the allocator; pages are mapped when first written, so buffers sized for the worst case cost only
        // what the factorisation touches.
        T[] array = GC.AllocateArray<T>((int)length, pinned: true);
        _keep.Add(array);
        return (T*)Unsafe.AsPointer(ref array[0]);
    }
}
