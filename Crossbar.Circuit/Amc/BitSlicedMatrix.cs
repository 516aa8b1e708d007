namespace Crossbar.Circuit.Amc;

/// <summary>How each slice digit is taken from the remaining value.</summary>
public enum SliceRounding
{
    /// <summary>Nearest integer (ties away from zero): digits in [−(2^m − 1), 2^m − 1] for the top slice and
    /// [−2^(m−1), 2^(m−1)] below it; reconstruction error ≤ u/2.</summary>
    Round,

    /// <summary>Toward zero (sign-magnitude digits, all with the sign of the entry); reconstruction error &lt; u.</summary>
    Truncate,
}

/// <summary>
/// A real matrix split into K slices of m-bit signed integers, A ≈ u·Σ_k 2^(m(K−1−k))·A_k.
/// </summary>
/// <remarks>
/// <para>docs/design.md §3 (paper): m = 3 bits per cell, K slices, signs by differential pairs. The unit is
/// u = max|A| / ((2^m − 1)·2^(m(K−1))), so the largest entry fills the top slice (digit 2^m − 1). Starting from
/// R = A/u, slice k takes A_k = policy(R / w_k), clipped to ±(2^m − 1), with w_k = 2^(m(K−1−k)), and R ← R − w_k·A_k.
/// The policy applies to every slice; rounding the top slice halves its error, which is what sets the LP-INV
/// contraction ρ(I − Ã0⁻¹A) in HP-INV.</para>
/// <para>Each slice is an integer matrix in matrix units of its own (its digits); it is programmed as such and its
/// products are weighted by <see cref="SliceScale(int)"/> = u·w_k to return to the units of A.</para>
/// </remarks>
public sealed class BitSlicedMatrix
{
    private readonly double[][,] _slices;

    private BitSlicedMatrix(double[,] source, double[][,] slices, int bitsPerSlice, double unit, SliceRounding rounding)
    {
        Source = source;
        _slices = slices;
        BitsPerSlice = bitsPerSlice;
        Unit = unit;
        Rounding = rounding;
        var rec = Reconstruct();
        double err = 0.0;
        for (int i = 0; i < source.GetLength(0); i++)
        {
            for (int j = 0; j < source.GetLength(1); j++)
            {
                err = Math.Max(err, Math.Abs(rec[i, j] - source[i, j]));
            }
        }

        ResidualError = err;
    }

    /// <summary>The sliced matrix.</summary>
    public double[,] Source { get; }

    /// <summary>m, bits per slice (per cell, magnitude; the sign is the differential pair).</summary>
    public int BitsPerSlice { get; }

    /// <summary>K, the number of slices.</summary>
    public int SliceCount => _slices.Length;

    /// <summary>u, the value of one unit of the last slice.</summary>
    /// <value>Matrix units.</value>
    public double Unit { get; }

    /// <summary>The rounding policy used for every slice.</summary>
    public SliceRounding Rounding { get; }

    /// <summary>max |A − u·Σ w_k A_k|, the reconstruction error.</summary>
    /// <value>Matrix units.</value>
    public double ResidualError { get; }

    /// <summary>Largest digit magnitude, 2^m − 1.</summary>
    public int MaxDigit => (1 << BitsPerSlice) - 1;

    /// <summary>A_k, the integer digits of slice k (k = 0 is the most significant).</summary>
    /// <param name="k">Slice index.</param>
    /// <returns>The slice (do not modify).</returns>
    public double[,] Slice(int k) => _slices[k];

    /// <summary>w_k = 2^(m(K−1−k)).</summary>
    /// <param name="k">Slice index.</param>
    /// <returns>The weight.</returns>
    public double SliceWeight(int k) => Math.Pow(2.0, BitsPerSlice * (SliceCount - 1 - k));

    /// <summary>u·w_k, matrix units per digit of slice k.</summary>
    /// <param name="k">Slice index.</param>
    /// <returns>The scale.</returns>
    public double SliceScale(int k) => Unit * SliceWeight(k);

    /// <summary>Slices a matrix.</summary>
    /// <param name="matrix">A.</param>
    /// <param name="bitsPerSlice">m, 1–8.</param>
    /// <param name="slices">K, 1 or more, with m·K ≤ 52.</param>
    /// <param name="rounding">Digit policy.</param>
    /// <returns>The slices.</returns>
    public static BitSlicedMatrix Create(double[,] matrix, int bitsPerSlice, int slices, SliceRounding rounding = SliceRounding.Round)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (bitsPerSlice < 1 || bitsPerSlice > 8)
        {
            throw new ArgumentException($"bits per slice must lie in [1, 8], got {bitsPerSlice}.", nameof(bitsPerSlice));
        }

        if (slices < 1 || bitsPerSlice * slices > 52)
        {
            throw new ArgumentException($"slices must be at least 1 with bits·slices ≤ 52, got {slices} slices of {bitsPerSlice} bits.", nameof(slices));
        }

        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        double max = MatrixOps.MaxAbs(matrix);
        int maxDigit = (1 << bitsPerSlice) - 1;
        double unit = max > 0.0 ? max / (maxDigit * Math.Pow(2.0, bitsPerSlice * (slices - 1))) : 1.0;
        var result = new double[slices][,];
        for (int k = 0; k < slices; k++)
        {
            result[k] = new double[rows, cols];
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double a = matrix[i, j];
                if (!double.IsFinite(a))
                {
                    throw new ArgumentException($"matrix[{i},{j}] = {a} is not finite.", nameof(matrix));
                }

                double r = a / unit;
                double nearest = Math.Round(r);
                if (Math.Abs(r - nearest) <= 1e-9 * Math.Max(1.0, Math.Abs(r)))
                {
                    r = nearest; // undo the division's last-bit error so that max|A| is exactly (2^m − 1)·w_0
                }

                for (int k = 0; k < slices; k++)
                {
                    double w = Math.Pow(2.0, bitsPerSlice * (slices - 1 - k));
                    double t = r / w;
                    double digit = rounding == SliceRounding.Round ? Math.Round(t, MidpointRounding.AwayFromZero) : Math.Truncate(t);
                    digit = Math.Clamp(digit, -maxDigit, maxDigit);
                    result[k][i, j] = digit;
                    r -= w * digit;
                }
            }
        }

        return new BitSlicedMatrix(matrix, result, bitsPerSlice, unit, rounding);
    }

    /// <summary>u·Σ_{k&lt;count} w_k·A_k, the matrix the first <paramref name="count"/> slices represent.</summary>
    /// <param name="count">Number of slices to sum (all by default).</param>
    /// <returns>A new matrix.</returns>
    public double[,] Reconstruct(int? count = null)
    {
        int n = count ?? SliceCount;
        int rows = Source.GetLength(0), cols = Source.GetLength(1);
        var m = new double[rows, cols];
        for (int k = 0; k < n; k++)
        {
            double s = SliceScale(k);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    m[i, j] += s * _slices[k][i, j];
                }
            }
        }

        return m;
    }
}
