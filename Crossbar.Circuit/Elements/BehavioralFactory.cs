using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Factory of the B card: the expression compiled against the deck's <c>.param</c> values and <c>temper</c>
/// (the circuit temperature in °C).</summary>
internal static class BehavioralFactory
{
    public static CircuitElement Create(ElementCard card, ElementFactoryContext context)
    {
        BehavioralValue value = card.Behavior ?? throw new NetlistException(card.Location, $"element {card.Name}: missing V={{expr}} or I={{expr}}");
        var parameters = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            [NetlistReader.TemperatureName] = context.Options.Temperature - SimulationOptions.CelsiusToKelvin,
        };
        foreach (ParameterCard parameter in context.Netlist.Parameters)
        {
            parameters[parameter.Name] = parameter.Value.Value;
        }

        BehavioralFunction function = BehavioralFunction.Compile(value.Parse(card.Location), name => parameters.TryGetValue(name, out double v) ? v : null);
        return new BehavioralSource(card.Name, card.Nodes[0], card.Nodes[1], value.Quantity == 'V', function);
    }
}
