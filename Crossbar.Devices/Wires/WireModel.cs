namespace Crossbar.Devices.Wires;

/// <summary>
/// Parasitics of the crossbar lines, lumped per cell pitch: each segment between adjacent cells (and between
/// the terminal and the first cell) is a series resistance with a capacitance to ground at the cell node.
/// </summary>
/// <remarks>
/// Default 1.73 Ω per cell pitch on both rows and columns (docs/design.md §3, the measured value of the 8×8 arrays of
/// Zuo, Sun et al., Nature Electronics 2025) and no capacitance. Columns are driven and rows are sensed at the
/// near end by default; driving and sensing at opposite ends equalises the total wire length over the cells.
/// </remarks>
public sealed record WireModel
{
    /// <summary>Resistance of one cell pitch of a row line; non-negative.</summary>
    /// <value>Ohms.</value>
    public double RowResistancePerCell { get; init => field = Guard.NonNegative(value, nameof(RowResistancePerCell)); } = 1.73;

    /// <summary>Resistance of one cell pitch of a column line; non-negative.</summary>
    /// <value>Ohms.</value>
    public double ColumnResistancePerCell { get; init => field = Guard.NonNegative(value, nameof(ColumnResistancePerCell)); } = 1.73;

    /// <summary>Capacitance to ground of one cell pitch of a row line; non-negative.</summary>
    /// <value>Farads.</value>
    public double RowCapacitancePerCell { get; init => field = Guard.NonNegative(value, nameof(RowCapacitancePerCell)); }

    /// <summary>Capacitance to ground of one cell pitch of a column line; non-negative.</summary>
    /// <value>Farads.</value>
    public double ColumnCapacitancePerCell { get; init => field = Guard.NonNegative(value, nameof(ColumnCapacitancePerCell)); }

    /// <summary>End of each column line at which its driver is attached.</summary>
    public LineEnd ColumnDriveEnd { get; init; } = LineEnd.Near;

    /// <summary>End of each row line at which its amplifier (virtual ground) is attached.</summary>
    public LineEnd RowSenseEnd { get; init; } = LineEnd.Near;

    /// <summary>Ideal wires: no resistance, no capacitance.</summary>
    public static WireModel Ideal { get; } = new() { RowResistancePerCell = 0.0, ColumnResistancePerCell = 0.0 };

    /// <summary>True when all resistances and capacitances are zero.</summary>
    public bool IsIdeal => RowResistancePerCell == 0.0 && ColumnResistancePerCell == 0.0
        && RowCapacitancePerCell == 0.0 && ColumnCapacitancePerCell == 0.0;

    /// <summary>Number of row-line segments between a row's amplifier and the cell in column <paramref name="column"/>.</summary>
    /// <param name="column">Column index j (0-based).</param>
    /// <param name="columns">Number of columns N.</param>
    /// <returns>j + 1 from the near end, N − j from the far end.</returns>
    public int RowSegmentsToCell(int column, int columns) => SegmentsToCell(column, columns, RowSenseEnd);

    /// <summary>Number of column-line segments between a column's driver and the cell in row <paramref name="row"/>.</summary>
    /// <param name="row">Row index i (0-based).</param>
    /// <param name="rows">Number of rows M.</param>
    /// <returns>i + 1 from the near end, M − i from the far end.</returns>
    public int ColumnSegmentsToCell(int row, int rows) => SegmentsToCell(row, rows, ColumnDriveEnd);

    private static int SegmentsToCell(int index, int count, LineEnd end)
    {
        if (count < 1)
        {
            throw new ArgumentException($"count must be at least 1, got {count}.", nameof(count));
        }

        if (index < 0 || index >= count)
        {
            throw new ArgumentException($"index {index} is outside [0, {count - 1}].", nameof(index));
        }

        return end == LineEnd.Near ? index + 1 : count - index;
    }
}
