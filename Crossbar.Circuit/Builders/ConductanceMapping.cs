using Crossbar.Devices.Programming;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// A matrix mapped onto conductances: one array for a positive matrix, or a differential pair
/// (G⁺, G⁻) for a signed one; quantised to levels and programmed with error.
/// </summary>
public sealed class ConductanceMapping
{
    private ConductanceMapping(double[,] positive, double[,]? negative, double unit)
    {
        Positive = positive;
        Negative = negative;
        Unit = unit;
        int m = positive.GetLength(0);
        int n = positive.GetLength(1);
        Realized = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Realized[i, j] = (positive[i, j] - (negative?[i, j] ?? 0)) / unit;
            }
        }
    }

    /// <summary>Conductances of the positive (or only) array in S.</summary>
    public double[,] Positive { get; }

    /// <summary>Conductances of the negative array in S, or null for a positive matrix.</summary>
    public double[,]? Negative { get; }

    /// <summary>Conductance per matrix unit G0 in S.</summary>
    public double Unit { get; }

    /// <summary>The matrix the programmed conductances realise, in matrix units.</summary>
    public double[,] Realized { get; }

    /// <summary>True when the matrix needs two arrays.</summary>
    public bool IsDifferential => Negative is not null;

    /// <summary>Wraps conductances that were programmed elsewhere (e.g. by an AMC backend).</summary>
    /// <param name="positive">Positive (or only) array in S.</param>
    /// <param name="negative">Negative array in S, or null.</param>
    /// <param name="unit">Conductance per matrix unit in S.</param>
    public static ConductanceMapping FromConductances(double[,] positive, double[,]? negative, double unit)
    {
        if (negative is not null && (negative.GetLength(0) != positive.GetLength(0) || negative.GetLength(1) != positive.GetLength(1)))
        {
            throw new ArgumentException("positive and negative arrays differ in shape", nameof(negative));
        }

        if (!(unit > 0))
        {
            throw new ArgumentException($"conductance unit must be positive, got {unit}", nameof(unit));
        }

        return new ConductanceMapping(positive, negative, unit);
    }

    /// <summary>
    /// The conductances one operation of a generated circuit sees: <see cref="Map"/> (levels, programming error), then
    /// relaxation over <see cref="CrossbarBuildOptions.DriftTime"/>, then one read with white read noise
    /// (<see cref="CrossbarBuildOptions.ReadNoiseSigma"/>), all seeded by <see cref="CrossbarBuildOptions.Seed"/>.
    /// </summary>
    public static ConductanceMapping Program(double[,] matrix, CrossbarBuildOptions options)
        => Map(matrix, options.Levels, options.Quantization, options.ProgrammingSigma, options.Seed)
            .Drifted(options.Drift, options.DriftTime, Devices.SeededRandom.DeriveSeed(options.Seed, 31))
            .Read(options.ReadNoiseSigma, Devices.SeededRandom.Create(options.Seed, 32));

    /// <summary>The conductances after relaxing for <paramref name="time"/> s (<see cref="ConductanceDrift.Apply(double[,], double, int)"/>).</summary>
    /// <param name="drift">Drift model.</param>
    /// <param name="time">Time since programming (s); 0 returns this mapping.</param>
    /// <param name="seed">Seed of the per-cell drift exponents.</param>
    public ConductanceMapping Drifted(ConductanceDrift drift, double time, int seed)
        => time <= 0 ? this : new ConductanceMapping(Positive0(drift.Apply(Positive, time, seed)), Negative is null ? null : Positive0(drift.Apply(Negative, time, unchecked(seed + 1))), Unit);

    /// <summary>One read of every cell with white read noise, G·(1 + σ·n) (<see cref="Devices.Noise.WhiteReadNoise"/>).</summary>
    /// <param name="sigma">Relative σ; 0 returns this mapping.</param>
    /// <param name="random">Generator of this read.</param>
    public ConductanceMapping Read(double sigma, Random random)
    {
        if (sigma <= 0)
        {
            return this;
        }

        var noise = new Devices.Noise.WhiteReadNoise(sigma);
        double[,] Sample(double[,] g)
        {
            var r = new double[g.GetLength(0), g.GetLength(1)];
            for (int i = 0; i < g.GetLength(0); i++)
            {
                for (int j = 0; j < g.GetLength(1); j++)
                {
                    r[i, j] = noise.Sample(g[i, j], random);
                }
            }

            return Positive0(r);
        }

        return new ConductanceMapping(Sample(Positive), Negative is null ? null : Sample(Negative), Unit);
    }

    /// <summary>Keeps conductances positive (a cell cannot go below 1 pS), as the array card requires.</summary>
    private static double[,] Positive0(double[,] g)
    {
        for (int i = 0; i < g.GetLength(0); i++)
        {
            for (int j = 0; j < g.GetLength(1); j++)
            {
                g[i, j] = Math.Max(g[i, j], 1e-12);
            }
        }

        return g;
    }

    /// <summary>
    /// Maps a matrix: all-positive entries go to one array with G = Q(G0·a), G0 = Gmax/max a;
    /// otherwise differential pairs with the inactive cell at Gmin and G0 = (Gmax − Gmin)/max|a|.
    /// Programming error (relative σ, seeded) is applied to every programmed cell.
    /// </summary>
    public static ConductanceMapping Map(double[,] matrix, ConductanceLevels levels, QuantizationMode mode, double programmingSigma, int seed)
    {
        int m = matrix.GetLength(0);
        int n = matrix.GetLength(1);
        double maxAbs = 0;
        bool positive = true;
        foreach (double a in matrix)
        {
            if (!double.IsFinite(a))
            {
                throw new ArgumentException("matrix has a non-finite entry", nameof(matrix));
            }

            maxAbs = Math.Max(maxAbs, Math.Abs(a));
            positive &= a > 0;
        }

        if (maxAbs == 0)
        {
            throw new ArgumentException("matrix is all zeros", nameof(matrix));
        }

        var programmer = new WriteVerifyProgrammer();
        if (positive)
        {
            double unit = levels.MaxConductance / maxAbs;
            var targets = new double[m, n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    targets[i, j] = levels.IsContinuous ? unit * matrix[i, j] : levels.Quantize(unit * matrix[i, j], mode);
                }
            }

            return new ConductanceMapping(Program(programmer, targets, programmingSigma, seed), null, unit);
        }

        double span = levels.MaxConductance - levels.MinConductance;
        double scale = span / maxAbs;
        DifferentialConductances pair = levels.IsContinuous
            ? ContinuousPair(matrix, levels.MinConductance, scale)
            : levels.MapDifferential(matrix, scale, DifferentialReference.MinimumConductance, mode);
        double[,] plus = Program(programmer, pair.Positive, programmingSigma, seed);
        double[,] minus = Program(programmer, pair.Negative, programmingSigma, unchecked(seed + 7919));
        return new ConductanceMapping(plus, minus, scale);
    }

    private static DifferentialConductances ContinuousPair(double[,] matrix, double gmin, double scale)
    {
        int m = matrix.GetLength(0);
        int n = matrix.GetLength(1);
        var plus = new double[m, n];
        var minus = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double a = matrix[i, j];
                plus[i, j] = gmin + (a > 0 ? scale * a : 0);
                minus[i, j] = gmin + (a < 0 ? -scale * a : 0);
            }
        }

        return new DifferentialConductances(plus, minus, scale, DifferentialReference.MinimumConductance);
    }

    private static double[,] Program(WriteVerifyProgrammer programmer, double[,] targets, double sigma, int seed)
    {
        if (sigma <= 0)
        {
            return targets;
        }

        ProgrammingResult result = programmer.ProgramWithError(targets, sigma, seed);
        int m = targets.GetLength(0);
        int n = targets.GetLength(1);
        var g = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                g[i, j] = Math.Max(result.Conductance[result.IndexOf(i, j)], 1e-12);
            }
        }

        return g;
    }
}
