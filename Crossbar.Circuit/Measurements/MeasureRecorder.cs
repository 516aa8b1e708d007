using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Measurements;

/// <summary>
/// Keeps, while an analysis runs, the columns its measures read (the scale and the measured vectors), chained onto
/// <see cref="ResultTable.Sink"/>: measurements work when the table streams its rows and retains none.
/// </summary>
public sealed class MeasureRecorder
{
    private readonly ResultTable _table;
    private readonly int _scaleIndex;
    private readonly List<(string Name, int Index, List<double> Values)> _columns = [];
    private readonly List<double> _scale = [];

    private MeasureRecorder(ResultTable table, IEnumerable<string> columns)
    {
        _table = table;
        _scaleIndex = table.Analysis == "op" ? -1 : 0;
        foreach (string column in columns.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            int index = table.IndexOf(column);
            if (index >= 0)
            {
                _columns.Add((column, index, []));
            }
        }
    }

    /// <summary>Starts recording the columns that <paramref name="measures"/> of the table's analysis read; null when none applies.</summary>
    /// <param name="table">A table before its first row.</param>
    /// <param name="measures">Every measure card of the deck.</param>
    public static MeasureRecorder? Attach(ResultTable table, IEnumerable<MeasureCard> measures)
    {
        var mine = measures.Where(m => m.Analysis == table.Analysis).ToList();
        if (mine.Count == 0)
        {
            return null;
        }

        var recorder = new MeasureRecorder(table, mine.SelectMany(m => m.Vectors()).SelectMany(v => MeasureData.ColumnsOf(table.Analysis, v)));
        Action<double[]>? previous = table.Sink;
        table.Sink = row =>
        {
            previous?.Invoke(row);
            recorder.Record(row);
        };
        return recorder;
    }

    /// <summary>The recorded data.</summary>
    public MeasureData Data()
    {
        var columns = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _, values) in _columns)
        {
            columns[name] = [.. values];
        }

        return new MeasureData(_table.Analysis, [.. _scale], columns);
    }

    private void Record(double[] row)
    {
        _scale.Add(_scaleIndex >= 0 ? row[_scaleIndex] : 0);
        foreach (var (_, index, values) in _columns)
        {
            values.Add(row[index]);
        }
    }
}
