using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Factories of the R, C and L cards.</summary>
internal static class PassiveFactories
{
    public static CircuitElement Resistor(ElementCard card, ElementFactoryContext context)
        => new Resistor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card));

    public static CircuitElement Capacitor(ElementCard card, ElementFactoryContext context)
        => new Capacitor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card), card.GetParameter("ic")?.Value);

    public static CircuitElement Inductor(ElementCard card, ElementFactoryContext context)
        => new Inductor(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.Required(card), card.GetParameter("ic")?.Value);
}
