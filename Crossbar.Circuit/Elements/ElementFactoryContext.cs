using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// What the element factories of one deck share: the netlist (models, parameters, options), its simulation options
/// (the temperature reaches the devices from here), its noise seed, and model parameters parsed once per model. Errors name the card's file, line and column.
/// </summary>
public sealed class ElementFactoryContext
{
    private readonly Dictionary<(Type, string), object> _models = [];

    /// <summary>Creates the context of a (flattened) netlist.</summary>
    /// <param name="netlist">The flat netlist.</param>
    /// <param name="options">Its options; null: read from the netlist.</param>
    public ElementFactoryContext(Netlist netlist, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        Netlist = netlist;
        Options = options ?? SimulationOptions.FromNetlist(netlist);
        DeckSeed = netlist.Options.LastOrDefault(o => o.Name.Equals("seed", StringComparison.OrdinalIgnoreCase))?.Value ?? 1;
    }

    /// <summary>The deck.</summary>
    public Netlist Netlist { get; }

    /// <summary>The deck's simulation options (temperature and nominal temperature among them).</summary>
    public SimulationOptions Options { get; }

    /// <summary>The deck's <c>.options seed=N</c> (the last one), or 1.</summary>
    public double DeckSeed { get; }

    /// <summary>
    /// Seed of a source's TRNOISE realisation: the deck seed mixed with a stable (FNV-1a) hash of the lower-case
    /// source name, so every source has its own stream and the same deck always gives the same waveforms.
    /// </summary>
    public int NoiseSeed(string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        uint hash = 2166136261;
        foreach (char c in sourceName.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619;
        }

        return unchecked((int)(hash ^ (uint)(long)DeckSeed));
    }

    /// <summary>The card's value, or a NetlistException naming the card.</summary>
    public static double Required(ElementCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Value?.Value ?? throw new NetlistException(card.Location, $"element {card.Name}: missing value");
    }

    /// <summary>
    /// The card's multiplier M: the number of identical devices in parallel (ngspice's instance parameter
    /// <c>m</c>), 1 when absent.
    /// </summary>
    /// <exception cref="NetlistException">M is not positive.</exception>
    public static double Multiplier(ElementCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        double m = card.GetParameter("m")?.Value ?? 1;
        return m > 0 && double.IsFinite(m) ? m : throw new NetlistException(card.Location, $"element {card.Name}: multiplier m = {SpiceNumber.Format(m)} must be positive");
    }

    /// <summary>The card's controlling voltage source, or a NetlistException naming the card.</summary>
    public static string ControlOf(ElementCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.ControlSource ?? throw new NetlistException(card.Location, $"element {card.Name}: missing controlling voltage source name");
    }

    /// <summary>Whether the card carries a flag word (e.g. <c>off</c>).</summary>
    public static bool HasFlag(ElementCard card, string flag)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Flags.Any(f => f.Equals(flag, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The card's model, checked to be of one of the given types.</summary>
    /// <exception cref="NetlistException">No such model, or a model of another type.</exception>
    public ModelCard FindModel(ElementCard card, params string[] types)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Model is null || !Netlist.Models.TryGetValue(card.Model, out ModelCard? model))
        {
            throw new NetlistException(card.Location, $"element {card.Name}: unknown model '{card.Model}'");
        }

        if (!types.Contains(model.Type, StringComparer.OrdinalIgnoreCase))
        {
            throw new NetlistException(card.Location, $"element {card.Name}: model '{model.Name}' is of type {model.Type}, expected {string.Join(" or ", types)}");
        }

        return model;
    }

    /// <summary>The parameters of a model, parsed once per model and shared by every instance.</summary>
    public T ModelParameters<T>(ModelCard model, Func<ModelCard, T> parse)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parse);
        (Type, string) key = (typeof(T), model.Name.ToLowerInvariant());
        if (!_models.TryGetValue(key, out object? parameters))
        {
            parameters = parse(model);
            _models.Add(key, parameters);
        }

        return (T)parameters;
    }
}
