namespace Crossbar.Circuit.Engine;

/// <summary>
/// The output of one analysis as a table: the sweep column(s) first (<c>time</c> for tran, the
/// swept sources for dc, <c>frequency</c> for ac, none for op), then the saved vectors
/// (<c>v(node)</c>, <c>i(vsource)</c>, lower case).
/// </summary>
public sealed class ResultTable
{
    /// <summary>Creates an empty table.</summary>
    public ResultTable(string analysis, IReadOnlyList<string> columns)
    {
        Analysis = analysis;
        Columns = columns;
    }

    /// <summary>Analysis kind: op, dc, tran or ac.</summary>
    public string Analysis { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows, each as long as <see cref="Columns"/>.</summary>
    public List<double[]> Rows { get; } = [];

    /// <summary>Index of a column by name (case-insensitive), or -1.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>All values of one column.</summary>
    public double[] Column(string column)
    {
        int index = IndexOf(column);
        if (index < 0)
        {
            throw new KeyNotFoundException($"no column '{column}' in the {Analysis} results");
        }

        var values = new double[Rows.Count];
        for (int r = 0; r < values.Length; r++)
        {
            values[r] = Rows[r][index];
        }

        return values;
    }
}
