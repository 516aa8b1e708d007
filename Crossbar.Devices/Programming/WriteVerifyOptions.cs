namespace Crossbar.Devices.Programming;

/// <summary>Options of <see cref="WriteVerifyProgrammer"/>; each property validates itself on <c>init</c>.</summary>
public sealed record WriteVerifyOptions
{
    /// <summary>Relative half-width of the verify band: a cell passes when |G − G_t| ≤ rel·G_t + abs.</summary>
    /// <value>Dimensionless.</value>
    public double RelativeTolerance { get; init => field = Guard.NonNegative(value, nameof(RelativeTolerance)); } = 0.05;

    /// <summary>Absolute half-width added to the verify band.</summary>
    /// <value>Siemens.</value>
    public double AbsoluteTolerance { get; init => field = Guard.NonNegative(value, nameof(AbsoluteTolerance)); }

    /// <summary>Maximum write pulses per cell; at least 1.</summary>
    public int MaxPulses { get; init => field = Guard.InRange(value, 1, 1_000_000, nameof(MaxPulses)); } = 50;

    /// <summary>Pulse response model.</summary>
    public PulseStepModel StepModel { get; init; } = PulseStepModel.Proportional;

    /// <summary>η, mean fraction of the remaining error removed by one pulse (<see cref="PulseStepModel.Proportional"/>); in (0, 2).</summary>
    /// <value>Dimensionless.</value>
    public double StepGain { get; init => field = Guard.InOpenRange(value, 0.0, 2.0, nameof(StepGain)); } = 0.5;

    /// <summary>ΔG, mean conductance step of one pulse (<see cref="PulseStepModel.Additive"/>); positive.</summary>
    /// <value>Siemens.</value>
    public double StepSize { get; init => field = Guard.Positive(value, nameof(StepSize)); } = 0.5e-6;

    /// <summary>σ_c2c, relative standard deviation of each pulse's step (cycle-to-cycle variation); non-negative.</summary>
    /// <value>Dimensionless.</value>
    public double CycleToCycleSigma { get; init => field = Guard.NonNegative(value, nameof(CycleToCycleSigma)); } = 0.3;

    /// <summary>σ_d2d, relative standard deviation of each device's pulse response (η or ΔG); non-negative.</summary>
    /// <value>Dimensionless.</value>
    public double DeviceToDeviceSigma { get; init => field = Guard.NonNegative(value, nameof(DeviceToDeviceSigma)); }

    /// <summary>Distribution of the device-to-device factor.</summary>
    public VariationDistribution DeviceToDeviceDistribution { get; init; } = VariationDistribution.LogNormal;

    /// <summary>Conductance of every cell before programming (the RESET state); non-negative.</summary>
    /// <value>Siemens.</value>
    public double InitialConductance { get; init => field = Guard.NonNegative(value, nameof(InitialConductance)); } = 0.5e-6;

    /// <summary>Conductance of a cell stuck at its lowest state; non-negative.</summary>
    /// <value>Siemens.</value>
    public double StuckMinimumConductance { get; init => field = Guard.NonNegative(value, nameof(StuckMinimumConductance)); } = 0.5e-6;

    /// <summary>Conductance of a cell stuck at its highest state; non-negative.</summary>
    /// <value>Siemens.</value>
    public double StuckMaximumConductance { get; init => field = Guard.NonNegative(value, nameof(StuckMaximumConductance)); } = 35e-6;

    /// <summary>Ceiling of any programmed conductance (the device saturates); achieved values are clipped to [0, this].</summary>
    /// <value>Siemens.</value>
    public double SaturationConductance { get; init => field = Guard.Positive(value, nameof(SaturationConductance)); } = 1.2 * 35e-6;

    /// <summary>Probability that a cell is stuck at its lowest conductance.</summary>
    public double StuckAtMinimumRate { get; init => field = Guard.Probability(value, nameof(StuckAtMinimumRate)); }

    /// <summary>Probability that a cell is stuck at its highest conductance.</summary>
    public double StuckAtMaximumRate { get; init => field = Guard.Probability(value, nameof(StuckAtMaximumRate)); }
}
