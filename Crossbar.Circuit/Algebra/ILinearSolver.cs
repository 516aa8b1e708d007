namespace Crossbar.Circuit.Algebra;

/// <summary>
/// A direct solver for A·x = b over a fixed <see cref="SparsePattern"/>. The first
/// <see cref="Factor"/> orders and pivots; later calls refactor numerically with the same
/// pivots and re-pivot only when a pivot degrades.
/// </summary>
public interface ILinearSolver
{
    /// <summary>Factors the matrix whose values are given by handle (slot 0 is ignored).</summary>
    /// <exception cref="SingularMatrixException">No acceptable pivot; names the unknown.</exception>
    void Factor(ReadOnlySpan<double> values);

    /// <summary>Solves in place with the last factorisation: on entry b, on exit x (length Size).</summary>
    void Solve(Span<double> rhs);

    /// <summary>
    /// Solves in place with the last factorisation as a preconditioner or a chord step may: without the iterative refinement
    /// <see cref="Solve"/> may add (the caller's iteration corrects what is left).
    /// </summary>
    void SolveWithoutRefinement(Span<double> rhs) => Solve(rhs);

    /// <summary>Forces full pivoting and ordering on the next <see cref="Factor"/>.</summary>
    void RequestRepivot();

    /// <summary>Counters and timings.</summary>
    SolverStatistics Statistics { get; }
}
