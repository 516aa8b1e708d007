using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Factories of the linear controlled sources E, G, F and H.</summary>
internal static class ControlledSourceFactories
{
    public static CircuitElement Vcvs(ElementCard card, ElementFactoryContext context)
        => new Vcvs(card.Name, card.Nodes[0], card.Nodes[1], card.Nodes[2], card.Nodes[3], ElementFactoryContext.Required(card));

    public static CircuitElement Vccs(ElementCard card, ElementFactoryContext context)
        => new Vccs(card.Name, card.Nodes[0], card.Nodes[1], card.Nodes[2], card.Nodes[3], ElementFactoryContext.Required(card));

    public static CircuitElement Cccs(ElementCard card, ElementFactoryContext context)
        => new Cccs(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.ControlOf(card), ElementFactoryContext.Required(card));

    public static CircuitElement Ccvs(ElementCard card, ElementFactoryContext context)
        => new Ccvs(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.ControlOf(card), ElementFactoryContext.Required(card));
}
