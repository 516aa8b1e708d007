namespace Crossbar.Circuit.Algebra;

/// <summary>Chooses the linear solver for a pattern.</summary>
public static class LinearSolverFactory
{
    /// <summary>Creates the solver best suited to the pattern.</summary>
    public static ILinearSolver Create(SparsePattern pattern, PivotOptions? options = null)
        => new DenseLuSolver(pattern, options);
}
