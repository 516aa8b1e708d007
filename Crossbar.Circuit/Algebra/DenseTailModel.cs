namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Cost model of the sparse LU: where the trailing dense block starts and what the whole
/// factorisation is predicted to cost.
/// </summary>
/// <remarks>
/// Sparse column k costs about c_k² multiply-adds (c_k its predicted below-diagonal count);
/// an m×m dense LU costs m³/3, run about <see cref="DenseSpeedup"/> times faster per
/// operation by the vectorised kernel. A density threshold alone would let a dense block
/// grow over the sparse columns ordered before it (for an INV array, the op-amp chains in
/// front of the dense row–column block) and pay m³ for them.
/// </remarks>
internal static class DenseTailModel
{
    public const double DenseSpeedup = 24;
    public const int MinimumDenseTail = 24;
    public const int MaximumDenseTail = 4096;

    /// <summary>
    /// Trailing block whose dense factorisation, added to the sparse elimination of the columns
    /// before it, has the smallest predicted cost; returns its first step (n when none).
    /// </summary>
    public static int Choose(int[] counts, out double cost)
    {
        int n = counts.Length;
        double sparse = 0;
        for (int k = 0; k < n; k++)
        {
            sparse += (double)counts[k] * counts[k];
        }

        double best = sparse;
        int tailStart = n;
        for (int k = n - 1; k >= 0; k--)
        {
            int m = n - k;
            if (m > MaximumDenseTail)
            {
                break;
            }

            sparse -= (double)counts[k] * counts[k];
            double total = sparse + ((double)m * m * m / (3 * DenseSpeedup));
            if (m >= MinimumDenseTail && total < best)
            {
                best = total;
                tailStart = k;
            }
        }

        cost = best;
        return tailStart;
    }
}
