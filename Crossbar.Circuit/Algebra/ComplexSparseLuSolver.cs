using System.Numerics;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Complex-valued counterpart of <see cref="SparseLuSolver"/> for AC (small-signal) analysis:
/// the same ordering, pivoting (by complex magnitude), refactorisation and dense tail.
/// </summary>
public sealed class ComplexSparseLuSolver
{
    private readonly SparseLuFactorization<Complex> _lu;

    /// <summary>Creates the solver for a pattern.</summary>
    public ComplexSparseLuSolver(SparsePattern pattern, PivotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _lu = new SparseLuFactorization<Complex>(pattern, options ?? new PivotOptions(), Statistics);
        Size = pattern.Size;
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>Counters and timings.</summary>
    public SolverStatistics Statistics { get; } = new();

    /// <summary>Factors the matrix whose values are given by handle (slot 0 is ignored).</summary>
    /// <exception cref="SingularMatrixException">No acceptable pivot; names the unknown.</exception>
    public void Factor(ReadOnlySpan<Complex> values) => _lu.Factor(values);

    /// <summary>Forces full pivoting on the next <see cref="Factor"/>.</summary>
    public void RequestRepivot() => _lu.RequestRepivot();

    /// <summary>Solves in place with the last factorisation: on entry b, on exit x (length Size).</summary>
    public void Solve(Span<Complex> rhs) => _lu.Solve(rhs);
}
