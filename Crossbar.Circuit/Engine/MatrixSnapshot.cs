using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// The linear system of one Newton step of an operating point: the MNA Jacobian J it factored (values by handle of the
/// circuit's fixed <see cref="SparsePattern"/>, explicit zeros included) and the right-hand side b of the companion
/// form J·x⁺ = b that it solved for the next iterate x⁺. Taken by <c>CircuitSimulator.Run</c> when asked
/// (<c>--dump-matrix</c>), so that an external solver can factor and solve exactly the system this engine did.
/// </summary>
/// <remarks>
/// Rows are equations and columns unknowns, both numbered as <see cref="Unknowns"/> (node voltages first, then branch
/// currents and device states). Every full Newton step of the operating point records over the previous one, so what
/// remains is the last matrix factored; chord (polishing) steps reuse that factorisation and record nothing. At
/// convergence x⁺ agrees with the operating point to the Newton tolerance, so solving this system reproduces it.
/// </remarks>
public sealed class MatrixSnapshot
{
    private readonly double[] _values;
    private readonly double[] _rhs;
    private readonly double[] _solution;

    internal MatrixSnapshot(string analysis, SparsePattern pattern, UnknownMap unknowns)
    {
        Analysis = analysis;
        Pattern = pattern;
        Unknowns = unknowns;
        _values = new double[pattern.Count + 1];
        _rhs = new double[pattern.Size];
        _solution = new double[pattern.Size];
    }

    /// <summary>The analysis whose operating point was recorded (<c>op</c>, or the first analysis: <c>dc</c>, <c>tran</c>, <c>ac</c>).</summary>
    public string Analysis { get; }

    /// <summary>The sparse pattern: row and column of each handle 1..Count (handle 0 is the trash slot).</summary>
    public SparsePattern Pattern { get; }

    /// <summary>Names and kinds of the unknowns (row i and column i are unknown i).</summary>
    public UnknownMap Unknowns { get; }

    /// <summary>Number of unknowns (rows and columns).</summary>
    public int Size => Pattern.Size;

    /// <summary>Matrix values by handle (length Count + 1; slot 0 is the trash slot and reads 0).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The right-hand side b of the step, one entry per unknown.</summary>
    public ReadOnlySpan<double> Rhs => _rhs;

    /// <summary>The solution x⁺ of J·x⁺ = b that this engine's factorisation gave at the recorded step: what an
    /// independent solver of the same system is compared with.</summary>
    public ReadOnlySpan<double> Solution => _solution;

    /// <summary>The engine's Newton iteration count (all analyses so far) at the recorded step; 0 before one is recorded.</summary>
    public int NewtonIteration { get; private set; }

    /// <summary>True once the operating point that recorded into this snapshot converged.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Records the matrix just factored and the right-hand side about to be solved.</summary>
    internal void Record(double[] matrix, ReadOnlySpan<double> rhs, int iteration)
    {
        matrix.AsSpan(0, _values.Length).CopyTo(_values);
        _values[0] = 0;
        rhs[.._rhs.Length].CopyTo(_rhs);
        NewtonIteration = iteration;
    }

    /// <summary>Records the solution of the step just recorded.</summary>
    internal void RecordSolution(ReadOnlySpan<double> solution) => solution[.._solution.Length].CopyTo(_solution);

    /// <summary>Marks the snapshot final: its operating point converged, later solves record nothing.</summary>
    internal void Complete() => IsComplete = true;
}
