using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Factories of the R, C and L cards (a resistor's TC1/TC2 applied at the deck's temperature). The multiplier M puts
/// M identical elements in parallel (ngspice): R/M, C·M, L/M. A resistor's <c>ac=</c> value is scaled the same way
/// and used by the AC analysis alone; <c>tc=</c> is ngspice's other spelling of TC1.
/// </summary>
internal static class PassiveFactories
{
    public static CircuitElement Resistor(ElementCard card, ElementFactoryContext context)
    {
        double factor = DeviceTemperature.ResistanceFactor(
            card.GetParameter("tc1")?.Value ?? card.GetParameter("tc")?.Value ?? 0, card.GetParameter("tc2")?.Value ?? 0, context.Options.Temperature, context.Options.NominalTemperature)
            / ElementFactoryContext.Multiplier(card);
        return new Resistor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card) * factor, card.GetParameter("ac")?.Value * factor);
    }

    public static CircuitElement Capacitor(ElementCard card, ElementFactoryContext context)
        => new Capacitor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card) * ElementFactoryContext.Multiplier(card), card.GetParameter("ic")?.Value);

    public static CircuitElement Inductor(ElementCard card, ElementFactoryContext context)
        => new Inductor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card) / ElementFactoryContext.Multiplier(card), card.GetParameter("ic")?.Value);
}
