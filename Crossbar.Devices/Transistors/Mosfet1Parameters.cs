namespace Crossbar.Devices.Transistors;

/// <summary>
/// Parameters of the SPICE level-1 (Shichman–Hodges) MOSFET, with SPICE's defaults.
/// </summary>
/// <remarks>
/// SPICE names: VTO = <see cref="ThresholdVoltage"/>, KP = <see cref="TransconductanceParameter"/>,
/// GAMMA = <see cref="BodyEffectCoefficient"/>, PHI = <see cref="SurfacePotential"/>,
/// LAMBDA = <see cref="ChannelLengthModulation"/>, LD = <see cref="LateralDiffusion"/>, W and L (instance).
/// Defaults are those of ngspice (VTO 0, KP 2e-5, GAMMA 0, PHI 0.6, LAMBDA 0, LD 0, W = L = 100 µm).
/// As in SPICE, a PMOS threshold is given with its sign (VTO &lt; 0 for an enhancement PMOS); the model works
/// internally with the NMOS-convention threshold TYPE·VTO. Junctions, capacitances and series resistances of
/// the full level-1 card are not modelled here.
/// </remarks>
public sealed record Mosfet1Parameters
{
    /// <summary>Channel type.</summary>
    public MosfetPolarity Polarity { get; init; } = MosfetPolarity.Nmos;

    /// <summary>VTO, zero-bias threshold voltage.</summary>
    /// <value>Volts.</value>
    public double ThresholdVoltage { get; init => field = Guard.Finite(value, nameof(ThresholdVoltage)); }

    /// <summary>KP = µ·C_ox, the transconductance parameter; positive.</summary>
    /// <value>A/V².</value>
    public double TransconductanceParameter { get; init => field = Guard.Positive(value, nameof(TransconductanceParameter)); } = 2e-5;

    /// <summary>GAMMA, the body-effect coefficient; non-negative.</summary>
    /// <value>√V.</value>
    public double BodyEffectCoefficient { get; init => field = Guard.NonNegative(value, nameof(BodyEffectCoefficient)); }

    /// <summary>PHI, the surface potential 2φ_F; positive.</summary>
    /// <value>Volts.</value>
    public double SurfacePotential { get; init => field = Guard.Positive(value, nameof(SurfacePotential)); } = 0.6;

    /// <summary>LAMBDA, the channel-length modulation coefficient; non-negative.</summary>
    /// <value>1/V.</value>
    public double ChannelLengthModulation { get; init => field = Guard.NonNegative(value, nameof(ChannelLengthModulation)); }

    /// <summary>W, drawn channel width; positive.</summary>
    /// <value>Metres.</value>
    public double Width { get; init => field = Guard.Positive(value, nameof(Width)); } = 100e-6;

    /// <summary>L, drawn channel length; positive.</summary>
    /// <value>Metres.</value>
    public double Length { get; init => field = Guard.Positive(value, nameof(Length)); } = 100e-6;

    /// <summary>LD, lateral diffusion; the effective length is L − 2·LD, which must stay positive.</summary>
    /// <value>Metres.</value>
    public double LateralDiffusion { get; init => field = Guard.NonNegative(value, nameof(LateralDiffusion)); }

    /// <summary>Effective channel length L − 2·LD.</summary>
    /// <value>Metres.</value>
    public double EffectiveLength => Length - (2.0 * LateralDiffusion);

    /// <summary>β = KP·W/(L − 2·LD).</summary>
    /// <value>A/V².</value>
    public double Beta => TransconductanceParameter * Width / EffectiveLength;

    /// <summary>
    /// A 1T1R access NMOS: VTO 0.7 V, KP 2e-5 A/V², W = 4 µm, L = 40 nm (W/L = 100), so that its on-resistance at a
    /// 3.3 V gate is 1/(KP·W/L·(3.3 − 0.7)) ≈ 192 Ω, close to the R_on ≈ 180 Ω targeted for the 1T1R access device (docs/design.md §4.2).
    /// </summary>
    public static Mosfet1Parameters AccessTransistor { get; } = new()
    {
        ThresholdVoltage = 0.7,
        TransconductanceParameter = 2e-5,
        Width = 4e-6,
        Length = 40e-9,
    };
}
