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

    /// <summary>Rows, each as long as <see cref="Columns"/> (empty when <see cref="RetainsRows"/> is false).</summary>
    public List<double[]> Rows { get; } = [];

    /// <summary>Where each row goes as the analysis produces it (a CSV file being written, say), or null.</summary>
    public Action<double[]>? Sink { get; set; }

    /// <summary>Whether rows are also kept in <see cref="Rows"/> (default true; false streams a long analysis to
    /// <see cref="Sink"/> without holding it in memory).</summary>
    public bool RetainsRows { get; set; } = true;

    /// <summary>Rows produced so far, retained or not.</summary>
    public long RowCount { get; private set; }

    /// <summary>Adds one row: hands it to <see cref="Sink"/> and keeps it when <see cref="RetainsRows"/>.</summary>
    /// <param name="row">The row (not copied).</param>
    public void Add(double[] row)
    {
        RowCount++;
        Sink?.Invoke(row);
        if (RetainsRows)
        {
            Rows.Add(row);
        }
    }

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
