using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// One test of whether a matrix problem has a unique answer in double precision, shared by every command that solves
/// one (inv, hpinv, ginv) and by the programmed arrays: scale-invariant, so entries near 1e200 or 1e-200 are judged
/// by their conditioning, not by an overflowing or underflowing determinant.
/// </summary>
public static class Singularity
{
    /// <summary>Relative size below which a pivot (square) or singular value (rectangular) counts as zero, per row or column.</summary>
    public const double Tolerance = 1e-15;

    /// <summary>
    /// Smallest over largest pivot of the LU factorisation (partial pivoting, <see cref="DenseLu"/>) of the row-equilibrated matrix
    /// (each row divided by its largest entry): a cheap reciprocal condition estimate, 0 for an exactly singular matrix.
    /// </summary>
    /// <param name="a">Square matrix.</param>
    /// <returns>The ratio in [0, 1] (NaN when an entry is not finite).</returns>
    public static double PivotRatio(double[,] a)
    {
        int n = a.GetLength(0);
        if (a.GetLength(1) != n)
        {
            throw new ArgumentException($"a {n}×{a.GetLength(1)} matrix is not square", nameof(a));
        }

        var scaled = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double max = 0;
            for (int j = 0; j < n; j++)
            {
                max = Math.Max(max, Math.Abs(a[i, j]));
            }

            if (max == 0 || !double.IsFinite(max))
            {
                return max == 0 ? 0 : double.NaN;
            }

            for (int j = 0; j < n; j++)
            {
                scaled[i, j] = a[i, j] / max;
            }
        }

        return DenseLu.Factor(scaled).PivotRatio;
    }

    /// <summary>True when the square matrix is singular to double precision: <see cref="PivotRatio"/> below N·<see cref="Tolerance"/>.</summary>
    /// <param name="a">Square matrix.</param>
    public static bool IsSingular(double[,] a)
    {
        double ratio = PivotRatio(a);
        return !(ratio >= a.GetLength(0) * Tolerance);
    }

    /// <summary>
    /// Numerical rank of the column-equilibrated matrix (each column divided by its largest entry): singular values above
    /// max(rows, columns)·<see cref="Tolerance"/> of the largest (MathNet SVD).
    /// </summary>
    /// <param name="a">Matrix.</param>
    /// <returns>The rank (0 for an all-zero matrix).</returns>
    public static int Rank(double[,] a)
    {
        int rows = a.GetLength(0), columns = a.GetLength(1);
        var scaled = Matrix<double>.Build.Dense(rows, columns);
        for (int j = 0; j < columns; j++)
        {
            double max = 0;
            for (int i = 0; i < rows; i++)
            {
                max = Math.Max(max, Math.Abs(a[i, j]));
            }

            for (int i = 0; i < rows; i++)
            {
                scaled[i, j] = max > 0 && double.IsFinite(max) ? a[i, j] / max : 0;
            }
        }

        var singular = scaled.Svd(computeVectors: false).S;
        double top = singular.Count > 0 ? singular.Maximum() : 0;
        return top > 0 ? singular.Count(s => s > Math.Max(rows, columns) * Tolerance * top) : 0;
    }
}
