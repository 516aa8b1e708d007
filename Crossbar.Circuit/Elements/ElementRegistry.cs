using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Card kind (the element letter) → factory of its element. The engine never names an element type: a simulator
/// creates the elements of a netlist here and hands the engine <see cref="CircuitElement"/>s.
/// </summary>
public sealed class ElementRegistry
{
    private readonly Dictionary<char, ElementFactory> _factories = [];

    /// <summary>Every element kind of this library: R C L V I B E G F H D M S W.</summary>
    public static ElementRegistry Default { get; } = CreateDefault();

    /// <summary>The kinds registered, in letter order.</summary>
    public IEnumerable<char> Kinds => _factories.Keys.Order();

    /// <summary>Registers (or replaces) the factory of a card kind.</summary>
    /// <param name="kind">Element letter (case-insensitive).</param>
    /// <param name="factory">The factory.</param>
    public void Register(char kind, ElementFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[char.ToUpperInvariant(kind)] = factory;
    }

    /// <summary>Creates the elements of a netlist without subcircuit instances: its element cards, then its arrays.</summary>
    /// <exception cref="NetlistException">A card cannot be compiled; the message names its file, line and column.</exception>
    /// <param name="netlist">The flat netlist.</param>
    /// <param name="options">Its options (the temperature reaches the devices from here); null: read from the netlist.</param>
    public List<CircuitElement> CreateElements(Netlist netlist, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var context = new ElementFactoryContext(netlist, options);
        var elements = new List<CircuitElement>(netlist.Elements.Count + netlist.Arrays.Count);
        foreach (ElementCard card in netlist.Elements)
        {
            elements.Add(Create(card, context));
        }

        foreach (CrossbarArrayCard array in netlist.Arrays)
        {
            try
            {
                elements.Add(ArrayFactory.Create(array, context));
            }
            catch (ArgumentException ex)
            {
                throw new NetlistException(array.Location, ex.Message);
            }
        }

        return elements;
    }

    /// <summary>Creates the element of one card.</summary>
    /// <exception cref="NetlistException">Unknown kind, or the card cannot be compiled.</exception>
    public CircuitElement Create(ElementCard card, ElementFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!_factories.TryGetValue(char.ToUpperInvariant(card.Kind), out ElementFactory? factory))
        {
            throw new NetlistException(card.Location, $"element {card.Name}: type '{card.Kind}' cannot be simulated here (subcircuit instances must be flattened first)");
        }

        try
        {
            return factory(card, context);
        }
        catch (ArgumentException ex)
        {
            throw new NetlistException(card.Location, ex.Message);
        }
    }

    private static ElementRegistry CreateDefault()
    {
        var registry = new ElementRegistry();
        registry.Register('R', PassiveFactories.Resistor);
        registry.Register('C', PassiveFactories.Capacitor);
        registry.Register('L', PassiveFactories.Inductor);
        registry.Register('V', SourceFactories.VoltageSource);
        registry.Register('I', SourceFactories.CurrentSource);
        registry.Register('B', BehavioralFactory.Create);
        registry.Register('E', ControlledSourceFactories.Vcvs);
        registry.Register('G', ControlledSourceFactories.Vccs);
        registry.Register('F', ControlledSourceFactories.Cccs);
        registry.Register('H', ControlledSourceFactories.Ccvs);
        registry.Register('D', SemiconductorFactories.Diode);
        registry.Register('M', SemiconductorFactories.Mosfet);
        registry.Register('S', SwitchFactories.VoltageSwitch);
        registry.Register('W', SwitchFactories.CurrentSwitch);
        return registry;
    }
}
