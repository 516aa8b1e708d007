namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Sparse direct solver for real MNA systems: fill-reducing ordering (approximate minimum degree,
/// or nested dissection on large mesh-like patterns where it predicts a cheaper factorisation), left-looking
/// LU with threshold partial pivoting (diagonal preferred), numeric refactorisation with the
/// stored pivot sequence, and a vectorised dense kernel for the trailing dense block.
/// </summary>
/// <remarks>
/// The first <see cref="Factor"/> orders and pivots. Later calls reuse the pivots and patterns
/// of L and U; when a reused pivot falls below pivrel·max|column| or pivtol the call falls back
/// to a full factorisation with fresh pivoting. Factor (after the first) and Solve allocate
/// nothing.
/// </remarks>
public sealed class SparseLuSolver : ILinearSolver
{
    private readonly SparseLuFactorization<double> _lu;

    /// <summary>Creates the solver for a pattern.</summary>
    public SparseLuSolver(SparsePattern pattern, PivotOptions? options = null)
        : this(pattern, options, OrderingMethod.Automatic)
    {
    }

    /// <summary>Creates the solver with a given fill-reducing ordering.</summary>
    internal SparseLuSolver(SparsePattern pattern, PivotOptions? options, OrderingMethod ordering)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _lu = new SparseLuFactorization<double>(pattern, options ?? new PivotOptions(), Statistics, ordering);
        Size = pattern.Size;
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public SolverStatistics Statistics { get; internal set; } = new();

    /// <summary>Steps handled by the dense trailing block (0 when there is none); known after the first Factor.</summary>
    public int DenseTailSize => Size - _lu.TailStart;

    /// <summary>Sparse steps whose pivot row is not the column's own row (diagnostics).</summary>
    internal List<(int Step, int Column, int Row)> OffDiagonalPivots() => _lu.OffDiagonalPivots();

    /// <inheritdoc />
    public void Factor(ReadOnlySpan<double> values) => _lu.Factor(values);

    /// <inheritdoc />
    public void RequestRepivot() => _lu.RequestRepivot();

    /// <inheritdoc />
    public void Solve(Span<double> rhs) => _lu.Solve(rhs);
}
