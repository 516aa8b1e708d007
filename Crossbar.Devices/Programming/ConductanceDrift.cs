namespace Crossbar.Devices.Programming;

/// <summary>
/// Retention drift and relaxation of programmed conductances as a function of the time since programming.
/// </summary>
/// <remarks>
/// Phenomenological model, not fitted to a device:
/// <code>
/// G_i(t) = G0_i·[ (t/t0)^(−ν_i) + σ_r·log10(t/t0)·n_i ]   for t &gt; t0,   G_i(t) = G0_i for t ≤ t0,
/// ν_i ~ N(ν̄, σ_ν),  n_i ~ N(0, 1),  G clipped at 0.
/// </code>
/// The power law with a distributed exponent is the form used for resistance drift in phase-change memory (Ielmini,
/// Lacaita and Mantegazza, IEEE TED 54, 308, 2007) and often borrowed for RRAM; the Gaussian spread growing with
/// log t mimics the broadening of programmed RRAM level distributions over time reported as conductance relaxation.
/// t0 is the time of the verify read at which G0 was measured. Each cell's ν_i and n_i are fixed by the seed, so
/// evaluating the same cells at increasing times gives consistent trajectories.
/// </remarks>
public sealed record ConductanceDrift
{
    /// <summary>t0, the time after programming at which G0 holds; positive.</summary>
    /// <value>Seconds.</value>
    public double ReferenceTime { get; init => field = Guard.Positive(value, nameof(ReferenceTime)); } = 1.0;

    /// <summary>ν̄, mean drift exponent (positive: conductance decays).</summary>
    /// <value>Dimensionless.</value>
    public double DriftExponentMean { get; init => field = Guard.Finite(value, nameof(DriftExponentMean)); } = 0.005;

    /// <summary>σ_ν, device-to-device standard deviation of the drift exponent; non-negative.</summary>
    /// <value>Dimensionless.</value>
    public double DriftExponentSigma { get; init => field = Guard.NonNegative(value, nameof(DriftExponentSigma)); } = 0.002;

    /// <summary>σ_r, relative standard deviation of the relaxation added per decade of time after t0; non-negative.</summary>
    /// <value>Per decade.</value>
    public double RelaxationSigmaPerDecade { get; init => field = Guard.NonNegative(value, nameof(RelaxationSigmaPerDecade)); } = 0.01;

    /// <summary>Conductance of one cell at time t for given per-cell random quantities.</summary>
    /// <param name="programmedConductance">G0 (S).</param>
    /// <param name="time">t, time since programming (s); non-negative.</param>
    /// <param name="driftExponent">ν_i.</param>
    /// <param name="relaxationDeviate">n_i, a standard normal deviate.</param>
    /// <returns>G(t) (S).</returns>
    public double ConductanceAt(double programmedConductance, double time, double driftExponent, double relaxationDeviate)
    {
        Guard.NonNegative(time);
        if (time <= ReferenceTime)
        {
            return programmedConductance;
        }

        double ratio = time / ReferenceTime;
        double factor = Math.Pow(ratio, -driftExponent) + (RelaxationSigmaPerDecade * Math.Log10(ratio) * relaxationDeviate);
        return Math.Max(0.0, programmedConductance * factor);
    }

    /// <summary>Conductances of an array of cells at time t (row-major order fixes each cell's ν_i and n_i).</summary>
    /// <param name="programmedConductances">G0 (S) of each cell.</param>
    /// <param name="time">t, time since programming (s).</param>
    /// <param name="seed">Seed fixing each cell's ν_i and n_i.</param>
    /// <returns>G(t) (S), a new array.</returns>
    public double[,] Apply(double[,] programmedConductances, double time, int seed)
    {
        int rows = programmedConductances.GetLength(0), columns = programmedConductances.GetLength(1);
        var flat = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                flat[(i * columns) + j] = programmedConductances[i, j];
            }
        }

        double[] drifted = Apply(flat, time, seed);
        var result = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                result[i, j] = drifted[(i * columns) + j];
            }
        }

        return result;
    }

    /// <summary>Conductances of many cells at time t.</summary>
    /// <param name="programmedConductances">G0 (S) of each cell.</param>
    /// <param name="time">t, time since programming (s).</param>
    /// <param name="seed">Seed fixing each cell's ν_i and n_i (independent of <paramref name="time"/>).</param>
    /// <returns>G(t) (S), a new array.</returns>
    public double[] Apply(ReadOnlySpan<double> programmedConductances, double time, int seed)
    {
        Guard.NonNegative(time);
        var exponents = SeededRandom.Create(seed, 1);
        var deviates = SeededRandom.Create(seed, 2);
        var result = new double[programmedConductances.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double nu = DriftExponentMean + (DriftExponentSigma * SeededRandom.StandardNormal(exponents));
            double n = SeededRandom.StandardNormal(deviates);
            result[i] = ConductanceAt(programmedConductances[i], time, nu, n);
        }

        return result;
    }
}
