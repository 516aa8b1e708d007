namespace Crossbar.Circuit.Algebra;

/// <summary>Which linear solver <see cref="LinearSolverFactory.Create"/> returns.</summary>
internal enum LinearSolverKind
{
    /// <summary>By size and fill (the default).</summary>
    Automatic,

    /// <summary><see cref="DenseLuSolver"/>.</summary>
    Dense,

    /// <summary><see cref="SparseLuSolver"/> (left-looking scalar LU).</summary>
    Sparse,

    /// <summary><see cref="SupernodalLuSolver"/> (multifrontal).</summary>
    Supernodal,
}

/// <summary>Chooses the linear solver for a pattern.</summary>
public static class LinearSolverFactory
{
    /// <summary>Below this dimension the dense solver is used.</summary>
    public const int DenseSizeLimit = 12;

    /// <summary>Above this fraction of nonzeros the dense solver is used (for small matrices).</summary>
    public const double DenseFillLimit = 0.25;

    /// <summary>Largest dimension for which a mostly full matrix goes to the dense solver; larger
    /// ones are faster in the sparse solver, whose dense tail kernel is blocked and vectorised.</summary>
    public const int DenseFillSizeLimit = 64;

    /// <summary>From this dimension up the supernodal multifrontal solver is used. Measured on
    /// crossbar meshes (2 cores): it already refactors 2–4× faster than the left-looking solver
    /// from a few thousand unknowns (3 104: 1 ms vs 4 ms; 12 352: 4 ms vs 12 ms); 5 000 is also
    /// where the ordering starts to consider nested dissection.</summary>
    public const int SupernodalMinimumSize = 5_000;

    [ThreadStatic]
    private static LinearSolverKind t_forced;

    /// <summary>Overrides the choice on the calling thread (tests and benchmarks); Automatic restores it.</summary>
    internal static LinearSolverKind Forced
    {
        get => t_forced;
        set => t_forced = value;
    }

    /// <summary>
    /// Creates the solver best suited to the pattern: <see cref="DenseLuSolver"/> for tiny or
    /// mostly full matrices, <see cref="SupernodalLuSolver"/> from
    /// <see cref="SupernodalMinimumSize"/> unknowns up, <see cref="SparseLuSolver"/> otherwise.
    /// </summary>
    public static ILinearSolver Create(SparsePattern pattern, PivotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Choose(pattern) switch
        {
            LinearSolverKind.Dense => new DenseLuSolver(pattern, options),
            LinearSolverKind.Supernodal => new SupernodalLuSolver(pattern, options),
            _ => new SparseLuSolver(pattern, options),
        };
    }

    /// <summary>The solver kind <see cref="Create"/> picks for a pattern.</summary>
    /// <summary>
    /// Another solver of the same kind for the same pattern, holding its own factorisation and counting into the same
    /// <see cref="ILinearSolver.Statistics"/>; a supernodal solver's sibling shares its symbolic analysis.
    /// </summary>
    /// <param name="solver">A solver made by <see cref="Create"/> for <paramref name="pattern"/>.</param>
    /// <param name="pattern">Its pattern.</param>
    /// <param name="options">Its pivoting options.</param>
    internal static ILinearSolver CreateSibling(ILinearSolver solver, SparsePattern pattern, PivotOptions? options)
    {
        switch (solver)
        {
            case SupernodalLuSolver supernodal:
                return supernodal.CreateSibling();
            case DenseLuSolver dense:
                return new DenseLuSolver(pattern, options) { Statistics = dense.Statistics };
            case SparseLuSolver sparse:
                return new SparseLuSolver(pattern, options) { Statistics = sparse.Statistics };
            default:
                throw new ArgumentException($"no sibling for a {solver.GetType().Name}", nameof(solver));
        }
    }

    internal static LinearSolverKind Choose(SparsePattern pattern)
    {
        if (Forced != LinearSolverKind.Automatic)
        {
            return Forced;
        }

        long n = pattern.Size;
        if (n <= DenseSizeLimit || (n <= DenseFillSizeLimit && pattern.Count > DenseFillLimit * n * n))
        {
            return LinearSolverKind.Dense;
        }

        return n >= SupernodalMinimumSize ? LinearSolverKind.Supernodal : LinearSolverKind.Sparse;
    }
}
