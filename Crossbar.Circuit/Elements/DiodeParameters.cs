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
                "tnom" or "eg" or "xti" or "kf" or "af" => p,
                _ => throw new NetlistException(card.Location, $"model {card.Name}: unsupported diode parameter '{key}' (supported: IS N RS CJO VJ M TT BV IBV FC)"),
            };
        }

        if (p.SaturationCurrent <= 0 || p.EmissionCoefficient <= 0 || p.JunctionPotential <= 0)
        {
            throw new NetlistException(card.Location, $"model {card.Name}: IS, N and VJ must be positive");
        }

        return p;
    }
}
