namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Supernodal multifrontal sparse LU for large MNA systems (crossbar arrays with 10⁵–10⁶
/// unknowns): fill-reducing order of A + Aᵀ with zero-diagonal branch unknowns after their
/// nodes, relaxed supernodes, dense fronts factored by blocked vectorised kernels, independent
/// subtrees on separate threads, and a backward-error check with iterative refinement on every
/// solve. Falls back to <see cref="SparseLuSolver"/> for good when its restricted pivoting fails
/// even after a fresh analysis.
/// </summary>
/// <remarks>
/// <para>Pivoting: inside each supernode, threshold partial pivoting over the supernode's own
/// rows (<see cref="SupernodalFrontKernel"/>). If no allowed row has a pivot above pivtol, a
/// refactorisation first repeats the analysis with the current values (which diagonals are zero
/// may have changed); if that fails too, or on a first factorisation, the pattern is handed to
/// the general solver, whose free pivoting either succeeds or throws
/// <see cref="SingularMatrixException"/> naming the unknown. A pivot under pivrel of its front
/// column is accepted (counted in <see cref="SolverStatistics.WeakPivots"/>); each
/// <see cref="Solve"/> then measures the row-wise backward error
/// ω = maxᵢ |b − A·x|ᵢ / (‖A(i,:)‖₁·‖x‖∞ + |bᵢ|) against a copy of A and refines while ω is above
/// 1e-13 (the left-looking solver itself reaches 2e-14 on the INV 1T1R matrices, without
/// refinement) and shrinking (M. Arioli, J. W. Demmel, I. S. Duff, "Solving sparse linear systems with
/// sparse backward error", SIAM J. Matrix Anal. Appl. 10(2), 1989). If ω stays above 1e-10 the
/// solve is redone, and every later one done, by the general solver.</para>
/// <para>The first <see cref="Factor"/> (or the first after <see cref="RequestRepivot"/>) runs
/// the symbolic analysis and allocates; later ones only refactor numerically (pivots are chosen
/// afresh inside each supernode, the structure is reused) and allocate nothing.</para>
/// </remarks>
public sealed class SupernodalLuSolver : ILinearSolver
{
    /// <summary>Backward error below which a solution is not refined (about 450·ε).</summary>
    private const double RefinementTarget = 1e-13;

    /// <summary>Backward error above which, after refinement, the general solver takes over.</summary>
    private const double FallbackTolerance = 1e-10;

    /// <summary>L + U entries (800 MB) above which the heap is compacted and returned to the system before the numeric buffers are allocated.</summary>
    private const long AggressiveCollectionFactorSize = 100_000_000;

    private const int MaxRefinements = 10;

    private readonly SparsePattern _pattern;
    private readonly PivotOptions _options;
    private readonly OrderingMethod _ordering;
    private readonly int _threads;
    private readonly double[] _values;
    private readonly double[] _rowNorm;
    private readonly double[] _b;
    private readonly double[] _residual;
    private readonly double[] _best;
    private SupernodalAnalysis? _analysis;
    private SupernodalFactorization? _lu;
    private SparseLuSolver? _fallback;
    private bool _fallbackFactored;

    /// <summary>Creates the solver for a pattern (threads: all processors).</summary>
    public SupernodalLuSolver(SparsePattern pattern, PivotOptions? options = null)
        : this(pattern, options, OrderingMethod.Automatic, Environment.ProcessorCount)
    {
    }

    /// <summary>Creates the solver with a given ordering and thread count (1 = sequential).</summary>
    internal SupernodalLuSolver(SparsePattern pattern, PivotOptions? options, OrderingMethod ordering, int threads)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _pattern = pattern;
        _options = options ?? new PivotOptions();
        _ordering = ordering;
        _threads = Math.Max(1, threads);
        Size = pattern.Size;
        _values = pattern.CreateValues();
        _rowNorm = new double[Size];
        _b = new double[Size];
        _residual = new double[Size];
        _best = new double[Size];
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>
    /// A second solver for the same pattern that holds its own numeric factorisation but shares this one's symbolic
    /// analysis (ordering, supernodes) when there is one, so it factors without ordering again.
    /// </summary>
    internal SupernodalLuSolver CreateSibling()
    {
        var sibling = new SupernodalLuSolver(_pattern, _options, _ordering, _threads) { Statistics = Statistics };
        if (_analysis is not null && _fallback is null)
        {
            sibling._analysis = _analysis;
            sibling._lu = new SupernodalFactorization(_analysis, _options);
        }

        return sibling;
    }

    /// <inheritdoc />
    public SolverStatistics Statistics { get; internal set; } = new();

    /// <summary>Whether the general sparse solver has taken over.</summary>
    public bool UsesFallback => _fallback is not null;

    /// <summary>Whether the substitutions run independent subtrees concurrently (after the first Factor).</summary>
    internal bool ConcurrentSubstitutions => _fallback is null && _lu is not null && _lu.ConcurrentSubstitutions;

    /// <summary>The symbolic analysis (after the first Factor; null in fallback).</summary>
    internal SupernodalAnalysis? Analysis => _analysis;

    /// <inheritdoc />
    public void Factor(ReadOnlySpan<double> values)
    {
        values.CopyTo(_values);
        if (_fallback is not null)
        {
            FactorFallback();
            return;
        }

        bool fresh = _lu is null;
        if (fresh && !Analyse())
        {
            SwitchToFallback();
            return;
        }

        bool ok = FactorNumeric(out int failed);
        if (!ok && !fresh)
        {
            // The structure was analysed for earlier values (which unknowns have a zero diagonal):
            // analyse again for these before giving the pattern up.
            fresh = true;
            ok = Analyse() && FactorNumeric(out failed);
        }

        if (!ok)
        {
            Statistics.FallbackReason ??= $"no pivot above pivtol among the supernode rows at unknown {failed}";
            SwitchToFallback();
            return;
        }

        if (fresh)
        {
            Statistics.Factorizations++;
        }
        else
        {
            Statistics.Refactorizations++;
        }

        ComputeRowNorms();
    }

    /// <summary>Symbolic analysis and numeric buffers for the current values; false when the pattern is beyond the supernodal solver.</summary>
    private bool Analyse()
    {
        _lu = null;
        _analysis = null;
        Statistics.OrderingTime.Start();
        try
        {
            var columns = new CompressedColumns(_pattern);
            _analysis = new SupernodalAnalysis(_pattern, columns, _ordering, _threads, _values);
            if (_analysis.FactorSize > AggressiveCollectionFactorSize)
            {
                // The ordering's work arrays are garbage now, and the factor is about to take gigabytes: give the
                // memory back first (a 1024×1024 1T1R INV peaks at 7.9 GB instead of 10.9 GB; the collection takes
                // well under a second next to the minutes of such a run).
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            _lu = new SupernodalFactorization(_analysis, _options);
        }
        catch (NotSupportedException e)
        {
            Statistics.FallbackReason = e.Message;
            _analysis = null;
            _lu = null;
            return false;
        }
        catch (OutOfMemoryException)
        {
            Statistics.FallbackReason = "out of memory in the supernodal analysis";
            _analysis = null;
            _lu = null;
            return false;
        }
        finally
        {
            Statistics.OrderingTime.Stop();
        }

        Statistics.FactorNonzeros = _analysis.FactorSize;
        Statistics.DenseTailSize = _analysis.RootFront;
        Statistics.FactorFlops = _analysis.Flops;
        return true;
    }

    private bool FactorNumeric(out int failed)
    {
        Statistics.FactorTime.Start();
        bool ok = _lu!.Factor(_values, out failed);
        Statistics.FactorTime.Stop();
        Statistics.WeakPivots = _lu.WeakPivots;
        return ok;
    }

    /// <inheritdoc />
    public void RequestRepivot()
    {
        if (_fallback is not null)
        {
            _fallback.RequestRepivot();
            return;
        }

        _lu = null;
        _analysis = null;
    }

    /// <inheritdoc />
    public void Solve(Span<double> rhs)
    {
        Statistics.SolveTime.Start();
        try
        {
            Statistics.Solves++;
            if (_fallback is not null)
            {
                _fallback.Solve(rhs);
                return;
            }

            SolveRefined(rhs);
        }
        finally
        {
            Statistics.SolveTime.Stop();
        }
    }

    /// <inheritdoc />
    public void SolveWithoutRefinement(Span<double> rhs)
    {
        if (_fallback is not null || _lu is null)
        {
            Solve(rhs);
            return;
        }

        Statistics.SolveTime.Start();
        Statistics.Solves++;
        _lu.Solve(rhs);
        Statistics.SolveTime.Stop();
    }

    private void SolveRefined(Span<double> rhs)
    {
        SupernodalFactorization lu = _lu ?? throw new InvalidOperationException("Solve before Factor");
        rhs.CopyTo(_b);
        lu.Solve(rhs);
        double omega = BackwardError(rhs);
        if (omega <= RefinementTarget)
        {
            return;
        }

        double best = omega;
        rhs.CopyTo(_best);
        double previous = omega;
        for (int step = 0; step < MaxRefinements && double.IsFinite(previous); step++)
        {
            lu.Solve(_residual);
            for (int i = 0; i < rhs.Length; i++)
            {
                rhs[i] += _residual[i];
            }

            Statistics.RefinementSteps++;
            omega = BackwardError(rhs);
            if (omega < best)
            {
                best = omega;
                rhs.CopyTo(_best);
            }

            if (!(omega <= RefinementTarget) && omega < 0.5 * previous)
            {
                previous = omega;
                continue;
            }

            break;
        }

        if (best <= FallbackTolerance)
        {
            _best.CopyTo(rhs);
            return;
        }

        Statistics.FallbackReason = $"backward error {best:E2} after refinement";
        SwitchToFallback();
        _b.CopyTo(rhs);
        _fallback!.Solve(rhs);
    }

    /// <summary>Residual b − A·x into the residual buffer and the row-wise backward error of x.</summary>
    private double BackwardError(ReadOnlySpan<double> x)
    {
        int[] rows = _pattern.Rows;
        int[] cols = _pattern.Columns;
        double[] r = _residual;
        _b.CopyTo(r, 0);
        for (int h = 1; h < rows.Length; h++)
        {
            r[rows[h]] -= _values[h] * x[cols[h]];
        }

        double xmax = 0;
        foreach (double v in x)
        {
            xmax = Math.Max(xmax, Math.Abs(v));
        }

        if (!double.IsFinite(xmax))
        {
            return double.PositiveInfinity;
        }

        double omega = 0;
        for (int i = 0; i < r.Length; i++)
        {
            double scale = (_rowNorm[i] * xmax) + Math.Abs(_b[i]);
            double e = Math.Abs(r[i]);
            if (e > 0)
            {
                omega = Math.Max(omega, scale > 0 ? e / scale : double.PositiveInfinity);
            }
        }

        return omega;
    }

    private void ComputeRowNorms()
    {
        Array.Clear(_rowNorm);
        int[] rows = _pattern.Rows;
        for (int h = 1; h < rows.Length; h++)
        {
            _rowNorm[rows[h]] += Math.Abs(_values[h]);
        }
    }

    /// <summary>Hands this pattern to the general solver for good and factors the current values with it.</summary>
    private void SwitchToFallback()
    {
        _lu = null;
        _analysis = null;
        Statistics.FactorFlops = 0;
        _fallback = new SparseLuSolver(_pattern, _options, _ordering);
        _fallbackFactored = false;
        FactorFallback();
    }

    private void FactorFallback()
    {
        SparseLuSolver fallback = _fallback!;
        int before = fallback.Statistics.Factorizations;
        Statistics.FactorTime.Start();
        try
        {
            fallback.Factor(_values);
        }
        finally
        {
            Statistics.FactorTime.Stop();
        }

        if (fallback.Statistics.Factorizations > before || !_fallbackFactored)
        {
            Statistics.Factorizations++;
        }
        else
        {
            Statistics.Refactorizations++;
        }

        _fallbackFactored = true;
        Statistics.FactorNonzeros = fallback.Statistics.FactorNonzeros;
        Statistics.DenseTailSize = fallback.DenseTailSize;
    }
}
