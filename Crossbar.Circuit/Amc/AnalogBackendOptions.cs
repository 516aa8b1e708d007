using Crossbar.Devices.Programming;

namespace Crossbar.Circuit.Amc;

/// <summary>Device, converter and timing parameters shared by every <see cref="IAnalogBackend"/>.</summary>
/// <remarks>
/// Defaults follow docs/design.md §3 (paper): 3-bit cells over 0.5–35 µS, an LP-INV settling in ≈120 ns and an MVM in
/// ≈60 ns on 8×8 arrays with AD823-class op-amps. Converters: <see cref="DacBits"/> = 0 and <see cref="AdcBits"/> = 0
/// mean ideal (unquantised) conversion. The DAC is sign-magnitude over ±1 (matrix units): 2^(b−1) − 1 magnitude steps,
/// so 0 and ±1 are exact for every b ≥ 2. The ADC is a symmetric mid-tread quantiser over ±FS, LSB = FS/(2^(b−1) − 1),
/// where FS is chosen per array so that an in-range input never clips (MVM: the largest absolute row sum of the
/// realised matrix; INV: the largest absolute row sum of its inverse).
/// </remarks>
public sealed record AnalogBackendOptions
{
    /// <summary>G_min, the lowest conductance level.</summary>
    /// <value>Siemens.</value>
    public double MinConductance { get; init; } = 0.5e-6;

    /// <summary>G_max, the highest conductance level.</summary>
    /// <value>Siemens.</value>
    public double MaxConductance { get; init; } = 35e-6;

    /// <summary>How a target conductance is assigned to a level (rounding is the default).</summary>
    public QuantizationMode Quantization { get; init; } = QuantizationMode.Rounding;

    /// <summary>Relative standard deviation σ of the programmed conductance, G = G_t·(1 + σ·n), drawn once per array.</summary>
    /// <value>Dimensionless.</value>
    public double ProgrammingSigma { get; init; }

    /// <summary>Relative standard deviation of white read noise, drawn per cell and per operation.</summary>
    /// <value>Dimensionless.</value>
    public double ReadNoiseSigma { get; init; }

    /// <summary>Time since programming at which the arrays are read, in s (0 = at programming): every programmed conductance
    /// relaxes by <see cref="Drift"/> (<see cref="ConductanceDrift"/>, per-cell exponents fixed by the array's seed).</summary>
    /// <value>Seconds.</value>
    public double DriftTime { get; init; }

    /// <summary>Conductance drift and relaxation model.</summary>
    public ConductanceDrift Drift { get; init; } = new();

    /// <summary>Input DAC resolution (0 = ideal, otherwise 2–24).</summary>
    public int DacBits { get; init; }

    /// <summary>Output ADC resolution (0 = ideal, otherwise 2–32).</summary>
    public int AdcBits { get; init; }

    /// <summary>Nominal time of one MVM (ideal and operating-point fidelity). Paper: ≈60 ns on 8×8 arrays.</summary>
    /// <value>Seconds.</value>
    public double MvmTime { get; init; } = 60e-9;

    /// <summary>Nominal time of one closed-loop INV (ideal and operating-point fidelity). Paper: ≈120 ns on 8×8 arrays.</summary>
    /// <value>Seconds.</value>
    public double InvTime { get; init; } = 120e-9;

    /// <summary>Checks the parameters.</summary>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(MinConductance >= 0.0) || !(MaxConductance > MinConductance) || !double.IsFinite(MaxConductance))
        {
            throw new ArgumentException($"conductance range [{MinConductance:G6}, {MaxConductance:G6}] S is invalid: need 0 ≤ G_min < G_max.", nameof(MaxConductance));
        }

        CheckNonNegative(ProgrammingSigma, nameof(ProgrammingSigma));
        CheckNonNegative(ReadNoiseSigma, nameof(ReadNoiseSigma));
        CheckNonNegative(DriftTime, nameof(DriftTime));
        if (DacBits != 0 && (DacBits < 2 || DacBits > 24))
        {
            throw new ArgumentException($"DacBits must be 0 (ideal) or in [2, 24], got {DacBits}.", nameof(DacBits));
        }

        if (AdcBits != 0 && (AdcBits < 2 || AdcBits > 32))
        {
            throw new ArgumentException($"AdcBits must be 0 (ideal) or in [2, 32], got {AdcBits}.", nameof(AdcBits));
        }

        CheckNonNegative(MvmTime, nameof(MvmTime));
        CheckNonNegative(InvTime, nameof(InvTime));
    }

    private static void CheckNonNegative(double value, string name)
    {
        if (!(value >= 0.0) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be finite and non-negative, got {value:G6}.", name);
        }
    }
}
