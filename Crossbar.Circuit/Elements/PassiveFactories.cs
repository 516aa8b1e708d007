using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Factories of the R, C and L cards (a resistor's TC1/TC2 applied at the deck's temperature). The multiplier M puts
/// M identical elements in parallel (ngspice): R/M, C·M, L/M.
/// </summary>
internal static class PassiveFactories
{
    public static CircuitElement Resistor(ElementCard card, ElementFactoryContext context)
        => new Resistor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card) / ElementFactoryContext.Multiplier(card) * DeviceTemperature.ResistanceFactor(
            card.GetParameter("tc1")?.Value ?? 0, card.GetParameter("tc2")?.Value ?? 0, context.Options.Temperature, context.Options.NominalTemperature));

    public static CircuitElement Capacitor(ElementCard card, ElementFactoryContext context)
        => new Capacitor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card) * ElementFactoryContext.Multiplier(card), card.GetParameter("ic")?.Value);

    public static CircuitElement Inductor(ElementCard card, ElementFactoryContext context)
        => new Inductor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card) / ElementFactoryContext.Multiplier(card), card.GetParameter("ic")?.Value);
}
