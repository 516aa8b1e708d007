using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Measurements;

/// <summary>
/// A deck's measures during one simulation: records what each analysis's measures read as its rows stream past, and
/// evaluates them, in deck order, when the analysis ends (ngspice evaluates a kind's measures after each analysis of
/// that kind). PARAM measures see the measures evaluated before them and the deck's <c>.param</c>s.
/// </summary>
internal sealed class MeasurementRun
{
    private readonly IReadOnlyList<MeasureCard> _cards;
    private readonly Dictionary<string, double> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _measured = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<ResultTable, MeasureRecorder> _recorders = new(ReferenceEqualityComparer.Instance);

    public MeasurementRun(Netlist netlist)
    {
        _cards = netlist.Measures;
        foreach (ParameterCard parameter in netlist.Parameters)
        {
            _parameters[parameter.Name] = parameter.Value.Value;
        }
    }

    /// <summary>Results in the order they were evaluated.</summary>
    public List<MeasureResult> Results { get; } = [];

    /// <summary>The vectors the measures of an analysis kind read.</summary>
    public IEnumerable<OutputVector> VectorsOf(string analysis) =>
        _cards.Where(m => m.Analysis == analysis).SelectMany(m => m.Vectors()).Select(v => v.Vector);

    /// <summary>Wraps a caller's table callback so that each table's measured columns are also recorded.</summary>
    public Action<ResultTable>? Wrap(Action<ResultTable>? onTable) => _cards.Count == 0 ? onTable : table =>
    {
        onTable?.Invoke(table);
        if (MeasureRecorder.Attach(table, _cards) is { } recorder)
        {
            _recorders[table] = recorder;
        }
    };

    /// <summary>Evaluates the measures of a finished table's analysis.</summary>
    public void Complete(ResultTable table)
    {
        if (!_recorders.Remove(table, out MeasureRecorder? recorder))
        {
            return;
        }

        MeasureData data = recorder.Data();
        foreach (MeasureCard card in _cards.Where(m => m.Analysis == table.Analysis))
        {
            MeasureResult result = MeasureEvaluator.Evaluate(card, data, Lookup);
            Results.Add(result);
            if (result.Ok)
            {
                _measured[result.Name] = result.Value;
            }
            else
            {
                _measured.Remove(result.Name);
            }
        }
    }

    private double? Lookup(string name) =>
        _measured.TryGetValue(name, out double value) ? value : _parameters.TryGetValue(name, out value) ? value : null;
}
