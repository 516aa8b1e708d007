using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Factories of the S (voltage-controlled) and W (current-controlled) switch cards.</summary>
internal static class SwitchFactories
{
    public static CircuitElement VoltageSwitch(ElementCard card, ElementFactoryContext context)
    {
        IReadOnlyList<string> n = card.Nodes;
        return new ControlledSwitch(card.Name, n[0], n[1], n[2], n[3], Parameters(card, context, "sw"), ElementFactoryContext.HasFlag(card, "on"));
    }

    public static CircuitElement CurrentSwitch(ElementCard card, ElementFactoryContext context)
        => new ControlledSwitch(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.ControlOf(card), Parameters(card, context, "csw"), ElementFactoryContext.HasFlag(card, "on"));

    private static SwitchParameters Parameters(ElementCard card, ElementFactoryContext context, string type)
    {
        double gmin = SimulationOptions.FromNetlist(context.Netlist).Gmin;
        return context.ModelParameters(context.FindModel(card, type), model => SwitchParameters.FromModel(model, gmin));
    }
}
