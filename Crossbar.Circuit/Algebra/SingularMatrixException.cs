namespace Crossbar.Circuit.Algebra;

/// <summary>The matrix is singular (no pivot above pivtol) at the given unknown (original index).</summary>
public sealed class SingularMatrixException : Exception
{
    /// <summary>Creates the exception for an unknown index.</summary>
    public SingularMatrixException(int unknown)
        : base($"singular matrix at unknown {unknown}")
    {
        Unknown = unknown;
    }

    /// <summary>Original (unpermuted) index of the unknown whose pivot vanished.</summary>
    public int Unknown { get; }
}
