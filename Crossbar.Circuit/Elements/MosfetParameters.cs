using Crossbar.Circuit.Netlists;
using Crossbar.Devices.Transistors;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// A level-1 MOSFET <c>.model</c> card as the engine uses it: the channel parameters of the device model
/// (<see cref="Mosfet1Parameters"/>, which also holds the instance W and L) plus what only the circuit element
/// models, the bulk-junction saturation current and the overlap capacitances.
/// </summary>
public sealed record MosfetParameters
{
    /// <summary>Channel parameters (polarity, VTO, KP, GAMMA, PHI, LAMBDA, LD; W and L are set per instance).</summary>
    public Mosfet1Parameters Channel { get; init; } = new();

    /// <summary>Bulk junction saturation current IS (1e-14).</summary>
    /// <value>Amperes.</value>
    public double JunctionSaturationCurrent { get; init; } = 1e-14;

    /// <summary>Gate–source overlap capacitance per width CGSO (0).</summary>
    /// <value>F/m.</value>
    public double GateSourceOverlap { get; init; }

    /// <summary>Gate–drain overlap capacitance per width CGDO (0).</summary>
    /// <value>F/m.</value>
    public double GateDrainOverlap { get; init; }

    /// <summary>Gate–bulk overlap capacitance per length CGBO (0).</summary>
    /// <value>F/m.</value>
    public double GateBulkOverlap { get; init; }

    /// <summary>Gate oxide thickness TOX (null: not given, no Meyer gate capacitances, as in ngspice).</summary>
    /// <value>Metres.</value>
    public double? OxideThickness { get; init; }

    /// <summary>Oxide capacitance per area C_ox' = 3.9·ε₀/TOX (<see cref="MeyerCapacitance.PerArea"/>), 0 without TOX.</summary>
    /// <value>F/m².</value>
    public double OxideCapacitancePerArea => OxideThickness is { } tox ? MeyerCapacitance.PerArea(tox) : 0;

    /// <summary>TNOM in K, the temperature the parameters were measured at; null: the circuit's (<c>.options tnom</c>, 27 °C).</summary>
    public double? NominalTemperature { get; init; }

    /// <summary>The temperature in K the parameters hold at (<see cref="AtTemperature"/> moves them; 27 °C before).</summary>
    public double Temperature { get; init; } = PhysicalConstants.NominalTemperature;

    /// <summary>Thermal voltage k·T/q of the bulk junctions at <see cref="Temperature"/> in V.</summary>
    public double ThermalVoltage => Temperature == PhysicalConstants.NominalTemperature
        ? PhysicalConstants.ThermalVoltage
        : DeviceTemperature.ThermalVoltage(Temperature);

    /// <summary>
    /// The parameters at <paramref name="temperature"/>, as ngspice mos1temp.c: KP times
    /// <see cref="DeviceTemperature.MobilityFactor"/>, PHI by <see cref="DeviceTemperature.JunctionPotential"/>, VTO by
    /// <see cref="DeviceTemperature.MosfetThreshold"/>, IS by <see cref="DeviceTemperature.MosfetJunctionSaturationCurrent"/>.
    /// </summary>
    /// <param name="temperature">Circuit temperature in K.</param>
    /// <param name="circuitNominal">The circuit's TNOM in K, used when the model gives none.</param>
    /// <returns>This record when the temperature is TNOM, else the moved parameters.</returns>
    public MosfetParameters AtTemperature(double temperature, double circuitNominal)
    {
        double nominal = NominalTemperature ?? circuitNominal;
        if (temperature == nominal)
        {
            return this with { Temperature = temperature };
        }

        Mosfet1Parameters c = Channel;
        double threshold = DeviceTemperature.MosfetThreshold(Polarity * c.ThresholdVoltage, c.BodyEffectCoefficient, c.SurfacePotential, temperature, nominal);
        return this with
        {
            Temperature = temperature,
            JunctionSaturationCurrent = DeviceTemperature.MosfetJunctionSaturationCurrent(JunctionSaturationCurrent, temperature, nominal),
            Channel = c with
            {
                ThresholdVoltage = Polarity * threshold,
                TransconductanceParameter = c.TransconductanceParameter * DeviceTemperature.MobilityFactor(temperature, nominal),
                SurfacePotential = DeviceTemperature.JunctionPotential(c.SurfacePotential, temperature, nominal),
            },
        };
    }

    /// <summary>+1 for NMOS, −1 for PMOS (SPICE's TYPE).</summary>
    public int Polarity => (int)Channel.Polarity;

    /// <summary>Reads a <c>.model name nmos|pmos (...)</c> card; unsupported or invalid parameters are errors naming the card.</summary>
    /// <param name="card">The model card.</param>
    /// <returns>The parameters (W and L at the SPICE defaults until an instance sets them).</returns>
    /// <exception cref="NetlistException">A parameter is unknown or out of range.</exception>
    public static MosfetParameters FromModel(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var polarity = card.Type.Equals("pmos", StringComparison.OrdinalIgnoreCase) ? MosfetPolarity.Pmos : MosfetPolarity.Nmos;
        var p = new MosfetParameters { Channel = new Mosfet1Parameters { Polarity = polarity } };
        bool transconductanceGiven = false;
        double mobility = DefaultSurfaceMobility;
        foreach (var (key, value) in card.Parameters)
        {
            double v = value.Value;
            Mosfet1Parameters c = p.Channel;
            try
            {
                p = key.ToLowerInvariant() switch
                {
                    "vto" or "vt0" => p with { Channel = c with { ThresholdVoltage = v } },
                    "kp" => p with { Channel = c with { TransconductanceParameter = v } },
                    "tox" => p with { OxideThickness = Guard(v > 0, v, "must be positive") },
                    "uo" or "u0" => p,
                    "gamma" => p with { Channel = c with { BodyEffectCoefficient = v } },
                    "phi" => p with { Channel = c with { SurfacePotential = v } },
                    "lambda" => p with { Channel = c with { ChannelLengthModulation = v } },
                    "ld" => p with { Channel = c with { LateralDiffusion = v } },
                    "is" => p with { JunctionSaturationCurrent = v },
                    "cgso" => p with { GateSourceOverlap = v },
                    "cgdo" => p with { GateDrainOverlap = v },
                    "cgbo" => p with { GateBulkOverlap = v },
                    "level" when v == 1 => p,
                    "tnom" => p with { NominalTemperature = v + DeviceTemperature.CelsiusToKelvin },
                    "kf" or "af" => p,
                    _ => throw new NetlistException(card.Location, $"model {card.Name}: unsupported level-1 MOSFET parameter '{key}' (supported: VTO KP GAMMA PHI LAMBDA IS LD CGSO CGDO CGBO TOX UO TNOM)"),
                };
            }
            catch (ArgumentException ex)
            {
                throw new NetlistException(card.Location, $"model {card.Name}: {key.ToUpperInvariant()} = {SpiceNumber.Format(v)} is invalid ({ex.Message})");
            }

            transconductanceGiven |= key.Equals("kp", StringComparison.OrdinalIgnoreCase);
            if (key.ToLowerInvariant() is "uo" or "u0")
            {
                mobility = v;
            }
        }

        if (p.OxideThickness is not null && !transconductanceGiven)
        {
            // ngspice mos1temp.c: with TOX and no KP, KP = UO·C_ox' (UO in cm²/V·s).
            p = p with { Channel = p.Channel with { TransconductanceParameter = mobility * 1e-4 * p.OxideCapacitancePerArea } };
        }

        return p;
    }

    /// <summary>Default surface mobility UO in cm²/(V·s) (600, ngspice), used for KP only when TOX is given without KP.</summary>
    public const double DefaultSurfaceMobility = 600;

    private static double Guard(bool ok, double value, string why) => ok ? value : throw new ArgumentException(why);

    /// <summary>The channel parameters of an instance of width W and length L.</summary>
    /// <param name="width">W (m).</param>
    /// <param name="length">L (m).</param>
    /// <returns><see cref="Channel"/> with W and L set.</returns>
    /// <exception cref="ArgumentException">W or L is not positive.</exception>
    public Mosfet1Parameters Instance(double width, double length) => Channel with { Width = width, Length = length };
}
