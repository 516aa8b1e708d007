using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>One combination of <c>.step</c> values: a value for each card, in card order.</summary>
/// <param name="Cards">The deck's <c>.step</c> cards.</param>
/// <param name="Values">One value per card.</param>
public sealed record StepPoint(IReadOnlyList<StepCard> Cards, IReadOnlyList<double> Values)
{
    /// <summary>Every combination of the cards' values, the last card varying fastest; one empty point when there are no cards.</summary>
    public static IReadOnlyList<StepPoint> All(IReadOnlyList<StepCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var points = new List<StepPoint>();
        var index = new int[cards.Count];
        while (true)
        {
            points.Add(new StepPoint(cards, [.. cards.Select((c, k) => c.Values[index[k]])]));
            int k = cards.Count - 1;
            while (k >= 0 && ++index[k] == cards[k].Values.Count)
            {
                index[k] = 0;
                k--;
            }

            if (k < 0)
            {
                return points;
            }
        }
    }

    /// <summary>
    /// The deck at this point: read again with the stepped parameters pinned (so every <c>.param</c> that depends on them
    /// and every expression using them is evaluated with the new value), then the stepped sources' DC values and model
    /// parameters set.
    /// </summary>
    /// <param name="read">Reads the deck with the given parameters pinned
    /// (<c>pinned => NetlistReader.ReadFile(path, pinned)</c> or <see cref="NetlistReader.ReadText(string, string, IReadOnlyDictionary{string, double})"/>).</param>
    /// <exception cref="NetlistException">A stepped source or model is not in the deck.</exception>
    public Netlist Apply(Func<IReadOnlyDictionary<string, double>, Netlist> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var pinned = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < Cards.Count; k++)
        {
            if (Cards[k].Target == StepTarget.Parameter)
            {
                pinned[Cards[k].Name] = Values[k];
            }
        }

        Netlist netlist = read(pinned);
        for (int k = 0; k < Cards.Count; k++)
        {
            StepCard card = Cards[k];
            if (card.Target == StepTarget.Source)
            {
                SetSource(netlist, card, Values[k]);
            }
            else if (card.Target == StepTarget.Model)
            {
                SetModel(netlist, card, Values[k]);
            }
        }

        return netlist;
    }

    /// <summary>The point as <c>name=value</c> pairs, for messages.</summary>
    public override string ToString() =>
        string.Join(' ', Cards.Select((c, k) => FormattableString.Invariant($"{c.ColumnName}={Values[k]:G6}")));

    private static void SetSource(Netlist netlist, StepCard card, double value)
    {
        int index = netlist.Elements.FindIndex(e => e.Kind is 'V' or 'I' && string.Equals(e.Name, card.Name, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new NetlistException(card.Location, $".step: unknown source '{card.Name}': expected a top-level V or I source");
        }

        netlist.Elements[index] = netlist.Elements[index].WithValue(value);
    }

    private static void SetModel(Netlist netlist, StepCard card, double value)
    {
        if (!netlist.Models.TryGetValue(card.Name, out ModelCard? model))
        {
            throw new NetlistException(card.Location, $".step: unknown model '{card.Name}'");
        }

        var parameters = model.Parameters.Where(p => !string.Equals(p.Key, card.ModelParameter, StringComparison.OrdinalIgnoreCase)).ToList();
        parameters.Add(new(card.ModelParameter!, value));
        netlist.Models[card.Name] = new ModelCard(model.Name, model.Type, parameters) { Location = model.Location };
    }
}
