namespace Crossbar.Circuit.Algebra;

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

    /// <summary>
    /// Creates the solver best suited to the pattern: <see cref="DenseLuSolver"/> for tiny or
    /// mostly full matrices, <see cref="SparseLuSolver"/> otherwise.
    /// </summary>
    public static ILinearSolver Create(SparsePattern pattern, PivotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        long n = pattern.Size;
        bool dense = n <= DenseSizeLimit || (n <= DenseFillSizeLimit && pattern.Count > DenseFillLimit * n * n);
        return dense ? new DenseLuSolver(pattern, options) : new SparseLuSolver(pattern, options);
    }
}
