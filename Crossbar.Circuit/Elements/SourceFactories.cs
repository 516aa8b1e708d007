using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Factories of the independent V and I cards.</summary>
internal static class SourceFactories
{
    public static CircuitElement VoltageSource(ElementCard card, ElementFactoryContext context)
        => new VoltageSource(card.Name, card.Nodes[0], card.Nodes[1], Function(card, context), card.AcMagnitude?.Value ?? 0, card.AcPhase?.Value ?? 0);

    public static CircuitElement CurrentSource(ElementCard card, ElementFactoryContext context)
        => new CurrentSource(card.Name, card.Nodes[0], card.Nodes[1], Function(card, context), card.AcMagnitude?.Value ?? 0, card.AcPhase?.Value ?? 0);

    private static SourceFunction Function(ElementCard card, ElementFactoryContext context)
        => new(card.Value?.Value, card.Waveform, context.NoiseSeed(card.Name));
}
