namespace Crossbar.Circuit.Amc;

/// <summary>Which diagonal scaling <see cref="Equilibration"/> applies before a matrix goes onto the arrays.</summary>
public enum EquilibrationKind
{
    /// <summary>No scaling: R = C = I.</summary>
    None,

    /// <summary>Rows only: R = diag(2^−⌈log2 max_j |a_ij|⌉), C = I.</summary>
    Rows,

    /// <summary>One row pass, then one column pass on the row-scaled matrix.</summary>
    RowColumn,
}

/// <summary>
/// Diagonal equilibration Â = R·A·C with powers of two: A·x = b becomes Â·y = R·b, x = C·y, exact in binary floating point.
/// </summary>
/// <remarks>
/// <para>Row pass: r_i = 2^−⌈log2 max_j |a_ij|⌉, so every row of R·A has its largest entry in (1/2, 1]. Column pass on
/// A' = R·A: c_j = 2^−⌈log2 max_i |a'_ij|⌉ (≥ 1, since max |a'_ij| ≤ 1); every column of A'·C then has its largest entry
/// in (1/2, 1], and every row still does: |a'_ij·c_j| ≤ max_i |a'_ij|·c_j ≤ 1, and each row's former largest entry is not
/// made smaller. Higham, Pranesh &amp; Zounon, "Squeezing a matrix into half precision, with an application to solving
/// linear systems", SIAM J. Sci. Comput. 41(4), A2536–A2551 (2019), Algorithm 2.1 (one sweep), rounded to powers of two
/// so that the scaling adds no rounding error.</para>
/// <para>For HP-INV this matters because the top slice keeps only m bits of max|A|: rows (or columns) much smaller than
/// the largest entry quantise to few levels and ρ(I − Ã0⁻¹A) grows; equilibration spreads the levels over every row.
/// The scaling is digital: each pass costs N² comparisons and N² multiplications, counted in
/// <see cref="AmcCostCounter.DigitalFlops"/>, as are the N multiplications of R·b and of C·y.</para>
/// </remarks>
public sealed class Equilibration
{
    private Equilibration(double[,] scaled, double[] rowScale, double[] columnScale, EquilibrationKind kind)
    {
        Scaled = scaled;
        RowScale = rowScale;
        ColumnScale = columnScale;
        Kind = kind;
    }

    /// <summary>The scaling applied.</summary>
    public EquilibrationKind Kind { get; }

    /// <summary>Â = R·A·C.</summary>
    public double[,] Scaled { get; }

    /// <summary>The diagonal of R (powers of two).</summary>
    public IReadOnlyList<double> RowScale { get; }

    /// <summary>The diagonal of C (powers of two).</summary>
    public IReadOnlyList<double> ColumnScale { get; }

    /// <summary>Computes the scaling of <paramref name="a"/>.</summary>
    /// <param name="a">A, N×N.</param>
    /// <param name="kind">Which scaling.</param>
    /// <param name="counter">Counts the digital flops; null: not counted.</param>
    /// <returns>Â with R and C.</returns>
    public static Equilibration Compute(double[,] a, EquilibrationKind kind, AmcCostCounter? counter = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        int rows = a.GetLength(0), cols = a.GetLength(1);
        var s = (double[,])a.Clone();
        var r = Enumerable.Repeat(1.0, rows).ToArray();
        var c = Enumerable.Repeat(1.0, cols).ToArray();
        if (kind == EquilibrationKind.None)
        {
            return new Equilibration(s, r, c, kind);
        }

        for (int i = 0; i < rows; i++)
        {
            double max = 0.0;
            for (int j = 0; j < cols; j++)
            {
                max = Math.Max(max, Math.Abs(s[i, j]));
            }

            r[i] = PowerOfTwoScale(max);
            for (int j = 0; j < cols; j++)
            {
                s[i, j] *= r[i];
            }
        }

        counter?.AddDigitalFlops(2L * rows * cols);
        if (kind == EquilibrationKind.RowColumn)
        {
            for (int j = 0; j < cols; j++)
            {
                double max = 0.0;
                for (int i = 0; i < rows; i++)
                {
                    max = Math.Max(max, Math.Abs(s[i, j]));
                }

                c[j] = PowerOfTwoScale(max);
                for (int i = 0; i < rows; i++)
                {
                    s[i, j] *= c[j];
                }
            }

            counter?.AddDigitalFlops(2L * rows * cols);
        }

        return new Equilibration(s, r, c, kind);
    }

    /// <summary>R·b.</summary>
    /// <param name="b">b in the original system.</param>
    /// <param name="counter">Counts N flops; null: not counted.</param>
    /// <returns>The scaled right-hand side.</returns>
    public double[] ScaleRhs(ReadOnlySpan<double> b, AmcCostCounter? counter = null) => Diagonal(b, RowScale, divide: false, counter);

    /// <summary>x = C·y.</summary>
    /// <param name="y">Solution of the scaled system.</param>
    /// <param name="counter">Counts N flops; null: not counted.</param>
    /// <returns>The solution of the original system.</returns>
    public double[] Unscale(ReadOnlySpan<double> y, AmcCostCounter? counter = null) => Diagonal(y, ColumnScale, divide: false, counter);

    /// <summary>The original residual b − A·x = R⁻¹·(R·b − Â·y) from the scaled one.</summary>
    /// <param name="scaledResidual">R·b − Â·y.</param>
    /// <param name="counter">Counts N flops; null: not counted.</param>
    /// <returns>b − A·x.</returns>
    public double[] UnscaleResidual(ReadOnlySpan<double> scaledResidual, AmcCostCounter? counter = null) => Diagonal(scaledResidual, RowScale, divide: true, counter);

    /// <summary>D·v or D⁻¹·v for a diagonal D, counting N flops.</summary>
    private static double[] Diagonal(ReadOnlySpan<double> v, IReadOnlyList<double> d, bool divide, AmcCostCounter? counter)
    {
        var result = new double[v.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = divide ? v[i] / d[i] : v[i] * d[i];
        }

        counter?.AddDigitalFlops(result.Length);
        return result;
    }

    /// <summary>2^−⌈log2 m⌉ (1 for m = 0 or non-finite m): m times it lies in (1/2, 1].</summary>
    private static double PowerOfTwoScale(double max) =>
        max > 0.0 && double.IsFinite(max) ? Math.ScaleB(1.0, -(int)Math.Ceiling(Math.Log2(max))) : 1.0;
}
