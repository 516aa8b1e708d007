using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>SPICE level-1 MOSFET model parameters (ngspice names and defaults).</summary>
public sealed record MosfetParameters
{
    /// <summary>+1 for NMOS, −1 for PMOS.</summary>
    public int Polarity { get; init; } = 1;

    /// <summary>Zero-bias threshold VTO in V (0).</summary>
    public double ThresholdVoltage { get; init; }

    /// <summary>Transconductance parameter KP in A/V² (2e-5).</summary>
    public double Transconductance { get; init; } = 2e-5;

    /// <summary>Body-effect coefficient GAMMA in √V (0).</summary>
    public double BodyEffect { get; init; }

    /// <summary>Surface potential PHI in V (0.6).</summary>
    public double SurfacePotential { get; init; } = 0.6;

    /// <summary>Channel-length modulation LAMBDA in 1/V (0).</summary>
    public double ChannelLengthModulation { get; init; }

    /// <summary>Bulk junction saturation current IS in A (1e-14).</summary>
    public double JunctionSaturationCurrent { get; init; } = 1e-14;

    /// <summary>Lateral diffusion LD in m (0).</summary>
    public double LateralDiffusion { get; init; }

    /// <summary>Gate–source overlap capacitance per width CGSO in F/m (0).</summary>
    public double GateSourceOverlap { get; init; }

    /// <summary>Gate–drain overlap capacitance per width CGDO in F/m (0).</summary>
    public double GateDrainOverlap { get; init; }

    /// <summary>Gate–bulk overlap capacitance per length CGBO in F/m (0).</summary>
    public double GateBulkOverlap { get; init; }

    /// <summary>Reads a <c>.model name nmos|pmos (...)</c> card; unsupported parameters are errors naming the card.</summary>
    public static MosfetParameters FromModel(ModelCard card)
    {
        var p = new MosfetParameters { Polarity = card.Type.Equals("pmos", StringComparison.OrdinalIgnoreCase) ? -1 : 1 };
        foreach (var (key, value) in card.Parameters)
        {
            double v = value.Value;
            p = key.ToLowerInvariant() switch
            {
                "vto" or "vt0" => p with { ThresholdVoltage = v },
                "kp" => p with { Transconductance = v },
                "gamma" => p with { BodyEffect = v },
                "phi" => p with { SurfacePotential = v },
                "lambda" => p with { ChannelLengthModulation = v },
                "is" => p with { JunctionSaturationCurrent = v },
                "ld" => p with { LateralDiffusion = v },
                "cgso" => p with { GateSourceOverlap = v },
                "cgdo" => p with { GateDrainOverlap = v },
                "cgbo" => p with { GateBulkOverlap = v },
                "level" when v == 1 => p,
                "tnom" or "kf" or "af" => p,
                _ => throw new NetlistException(card.Location, $"model {card.Name}: unsupported level-1 MOSFET parameter '{key}' (supported: VTO KP GAMMA PHI LAMBDA IS LD CGSO CGDO CGBO)"),
            };
        }

        if (p.SurfacePotential <= 0)
        {
            throw new NetlistException(card.Location, $"model {card.Name}: PHI must be positive");
        }

        return p;
    }
}
