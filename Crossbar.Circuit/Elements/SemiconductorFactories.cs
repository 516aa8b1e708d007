using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Factories of the D and M cards; model parameters are parsed once per model and moved to the deck's temperature.</summary>
internal static class SemiconductorFactories
{
    /// <summary>Default MOSFET channel width and length in m (ngspice defw/defl).</summary>
    public const double DefaultMosfetSize = 100e-6;

    public static CircuitElement Diode(ElementCard card, ElementFactoryContext context)
    {
        DiodeParameters p = context.ModelParameters(
            context.FindModel(card, "d"), model => DiodeParameters.FromModel(model).AtTemperature(context.Options.Temperature, context.Options.NominalTemperature));
        double area = card.GetParameter("area")?.Value ?? card.Value?.Value ?? 1;
        return new Diode(card.Name, card.Nodes[0], card.Nodes[1], p, area, ElementFactoryContext.HasFlag(card, "off"));
    }

    public static CircuitElement Mosfet(ElementCard card, ElementFactoryContext context)
    {
        MosfetParameters p = context.ModelParameters(
            context.FindModel(card, "nmos", "pmos"), model => MosfetParameters.FromModel(model).AtTemperature(context.Options.Temperature, context.Options.NominalTemperature));
        double w = card.GetParameter("w")?.Value ?? DefaultMosfetSize;
        double l = card.GetParameter("l")?.Value ?? DefaultMosfetSize;
        IReadOnlyList<string> n = card.Nodes;
        return new Mosfet(card.Name, n[0], n[1], n[2], n[3], p, w, l, ElementFactoryContext.HasFlag(card, "off"));
    }
}
