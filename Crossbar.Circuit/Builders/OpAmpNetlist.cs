using Crossbar.Circuit.Netlists;
using Crossbar.Devices.OpAmps;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Adds an op-amp to a netlist as standard SPICE elements, so the engine simulates and the
/// writer exports the same circuit: ideal = VCVS with gain 1e12 (a nullor to 1e-12), finite gain
/// = VCVS with A0, single pole = VCCS A0/Rp into Rp‖Cp (pole at GBWP/A0) and a unity buffer,
/// optional second pole = one more RC stage; input offset = a series source on the + input.
/// </summary>
public static class OpAmpNetlist
{
    /// <summary>Gain used for an ideal op-amp.</summary>
    public const double IdealGain = 1e12;

    /// <summary>Internal pole-node resistance in Ω.</summary>
    public const double PoleResistance = 1e3;

    /// <summary>Adds op-amp <paramref name="name"/> with inputs (+, −) and output.</summary>
    public static void Add(Netlist netlist, string name, string plus, string minus, string output, OpAmpModel model)
    {
        if (model.HasRails || double.IsFinite(model.SlewRate) || model.InputNoiseDensity > 0)
        {
            throw new NotSupportedException($"op-amp {name}: output rails, slew-rate limits and input noise are not modelled in generated circuits yet");
        }

        if (model.InputOffsetVoltage != 0)
        {
            string offsetNode = $"{name}_os";
            Add(netlist, new ElementCard($"V{name}_os", [offsetNode, plus]) { Value = model.InputOffsetVoltage });
            plus = offsetNode;
        }

        switch (model.Kind)
        {
            case OpAmpKind.Ideal:
                Add(netlist, new ElementCard($"E{name}", [output, "0", plus, minus]) { Value = IdealGain });
                break;
            case OpAmpKind.FiniteGain:
                Add(netlist, new ElementCard($"E{name}", [output, "0", plus, minus]) { Value = model.DcGain });
                break;
            default:
            {
                string pole = $"{name}_p";
                double capacitance = model.DcGain / (2 * Math.PI * model.GainBandwidth * PoleResistance);
                Add(netlist, new ElementCard($"G{name}", ["0", pole, plus, minus]) { Value = model.DcGain / PoleResistance });
                Add(netlist, new ElementCard($"R{name}_p", [pole, "0"]) { Value = PoleResistance });
                Add(netlist, new ElementCard($"C{name}_p", [pole, "0"]) { Value = capacitance });
                string last = pole;
                if (model.SecondPoleFrequency is { } f2)
                {
                    string second = $"{name}_q";
                    Add(netlist, new ElementCard($"G{name}_q", ["0", second, pole, "0"]) { Value = 1 / PoleResistance });
                    Add(netlist, new ElementCard($"R{name}_q", [second, "0"]) { Value = PoleResistance });
                    Add(netlist, new ElementCard($"C{name}_q", [second, "0"]) { Value = 1 / (2 * Math.PI * f2 * PoleResistance) });
                    last = second;
                }

                Add(netlist, new ElementCard($"E{name}", [output, "0", last, "0"]) { Value = 1.0 });
                break;
            }
        }
    }

    private static void Add(Netlist netlist, ElementCard card) => netlist.Elements.Add(card);
}
