namespace Crossbar.Devices.Programming;

/// <summary>
/// The conductance levels of a multi-level RRAM cell and the mapping of real matrices onto them.
/// </summary>
/// <remarks>
/// <c>bits</c> per cell give n = 2^bits levels over [G_min, G_max] (docs/design.md §3: 3 bits, 0.5–35 µS), linearly or
/// logarithmically spaced. <c>bits</c> = 0 means continuous programming: conductances are only clipped to
/// [G_min, G_max]. A real matrix a is mapped with a scale (S per matrix unit): G = scale·a for non-negative matrices,
/// or a differential pair (G⁺, G⁻) for signed ones, the positive part on G⁺ and the negative part on G⁻ with the other
/// cell at the <see cref="DifferentialReference"/>; (G⁺ − G⁻)/scale reconstructs the value.
/// </remarks>
public sealed class ConductanceLevels
{
    private readonly double[] _levels;

    /// <summary>Creates the level set.</summary>
    /// <param name="bits">Bits per cell, 0 (continuous) to 16.</param>
    /// <param name="minConductance">G_min (S); non-negative (positive for logarithmic spacing).</param>
    /// <param name="maxConductance">G_max (S); above G_min.</param>
    /// <param name="spacing">Level spacing.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public ConductanceLevels(int bits = 3, double minConductance = 0.5e-6, double maxConductance = 35e-6, LevelSpacing spacing = LevelSpacing.Linear)
    {
        Bits = Guard.InRange(bits, 0, 16);
        MinConductance = spacing == LevelSpacing.Logarithmic ? Guard.Positive(minConductance) : Guard.NonNegative(minConductance);
        MaxConductance = Guard.Positive(maxConductance);
        if (!(maxConductance > minConductance))
        {
            throw new ArgumentException(
                $"maxConductance ({Guard.Format(maxConductance)} S) must exceed minConductance ({Guard.Format(minConductance)} S).",
                nameof(maxConductance));
        }

        Spacing = spacing;
        if (bits == 0)
        {
            _levels = [];
            return;
        }

        int n = 1 << bits;
        _levels = new double[n];
        for (int k = 0; k < n; k++)
        {
            double x = (double)k / (n - 1);
            _levels[k] = spacing == LevelSpacing.Linear
                ? minConductance + ((maxConductance - minConductance) * x)
                : minConductance * Math.Pow(maxConductance / minConductance, x);
        }

        _levels[n - 1] = maxConductance;
    }

    /// <summary>Bits per cell (0 = continuous).</summary>
    public int Bits { get; }

    /// <summary>G_min, the lowest level.</summary>
    /// <value>Siemens.</value>
    public double MinConductance { get; }

    /// <summary>G_max, the highest level.</summary>
    /// <value>Siemens.</value>
    public double MaxConductance { get; }

    /// <summary>Level spacing.</summary>
    public LevelSpacing Spacing { get; }

    /// <summary>True for <c>bits</c> = 0.</summary>
    public bool IsContinuous => Bits == 0;

    /// <summary>Number of levels, 2^bits (0 when continuous).</summary>
    public int LevelCount => _levels.Length;

    /// <summary>The level values in increasing order (empty when continuous).</summary>
    /// <value>Siemens.</value>
    public IReadOnlyList<double> Levels => _levels;

    /// <summary>Spacing of linear levels, (G_max − G_min)/(n − 1); 0 when continuous.</summary>
    /// <value>Siemens.</value>
    /// <exception cref="InvalidOperationException">The spacing is logarithmic.</exception>
    public double LinearStep => Spacing != LevelSpacing.Linear
        ? throw new InvalidOperationException("Logarithmic levels have no constant step.")
        : IsContinuous ? 0.0 : (MaxConductance - MinConductance) / (LevelCount - 1);

    /// <summary>Index of the level a conductance is assigned to.</summary>
    /// <param name="conductance">Conductance (S); values outside [G_min, G_max] go to the end levels.</param>
    /// <param name="mode">Rounding or truncation.</param>
    /// <returns>Level index in [0, n − 1].</returns>
    /// <exception cref="InvalidOperationException">The levels are continuous.</exception>
    public int LevelIndex(double conductance, QuantizationMode mode = QuantizationMode.Rounding)
    {
        if (IsContinuous)
        {
            throw new InvalidOperationException("Continuous levels (bits = 0) have no level index.");
        }

        Guard.Finite(conductance);
        int n = _levels.Length;
        if (conductance <= MinConductance)
        {
            return 0;
        }

        if (conductance >= MaxConductance)
        {
            return n - 1;
        }

        double position = Spacing == LevelSpacing.Linear
            ? (conductance - MinConductance) / (MaxConductance - MinConductance) * (n - 1)
            : Math.Log(conductance / MinConductance) / Math.Log(MaxConductance / MinConductance) * (n - 1);
        int lower = Math.Clamp((int)Math.Floor(position), 0, n - 1);

        // Correct the floating-point estimate so that _levels[lower] <= g < _levels[lower + 1].
        while (lower > 0 && _levels[lower] > conductance)
        {
            lower--;
        }

        while (lower < n - 1 && _levels[lower + 1] <= conductance)
        {
            lower++;
        }

        if (mode == QuantizationMode.Truncation || lower == n - 1)
        {
            return lower;
        }

        return conductance - _levels[lower] < _levels[lower + 1] - conductance ? lower : lower + 1;
    }

    /// <summary>Assigns a conductance to its level (or clips it to [G_min, G_max] when continuous).</summary>
    /// <param name="conductance">Conductance (S).</param>
    /// <param name="mode">Rounding (nearest level) or truncation (next level down).</param>
    /// <returns>The level value (S).</returns>
    public double Quantize(double conductance, QuantizationMode mode = QuantizationMode.Rounding) =>
        IsContinuous ? Math.Clamp(Guard.Finite(conductance), MinConductance, MaxConductance) : _levels[LevelIndex(conductance, mode)];

    /// <summary>Quantises a span of conductances.</summary>
    /// <param name="conductances">Conductances (S).</param>
    /// <param name="result">Destination, same length.</param>
    /// <param name="mode">Rounding or truncation.</param>
    public void Quantize(ReadOnlySpan<double> conductances, Span<double> result, QuantizationMode mode = QuantizationMode.Rounding)
    {
        if (result.Length != conductances.Length)
        {
            throw new ArgumentException($"result has {result.Length} elements, conductances {conductances.Length}.", nameof(result));
        }

        for (int i = 0; i < conductances.Length; i++)
        {
            result[i] = Quantize(conductances[i], mode);
        }
    }

    /// <summary>
    /// The largest scale (S per matrix unit) at which every entry of magnitude up to <paramref name="maxAbsValue"/> is
    /// representable: (G_max − G_min)/max|a| for <see cref="DifferentialReference.MinimumConductance"/>, G_max/max|a| otherwise.
    /// </summary>
    /// <param name="maxAbsValue">Largest entry magnitude; positive.</param>
    /// <param name="reference">Differential reference the scale is for.</param>
    /// <returns>Scale (S per unit).</returns>
    public double FullScale(double maxAbsValue, DifferentialReference reference = DifferentialReference.MinimumConductance) =>
        (reference == DifferentialReference.MinimumConductance ? MaxConductance - MinConductance : MaxConductance) / Guard.Positive(maxAbsValue);

    /// <summary>Maps a non-negative matrix to quantised conductances, G_ij = Q(scale·a_ij).</summary>
    /// <param name="matrix">Non-negative matrix.</param>
    /// <param name="scale">Scale (S per matrix unit); positive.</param>
    /// <param name="mode">Rounding or truncation.</param>
    /// <returns>Conductances (S), same shape.</returns>
    /// <exception cref="ArgumentException">An entry is negative or not finite.</exception>
    public double[,] MapMatrix(double[,] matrix, double scale, QuantizationMode mode = QuantizationMode.Rounding)
    {
        Guard.Positive(scale);
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        var g = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double a = matrix[i, j];
                if (!(a >= 0.0) || !double.IsFinite(a))
                {
                    throw new ArgumentException(
                        $"matrix[{i},{j}] = {Guard.Format(a)}: a single-array mapping needs finite non-negative entries; use MapDifferential for signed matrices.",
                        nameof(matrix));
                }

                g[i, j] = Quantize(scale * a, mode);
            }
        }

        return g;
    }

    /// <summary>Maps a non-negative jagged matrix (all rows the same length); see <see cref="MapMatrix(double[,], double, QuantizationMode)"/>.</summary>
    /// <param name="matrix">Non-negative matrix.</param>
    /// <param name="scale">Scale (S per unit).</param>
    /// <param name="mode">Rounding or truncation.</param>
    /// <returns>Conductances (S) as a rectangular array.</returns>
    public double[,] MapMatrix(double[][] matrix, double scale, QuantizationMode mode = QuantizationMode.Rounding) =>
        MapMatrix(ToRectangular(matrix), scale, mode);

    /// <summary>Maps a signed matrix onto differential pairs.</summary>
    /// <param name="matrix">Matrix a.</param>
    /// <param name="scale">Scale (S per matrix unit); positive.</param>
    /// <param name="reference">Conductance of the inactive cell.</param>
    /// <param name="mode">Rounding or truncation.</param>
    /// <returns>G⁺ and G⁻ arrays; (G⁺ − G⁻)/scale ≈ a.</returns>
    public DifferentialConductances MapDifferential(
        double[,] matrix,
        double scale,
        DifferentialReference reference = DifferentialReference.MinimumConductance,
        QuantizationMode mode = QuantizationMode.Rounding)
    {
        Guard.Positive(scale);
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        var plus = new double[rows, cols];
        var minus = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double a = matrix[i, j];
                if (!double.IsFinite(a))
                {
                    throw new ArgumentException($"matrix[{i},{j}] = {Guard.Format(a)} is not finite.", nameof(matrix));
                }

                double active, inactive;
                if (reference == DifferentialReference.MinimumConductance)
                {
                    active = Quantize(MinConductance + (scale * Math.Abs(a)), mode);
                    inactive = MinConductance;
                }
                else
                {
                    active = a == 0.0 ? 0.0 : Quantize(scale * Math.Abs(a), mode);
                    inactive = 0.0;
                }

                if (a >= 0.0)
                {
                    plus[i, j] = active;
                    minus[i, j] = inactive;
                }
                else
                {
                    plus[i, j] = inactive;
                    minus[i, j] = active;
                }
            }
        }

        return new DifferentialConductances(plus, minus, scale, reference);
    }

    /// <summary>Maps a signed jagged matrix (all rows the same length) onto differential pairs.</summary>
    /// <param name="matrix">Matrix a.</param>
    /// <param name="scale">Scale (S per matrix unit).</param>
    /// <param name="reference">Conductance of the inactive cell.</param>
    /// <param name="mode">Rounding or truncation.</param>
    /// <returns>G⁺ and G⁻ arrays.</returns>
    public DifferentialConductances MapDifferential(
        double[][] matrix,
        double scale,
        DifferentialReference reference = DifferentialReference.MinimumConductance,
        QuantizationMode mode = QuantizationMode.Rounding) =>
        MapDifferential(ToRectangular(matrix), scale, reference, mode);

    /// <summary>Copies a jagged matrix into a rectangular one.</summary>
    /// <param name="matrix">Jagged matrix with rows of equal length.</param>
    /// <returns>The rectangular copy.</returns>
    /// <exception cref="ArgumentException">A row is null or the rows differ in length.</exception>
    public static double[,] ToRectangular(double[][] matrix)
    {
        int rows = matrix.Length;
        int cols = rows == 0 ? 0 : (matrix[0]?.Length ?? 0);
        var result = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            var row = matrix[i];
            if (row is null || row.Length != cols)
            {
                throw new ArgumentException($"matrix row {i} has {row?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} entries, expected {cols}.", nameof(matrix));
            }

            for (int j = 0; j < cols; j++)
            {
                result[i, j] = row[j];
            }
        }

        return result;
    }
}
