using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>SPICE level-1 diode model parameters (ngspice names and defaults).</summary>
public sealed record DiodeParameters
{
    /// <summary>Saturation current IS in A (1e-14).</summary>
    public double SaturationCurrent { get; init; } = 1e-14;

    /// <summary>Emission coefficient N (1).</summary>
    public double EmissionCoefficient { get; init; } = 1;

    /// <summary>Series resistance RS in Ω (0).</summary>
    public double SeriesResistance { get; init; }

    /// <summary>Zero-bias junction capacitance CJO in F (0).</summary>
    public double JunctionCapacitance { get; init; }

    /// <summary>Junction potential VJ in V (1).</summary>
    public double JunctionPotential { get; init; } = 1;

    /// <summary>Grading coefficient M (0.5).</summary>
    public double GradingCoefficient { get; init; } = 0.5;

    /// <summary>Transit time TT in s (0).</summary>
    public double TransitTime { get; init; }

    /// <summary>Reverse breakdown voltage BV in V (∞ = none).</summary>
    public double BreakdownVoltage { get; init; } = double.PositiveInfinity;

    /// <summary>Current at breakdown IBV in A (1e-3).</summary>
    public double BreakdownCurrent { get; init; } = 1e-3;

    /// <summary>Forward-bias depletion capacitance coefficient FC (0.5).</summary>
    public double DepletionCoefficient { get; init; } = 0.5;

    /// <summary>Activation energy EG in eV (1.11).</summary>
    public double BandGap { get; init; } = 1.11;

    /// <summary>Saturation-current temperature exponent XTI (3).</summary>
    public double SaturationExponent { get; init; } = 3;

    /// <summary>TNOM in K, the temperature the parameters were measured at; null: the circuit's (<c>.options tnom</c>, 27 °C).</summary>
    public double? NominalTemperature { get; init; }

    /// <summary>The temperature in K the parameters hold at (<see cref="AtTemperature"/> moves them; 27 °C before).</summary>
    public double Temperature { get; init; } = PhysicalConstants.NominalTemperature;

    /// <summary>Thermal voltage k·T/q at <see cref="Temperature"/> in V.</summary>
    public double ThermalVoltage => Temperature == PhysicalConstants.NominalTemperature
        ? PhysicalConstants.ThermalVoltage
        : DeviceTemperature.ThermalVoltage(Temperature);

    /// <summary>
    /// The parameters at <paramref name="temperature"/>: IS, VJ and CJO moved from TNOM by
    /// <see cref="DeviceTemperature.DiodeSaturationCurrent"/>, <see cref="DeviceTemperature.JunctionPotential"/> and
    /// <see cref="DeviceTemperature.JunctionCapacitance"/> (as ngspice diotemp.c; BV, RS, TT, M do not change: their
    /// temperature coefficients are not modelled).
    /// </summary>
    /// <param name="temperature">Circuit temperature in K.</param>
    /// <param name="circuitNominal">The circuit's TNOM in K, used when the model gives none.</param>
    /// <returns>This record when the temperature is TNOM, else the moved parameters.</returns>
    public DiodeParameters AtTemperature(double temperature, double circuitNominal)
    {
        double nominal = NominalTemperature ?? circuitNominal;
        if (temperature == nominal)
        {
            return this with { Temperature = temperature };
        }

        return this with
        {
            Temperature = temperature,
            SaturationCurrent = DeviceTemperature.DiodeSaturationCurrent(SaturationCurrent, BandGap, SaturationExponent, EmissionCoefficient, temperature, nominal),
            JunctionPotential = DeviceTemperature.JunctionPotential(JunctionPotential, temperature, nominal),
            JunctionCapacitance = DeviceTemperature.JunctionCapacitance(JunctionCapacitance, GradingCoefficient, JunctionPotential, temperature, nominal),
        };
    }

    /// <summary>Reads a <c>.model name d (...)</c> card; unknown parameters are errors naming the card.</summary>
    public static DiodeParameters FromModel(ModelCard card)
    {
        var p = new DiodeParameters();
        foreach (var (key, value) in card.Parameters)
        {
            double v = value.Value;
            p = key.ToLowerInvariant() switch
            {
                "is" => p with { SaturationCurrent = v },
                "n" => p with { EmissionCoefficient = v },
                "rs" => p with { SeriesResistance = v },
                "cjo" or "cj0" or "cj" => p with { JunctionCapacitance = v },
                "vj" or "pb" => p with { JunctionPotential = v },
                "m" or "mj" => p with { GradingCoefficient = v },
                "tt" => p with { TransitTime = v },
                "bv" => p with { BreakdownVoltage = v },
                "ibv" => p with { BreakdownCurrent = v },
                "fc" => p with { DepletionCoefficient = v },
                "level" when v == 1 => p,
                "eg" => p with { BandGap = v },
                "xti" => p with { SaturationExponent = v },
                "tnom" => p with { NominalTemperature = v + DeviceTemperature.CelsiusToKelvin },
                "kf" or "af" => p,
                _ => throw new NetlistException(card.Location, $"model {card.Name}: unsupported diode parameter '{key}' (supported: IS N RS CJO VJ M TT BV IBV FC EG XTI TNOM)"),
            };
        }

        if (p.SaturationCurrent <= 0 || p.EmissionCoefficient <= 0 || p.JunctionPotential <= 0)
        {
            throw new NetlistException(card.Location, $"model {card.Name}: IS, N and VJ must be positive");
        }

        if (p.NominalTemperature is <= 0)
        {
            throw new NetlistException(card.Location, $"model {card.Name}: TNOM must be above -273.15 °C");
        }

        return p;
    }
}
