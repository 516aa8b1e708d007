using System.Diagnostics;

namespace Crossbar.Circuit.Algebra;

/// <summary>Counters and stopwatches of a linear solver.</summary>
public sealed class SolverStatistics
{
    /// <summary>Full factorisations (ordering and pivot search).</summary>
    public int Factorizations { get; set; }

    /// <summary>Numeric refactorisations that reused the pivot order.</summary>
    public int Refactorizations { get; set; }

    /// <summary>Forward/back substitutions.</summary>
    public int Solves { get; set; }

    /// <summary>Size of the trailing block factored as a dense matrix (0 when none).</summary>
    public int DenseTailSize { get; set; }

    /// <summary>Nonzeros in L + U after the last factorisation.</summary>
    public long FactorNonzeros { get; set; }

    /// <summary>Pivots accepted under pivrel·max|column| because a better one lay outside the
    /// supernode (supernodal solver, last factorisation).</summary>
    public int WeakPivots { get; set; }

    /// <summary>Iterative-refinement steps taken by solves (supernodal solver).</summary>
    public int RefinementSteps { get; set; }

    /// <summary>Floating-point operations of one numeric factorisation (supernodal solver; 0 otherwise).</summary>
    public double FactorFlops { get; set; }

    /// <summary>Why the supernodal solver handed the pattern to the general sparse solver (null while it has not).</summary>
    public string? FallbackReason { get; set; }

    /// <summary>Time in ordering and symbolic analysis.</summary>
    public Stopwatch OrderingTime { get; } = new();

    /// <summary>Time in numeric factorisation (full and refactorisation).</summary>
    public Stopwatch FactorTime { get; } = new();

    /// <summary>Time in solves.</summary>
    public Stopwatch SolveTime { get; } = new();
}
