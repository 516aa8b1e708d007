namespace Crossbar.Devices.Programming;

/// <summary>
/// Stochastic write-verify programming of RRAM arrays, and a fast open-loop "target with error σ" mode.
/// </summary>
/// <remarks>
/// <para>Model (phenomenological, in the spirit of the incremental write-verify schemes used for multi-level RRAM,
/// e.g. Alibart, Gao and Strukov, Nanotechnology 23, 075201, 2012; the Nature Electronics 2025 arrays report 100%
/// success at 3 bits). Every cell starts at <see cref="WriteVerifyOptions.InitialConductance"/>. Before each pulse the
/// cell is read (exactly) and the loop stops once |G − G_t| ≤ rel·G_t + abs (<see cref="CellStatus.Verified"/>). Each pulse
/// moves the conductance toward the target:</para>
/// <code>
/// Proportional: G ← G + η·d_i·(G_t − G)·(1 + σ_c2c·n)
/// Additive:     G ← G + sign(G_t − G)·ΔG·d_i·(1 + σ_c2c·n)
/// </code>
/// <para>then clipped to [0, G_sat]; n ~ N(0, 1) per pulse (cycle-to-cycle variation) and d_i a per-device factor of mean
/// 1 and relative deviation σ_d2d (device-to-device variation of the switching response, normal or lognormal). A large
/// σ_c2c can overshoot or step backwards; a cell still outside the band after the maximum number of pulses is
/// <see cref="CellStatus.Failed"/> and keeps its last conductance. Stuck-at faults are drawn independently per cell with
/// the given rates; a stuck cell ignores pulses, sits at its stuck conductance and is flagged.</para>
/// <para>Randomness: the fault map, the device factors and the pulse noise come from separate sub-streams of the seed
/// (<see cref="SeededRandom.Create(int, int)"/>), cells are visited in row-major order, and the same seed gives
/// bit-identical results. The fault map and the device factors do not depend on the targets or on the pulse options.</para>
/// </remarks>
public sealed class WriteVerifyProgrammer
{
    private const int FaultStream = 1;
    private const int DeviceStream = 2;
    private const int CycleStream = 3;
    private const int OpenLoopStream = 4;

    /// <summary>Creates the programmer.</summary>
    /// <param name="options">Options (null gives the defaults).</param>
    /// <exception cref="ArgumentException">The stuck-at rates add up to more than 1.</exception>
    public WriteVerifyProgrammer(WriteVerifyOptions? options = null)
    {
        Options = options ?? new WriteVerifyOptions();
        if (Options.StuckAtMinimumRate + Options.StuckAtMaximumRate > 1.0)
        {
            throw new ArgumentException(
                $"StuckAtMinimumRate + StuckAtMaximumRate = {Guard.Format(Options.StuckAtMinimumRate + Options.StuckAtMaximumRate)} exceeds 1.",
                nameof(options));
        }
    }

    /// <summary>The options.</summary>
    public WriteVerifyOptions Options { get; }

    /// <summary>Programs an array by write-verify.</summary>
    /// <param name="targets">Target conductances G_t (S), M×N.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>Per-cell achieved conductance, pulse count and status.</returns>
    public ProgrammingResult Program(double[,] targets, int seed) =>
        Program(Flatten(targets), targets.GetLength(0), targets.GetLength(1), seed);

    /// <summary>Programs an array by write-verify.</summary>
    /// <param name="targets">Target conductances G_t (S), row-major, length M·N.</param>
    /// <param name="rows">M.</param>
    /// <param name="columns">N.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>Per-cell achieved conductance, pulse count and status.</returns>
    public ProgrammingResult Program(ReadOnlySpan<double> targets, int rows, int columns, int seed)
    {
        var result = CreateResult(targets, rows, columns);
        var o = Options;
        var faults = SeededRandom.Create(seed, FaultStream);
        var devices = SeededRandom.Create(seed, DeviceStream);
        var cycles = SeededRandom.Create(seed, CycleStream);
        double mean = o.StepModel == PulseStepModel.Proportional ? o.StepGain : o.StepSize;

        for (int c = 0; c < result.Count; c++)
        {
            double target = result.Target[c];
            double deviceFactor = DeviceVariation.SampleFactor(devices, o.DeviceToDeviceSigma, o.DeviceToDeviceDistribution);
            if (ApplyFault(result, c, faults.NextDouble()))
            {
                continue;
            }

            double step = mean * deviceFactor;
            double band = (o.RelativeTolerance * target) + o.AbsoluteTolerance;
            double g = o.InitialConductance;
            int pulses = 0;
            bool verified = Math.Abs(g - target) <= band;
            while (!verified && pulses < o.MaxPulses)
            {
                double error = target - g;
                double noise = 1.0 + (o.CycleToCycleSigma * SeededRandom.StandardNormal(cycles));
                double delta = o.StepModel == PulseStepModel.Proportional
                    ? step * error * noise
                    : Math.Sign(error) * step * noise;
                g = Math.Clamp(g + delta, 0.0, o.SaturationConductance);
                pulses++;
                verified = Math.Abs(g - target) <= band;
            }

            result.Conductance[c] = g;
            result.Pulses[c] = pulses;
            result.Status[c] = verified ? CellStatus.Verified : CellStatus.Failed;
        }

        return result;
    }

    /// <summary>
    /// Fast open-loop programming: G = G_t·(1 + σ·n) clipped to [0, G_sat], one pulse per cell, stuck-at faults as in
    /// <see cref="Program(ReadOnlySpan{double}, int, int, int)"/> (same fault map for the same seed).
    /// </summary>
    /// <param name="targets">Target conductances (S), M×N.</param>
    /// <param name="relativeSigma">σ, relative programming error; non-negative.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>Per-cell conductance, pulses (1, or 0 when stuck) and status <see cref="CellStatus.Programmed"/> or stuck.</returns>
    public ProgrammingResult ProgramWithError(double[,] targets, double relativeSigma, int seed) =>
        ProgramWithError(Flatten(targets), targets.GetLength(0), targets.GetLength(1), relativeSigma, seed);

    /// <summary>Fast open-loop programming of a row-major array; see <see cref="ProgramWithError(double[,], double, int)"/>.</summary>
    /// <param name="targets">Target conductances (S), row-major.</param>
    /// <param name="rows">M.</param>
    /// <param name="columns">N.</param>
    /// <param name="relativeSigma">σ; non-negative.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The result.</returns>
    public ProgrammingResult ProgramWithError(ReadOnlySpan<double> targets, int rows, int columns, double relativeSigma, int seed)
    {
        Guard.NonNegative(relativeSigma);
        var result = CreateResult(targets, rows, columns);
        var faults = SeededRandom.Create(seed, FaultStream);
        var errors = SeededRandom.Create(seed, OpenLoopStream);
        for (int c = 0; c < result.Count; c++)
        {
            double n = SeededRandom.StandardNormal(errors);
            if (ApplyFault(result, c, faults.NextDouble()))
            {
                continue;
            }

            result.Conductance[c] = Math.Clamp(result.Target[c] * (1.0 + (relativeSigma * n)), 0.0, Options.SaturationConductance);
            result.Pulses[c] = 1;
            result.Status[c] = CellStatus.Programmed;
        }

        return result;
    }

    private bool ApplyFault(ProgrammingResult result, int cell, double u)
    {
        if (u < Options.StuckAtMinimumRate)
        {
            result.Conductance[cell] = Options.StuckMinimumConductance;
            result.Status[cell] = CellStatus.StuckAtMinimum;
            return true;
        }

        if (u < Options.StuckAtMinimumRate + Options.StuckAtMaximumRate)
        {
            result.Conductance[cell] = Options.StuckMaximumConductance;
            result.Status[cell] = CellStatus.StuckAtMaximum;
            return true;
        }

        return false;
    }

    private static ProgrammingResult CreateResult(ReadOnlySpan<double> targets, int rows, int columns)
    {
        if (rows < 0 || columns < 0 || (long)rows * columns != targets.Length)
        {
            throw new ArgumentException($"targets has {targets.Length} entries, expected rows×columns = {rows}×{columns}.", nameof(targets));
        }

        var result = new ProgrammingResult(rows, columns);
        for (int c = 0; c < targets.Length; c++)
        {
            double t = targets[c];
            if (!(t >= 0.0) || !double.IsFinite(t))
            {
                throw new ArgumentException($"targets[{c}] = {Guard.Format(t)} must be a finite non-negative conductance.", nameof(targets));
            }

            result.Target[c] = t;
        }

        return result;
    }

    private static double[] Flatten(double[,] matrix)
    {
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        var flat = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                flat[(i * cols) + j] = matrix[i, j];
            }
        }

        return flat;
    }
}
