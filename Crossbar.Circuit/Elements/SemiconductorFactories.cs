using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Factories of the D and M cards; model parameters are parsed once per model and moved to the deck's temperature.
/// The multiplier M (M devices in parallel, ngspice) scales a diode's area, and a level-1 MOSFET's width and bulk
/// junction saturation current: every current and capacitance of those models is proportional to them.
/// </summary>
internal static class SemiconductorFactories
{
    /// <summary>Default MOSFET channel width and length in m (ngspice defw/defl).</summary>
    public const double DefaultMosfetSize = 100e-6;

    public static CircuitElement Diode(ElementCard card, ElementFactoryContext context)
    {
        DiodeParameters p = context.ModelParameters(
            context.FindModel(card, "d"), model => DiodeParameters.FromModel(model).AtTemperature(context.Options.Temperature, context.Options.NominalTemperature));
        double area = (card.GetParameter("area")?.Value ?? card.Value?.Value ?? 1) * ElementFactoryContext.Multiplier(card);
        return new Diode(card.Name, card.Nodes[0], card.Nodes[1], p, area, ElementFactoryContext.HasFlag(card, "off"));
    }

    public static CircuitElement Mosfet(ElementCard card, ElementFactoryContext context)
    {
        MosfetParameters p = context.ModelParameters(
            context.FindModel(card, "nmos", "pmos"), model => MosfetParameters.FromModel(model).AtTemperature(context.Options.Temperature, context.Options.NominalTemperature));
        double m = ElementFactoryContext.Multiplier(card);
        if (m != 1)
        {
            p = p with { JunctionSaturationCurrent = p.JunctionSaturationCurrent * m };
        }

        double w = (card.GetParameter("w")?.Value ?? DefaultMosfetSize) * m;
        double l = card.GetParameter("l")?.Value ?? DefaultMosfetSize;
        IReadOnlyList<string> n = card.Nodes;
        return new Mosfet(card.Name, n[0], n[1], n[2], n[3], p, w, l, ElementFactoryContext.HasFlag(card, "off"));
    }
}
