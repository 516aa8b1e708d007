using System.Numerics;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// The stamping patterns shared by elements, generic over the value type so the same code
/// loads real (DC/transient) and complex (AC) matrices.
/// </summary>
public static class Stamp
{
    /// <summary>Adds an admittance y between nodes a and b: +y at (a,a), (b,b) and −y at (a,b), (b,a).</summary>
    public static void Admittance<T>(T[] matrix, int aa, int ab, int ba, int bb, T y)
        where T : IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>
    {
        matrix[aa] += y;
        matrix[ab] -= y;
        matrix[ba] -= y;
        matrix[bb] += y;
    }

    /// <summary>
    /// Adds a voltage-defining branch: +1/−1 in the KCL rows of p and n at the branch column
    /// (pb, nb), and the branch row's coefficients <paramref name="output"/> at (b,p) and −output at (b,n).
    /// </summary>
    public static void Branch<T>(T[] matrix, int pb, int nb, int bp, int bn, T output)
        where T : IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>, IMultiplicativeIdentity<T, T>
    {
        matrix[pb] += T.MultiplicativeIdentity;
        matrix[nb] -= T.MultiplicativeIdentity;
        matrix[bp] += output;
        matrix[bn] -= output;
    }
}
