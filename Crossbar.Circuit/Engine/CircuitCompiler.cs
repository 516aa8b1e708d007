using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>Turns a (flattened) netlist into compiled elements. Errors name the card's file, line and column.</summary>
public static class CircuitCompiler
{
    /// <summary>Default MOSFET channel width and length in m (ngspice defw/defl).</summary>
    public const double DefaultMosfetSize = 100e-6;

    /// <summary>Creates the elements of a netlist without subcircuit instances.</summary>
    /// <param name="netlist">The flat netlist.</param>
    /// <param name="options">Its options (the temperature reaches the elements from here); null: read from the netlist.</param>
    public static List<CircuitElement> CreateElements(Netlist netlist, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        options ??= SimulationOptions.FromNetlist(netlist);
        var elements = new List<CircuitElement>(netlist.Elements.Count);
        var diodeModels = new Dictionary<string, DiodeParameters>(StringComparer.OrdinalIgnoreCase);
        var mosModels = new Dictionary<string, MosfetParameters>(StringComparer.OrdinalIgnoreCase);
        double deckSeed = DeckSeed(netlist);
        foreach (ElementCard card in netlist.Elements)
        {
            try
            {
                elements.Add(Create(card, netlist, deckSeed, diodeModels, mosModels, options));
            }
            catch (ArgumentException ex)
            {
                throw new NetlistException(card.Location, ex.Message);
            }
        }

        foreach (CrossbarArrayCard array in netlist.Arrays)
        {
            MosfetParameters? transistor = null;
            if (array.CellKind == CrossbarCellKind.Transistor)
            {
                var probe = new ElementCard("M" + array.Name, []) { Model = array.TransistorModel, Location = array.Location };
                ModelCard model = FindModel(probe, netlist, "nmos", "pmos");
                transistor = MosfetParameters.FromModel(model).AtTemperature(options.Temperature, options.NominalTemperature);
            }

            try
            {
                elements.Add(new CrossbarArray(array, transistor));
            }
            catch (ArgumentException ex)
            {
                throw new NetlistException(array.Location, ex.Message);
            }
        }

        return elements;
    }

    private static CircuitElement Create(
        ElementCard card, Netlist netlist, double deckSeed, Dictionary<string, DiodeParameters> diodeModels, Dictionary<string, MosfetParameters> mosModels, SimulationOptions options)
    {
        IReadOnlyList<string> n = card.Nodes;
        switch (card.Kind)
        {
            case 'R':
                return new Resistor(card.Name, n[0], n[1], Required(card) * DeviceTemperature.ResistanceFactor(
                    card.GetParameter("tc1")?.Value ?? 0, card.GetParameter("tc2")?.Value ?? 0, options.Temperature, options.NominalTemperature));
            case 'C':
                return new Capacitor(card.Name, n[0], n[1], Required(card), card.GetParameter("ic")?.Value);
            case 'L':
                return new Inductor(card.Name, n[0], n[1], Required(card), card.GetParameter("ic")?.Value);
            case 'V':
                return new VoltageSource(card.Name, n[0], n[1], new SourceFunction(card.Value?.Value, card.Waveform, NoiseSeed(deckSeed, card.Name)), card.AcMagnitude?.Value ?? 0, card.AcPhase?.Value ?? 0);
            case 'I':
                return new CurrentSource(card.Name, n[0], n[1], new SourceFunction(card.Value?.Value, card.Waveform, NoiseSeed(deckSeed, card.Name)), card.AcMagnitude?.Value ?? 0, card.AcPhase?.Value ?? 0);
            case 'B':
                return CreateBehavioral(card, netlist);
            case 'E':
                return new Vcvs(card.Name, n[0], n[1], n[2], n[3], Required(card));
            case 'G':
                return new Vccs(card.Name, n[0], n[1], n[2], n[3], Required(card));
            case 'F':
                return new Cccs(card.Name, n[0], n[1], ControlOf(card), Required(card));
            case 'H':
                return new Ccvs(card.Name, n[0], n[1], ControlOf(card), Required(card));
            case 'D':
            {
                ModelCard model = FindModel(card, netlist, "d");
                if (!diodeModels.TryGetValue(model.Name, out DiodeParameters? p))
                {
                    p = DiodeParameters.FromModel(model).AtTemperature(options.Temperature, options.NominalTemperature);
                    diodeModels.Add(model.Name, p);
                }

                double area = card.GetParameter("area")?.Value ?? card.Value?.Value ?? 1;
                return new Diode(card.Name, n[0], n[1], p, area, HasFlag(card, "off"));
            }

            case 'M':
            {
                ModelCard model = FindModel(card, netlist, "nmos", "pmos");
                if (!mosModels.TryGetValue(model.Name, out MosfetParameters? p))
                {
                    p = MosfetParameters.FromModel(model).AtTemperature(options.Temperature, options.NominalTemperature);
                    mosModels.Add(model.Name, p);
                }

                double w = card.GetParameter("w")?.Value ?? DefaultMosfetSize;
                double l = card.GetParameter("l")?.Value ?? DefaultMosfetSize;
                return new Mosfet(card.Name, n[0], n[1], n[2], n[3], p, w, l, HasFlag(card, "off"));
            }

            default:
                throw new NetlistException(card.Location, $"element {card.Name}: type '{card.Kind}' cannot be simulated here (subcircuit instances must be flattened first)");
        }
    }

    /// <summary>
    /// Seed of a source's TRNOISE realisation: the deck seed (<c>.options seed=N</c>, default 1)
    /// mixed with a stable (FNV-1a) hash of the lower-case source name, so every source has its own
    /// stream and the same deck always gives the same waveforms.
    /// </summary>
    public static int NoiseSeed(Netlist netlist, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(sourceName);
        return NoiseSeed(DeckSeed(netlist), sourceName);
    }

    /// <summary>The deck's <c>.options seed=N</c> (the last one), or 1.</summary>
    private static double DeckSeed(Netlist netlist)
        => netlist.Options.LastOrDefault(o => o.Name.Equals("seed", StringComparison.OrdinalIgnoreCase))?.Value ?? 1;

    private static int NoiseSeed(double deckSeed, string sourceName)
    {
        uint hash = 2166136261;
        foreach (char c in sourceName.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619;
        }

        return unchecked((int)(hash ^ (uint)(long)deckSeed));
    }

    private static BehavioralSource CreateBehavioral(ElementCard card, Netlist netlist)
    {
        BehavioralValue value = card.Behavior ?? throw new NetlistException(card.Location, $"element {card.Name}: missing V={{expr}} or I={{expr}}");
        var parameters = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (ParameterCard parameter in netlist.Parameters)
        {
            parameters[parameter.Name] = parameter.Value.Value;
        }

        BehavioralFunction function = BehavioralFunction.Compile(value.Parse(card.Location), name => parameters.TryGetValue(name, out double v) ? v : null);
        return new BehavioralSource(card.Name, card.Nodes[0], card.Nodes[1], value.Quantity == 'V', function);
    }

    private static double Required(ElementCard card)
        => card.Value?.Value ?? throw new NetlistException(card.Location, $"element {card.Name}: missing value");

    private static string ControlOf(ElementCard card)
        => card.ControlSource ?? throw new NetlistException(card.Location, $"element {card.Name}: missing controlling voltage source name");

    private static bool HasFlag(ElementCard card, string flag)
        => card.Flags.Any(f => f.Equals(flag, StringComparison.OrdinalIgnoreCase));

    private static ModelCard FindModel(ElementCard card, Netlist netlist, params string[] types)
    {
        if (card.Model is null || !netlist.Models.TryGetValue(card.Model, out ModelCard? model))
        {
            throw new NetlistException(card.Location, $"element {card.Name}: unknown model '{card.Model}'");
        }

        if (!types.Contains(model.Type, StringComparer.OrdinalIgnoreCase))
        {
            throw new NetlistException(card.Location, $"element {card.Name}: model '{model.Name}' is of type {model.Type}, expected {string.Join(" or ", types)}");
        }

        return model;
    }
}
