using Crossbar.Devices.Noise;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Netlists;

/// <summary>What sits at each crosspoint of an array.</summary>
public enum CrossbarCellKind
{
    /// <summary>1R: the RRAM conductance alone.</summary>
    Resistor,

    /// <summary>1T1R: RRAM in series with a level-1 NMOS access transistor (gate on the word line).</summary>
    Transistor,

    /// <summary>1T1R with the transistor replaced by its fixed on-resistance (cheaper, linear).</summary>
    OnResistance,
}

/// <summary>
/// An M×N crossbar array as one card (struct-of-arrays, not one card per cell): row and column
/// terminal nodes, a conductance per cell, the cell kind and the wire parasitics. The engine
/// loads it as one element; the writer expands it into the equivalent R / M / C / V lines, with
/// internal node names the engine uses too, so an exported deck is exactly what was simulated.
/// </summary>
/// <remarks>
/// Row line i runs through the cells (i, 0..N−1), column line j through the cells (0..M−1, j).
/// With wire resistance each cell has its own row-wire node <c>{name}_r{i}_{j}</c> and column-wire
/// node <c>{name}_c{i}_{j}</c>, joined to their neighbours and (at the near or far end) to the
/// terminal node by one segment each; without it the cell sits directly on the terminals. A
/// 1T1R cell adds the node <c>{name}_m{i}_{j}</c> between the RRAM (row side) and the transistor
/// (drain at m, source at the column, gate and bulk at fixed word-line and bulk voltages); so does
/// an on-resistance cell with a sinh RRAM (RRAM row side, on-resistance column side). Sinh cells
/// are written as ngspice B sources <c>I={I0*sinh(v(a,b)/V0)}</c>.
/// </remarks>
public sealed class CrossbarArrayCard
{
    /// <summary>Creates the card.</summary>
    /// <param name="name">Array name (a prefix of every generated node and element).</param>
    /// <param name="rowNodes">Terminal node of each row line (M entries).</param>
    /// <param name="columnNodes">Terminal node of each column line (N entries).</param>
    /// <param name="conductances">Cell conductances in S, row-major (M·N entries, all positive).</param>
    public CrossbarArrayCard(string name, IReadOnlyList<string> rowNodes, IReadOnlyList<string> columnNodes, double[] conductances)
    {
        if (conductances.Length != rowNodes.Count * columnNodes.Count)
        {
            throw new ArgumentException($"array {name}: {conductances.Length} conductances for {rowNodes.Count}x{columnNodes.Count} cells", nameof(conductances));
        }

        for (int k = 0; k < conductances.Length; k++)
        {
            if (!(conductances[k] > 0) || !double.IsFinite(conductances[k]))
            {
                throw new ArgumentException($"array {name}: cell ({k / columnNodes.Count}, {k % columnNodes.Count}) has conductance {conductances[k]}, expected a positive finite value", nameof(conductances));
            }
        }

        Name = name;
        RowNodes = rowNodes;
        ColumnNodes = columnNodes;
        Conductances = conductances;
    }

    /// <summary>Array name.</summary>
    public string Name { get; }

    /// <summary>Number of rows M.</summary>
    public int Rows => RowNodes.Count;

    /// <summary>Number of columns N.</summary>
    public int Columns => ColumnNodes.Count;

    /// <summary>Terminal node of each row line.</summary>
    public IReadOnlyList<string> RowNodes { get; }

    /// <summary>Terminal node of each column line.</summary>
    public IReadOnlyList<string> ColumnNodes { get; }

    /// <summary>Cell conductances in S, row-major.</summary>
    public double[] Conductances { get; }

    /// <summary>Cell kind (default 1R).</summary>
    public CrossbarCellKind CellKind { get; init; } = CrossbarCellKind.Resistor;

    /// <summary>Name of the NMOS <c>.model</c> of the access transistors (1T1R).</summary>
    public string? TransistorModel { get; init; }

    /// <summary>Access transistor channel width in m.</summary>
    public double TransistorWidth { get; init; } = 4e-6;

    /// <summary>Access transistor channel length in m.</summary>
    public double TransistorLength { get; init; } = 40e-9;

    /// <summary>Word-line (gate) voltage in V.</summary>
    public double GateVoltage { get; init; } = 3.3;

    /// <summary>Bulk voltage of the access transistors in V (negative, so the bulk junctions stay reverse biased).</summary>
    public double BulkVoltage { get; init; } = -3.3;

    /// <summary>
    /// Read I–V of the RRAM cells (default <see cref="LinearRramModel"/>): a linear model, or a
    /// <see cref="SinhRramModel"/> (I = I0·sinh(V/V0)), the two that have a SPICE form for the writer.
    /// </summary>
    /// <exception cref="ArgumentException">The model is neither linear nor a <see cref="SinhRramModel"/>.</exception>
    public IRramReadModel ReadModel
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.IsLinear && value is not SinhRramModel)
            {
                throw new ArgumentException($"array {Name}: RRAM read model {value.GetType().Name} has no circuit form (use a linear model or SinhRramModel)", nameof(ReadModel));
            }

            field = value;
        }
    } = LinearRramModel.Instance;

    /// <summary>The sinh read model of the cells, or null when they are linear.</summary>
    public SinhRramModel? SinhModel => ReadModel as SinhRramModel;

    /// <summary>True when a cell has the internal node <see cref="CellNode"/> (1T1R, or on-resistance with a sinh RRAM).</summary>
    public bool HasCellNode => CellKind == CrossbarCellKind.Transistor
        || (CellKind == CrossbarCellKind.OnResistance && SinhModel is not null);

    /// <summary>On-resistance in Ω for <see cref="CrossbarCellKind.OnResistance"/> (positive).</summary>
    public double OnResistance { get; init; }

    /// <summary>Row wire resistance per cell pitch in Ω (0 = ideal).</summary>
    public double RowWireResistance { get; init; }

    /// <summary>Column wire resistance per cell pitch in Ω (0 = ideal).</summary>
    public double ColumnWireResistance { get; init; }

    /// <summary>Row wire capacitance to ground per cell pitch in F.</summary>
    public double RowWireCapacitance { get; init; }

    /// <summary>Column wire capacitance to ground per cell pitch in F.</summary>
    public double ColumnWireCapacitance { get; init; }

    /// <summary>True when the row terminal (sense side) is at the far end (column N−1).</summary>
    public bool RowTerminalAtFarEnd { get; init; }

    /// <summary>True when the column terminal (drive side) is at the far end (row M−1).</summary>
    public bool ColumnTerminalAtFarEnd { get; init; }

    /// <summary>
    /// Transient read noise of every cell, relative to the cell's current (<see cref="CellReadNoise"/>), or null for
    /// none. Zero at DC and at t = 0; the writer adds, per cell, a TRNOISE voltage source on node
    /// <see cref="NoiseNode"/> and a B source I = I_cell·v(noise node) in parallel with the RRAM.
    /// </summary>
    public CellReadNoise? CellNoise { get; init; }

    /// <summary>Seed of the cells' noise realisations (<see cref="CellReadNoise.CellSeed"/> of this seed and the cell index).</summary>
    public int NoiseSeed { get; init; }

    /// <summary>True when <see cref="CellNoise"/> is set and on.</summary>
    public bool HasCellNoise => CellNoise is { IsActive: true };

    /// <summary>Where the card came from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;

    /// <summary>Conductance of cell (i, j) in S.</summary>
    public double Conductance(int row, int column) => Conductances[(row * Columns) + column];

    /// <summary>Node of the row wire at cell (i, j).</summary>
    public string RowWireNode(int row, int column) => RowWireResistance > 0 ? $"{Name}_r{row}_{column}" : RowNodes[row];

    /// <summary>Node of the column wire at cell (i, j).</summary>
    public string ColumnWireNode(int row, int column) => ColumnWireResistance > 0 ? $"{Name}_c{row}_{column}" : ColumnNodes[column];

    /// <summary>Internal node of a 1T1R cell between RRAM and transistor.</summary>
    public string CellNode(int row, int column) => $"{Name}_m{row}_{column}";

    /// <summary>
    /// The cell and kind ('r' row wire, 'c' column wire, 'm' cell node) of an internal node name as
    /// <see cref="RowWireNode"/>, <see cref="ColumnWireNode"/> and <see cref="CellNode"/> write it (case-insensitive,
    /// as node names are), or null when the name is not one (whether or not this array has that kind of node).
    /// </summary>
    public (int Row, int Column, char Kind)? ParseInternalNode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int p = Name.Length;
        if (name.Length < p + 5 || !name.StartsWith(Name, StringComparison.OrdinalIgnoreCase) || name[p] != '_')
        {
            return null;
        }

        char kind = char.ToLowerInvariant(name[p + 1]);
        ReadOnlySpan<char> rest = name.AsSpan(p + 2);
        int underscore = rest.IndexOf('_');
        if (kind is not ('r' or 'c' or 'm') || underscore <= 0
            || !TryIndex(rest[..underscore], Rows, out int row) || !TryIndex(rest[(underscore + 1)..], Columns, out int column))
        {
            return null;
        }

        return (row, column, kind);
    }

    /// <summary>A decimal index in [0, limit) written without sign or leading zeros, as the node names write it.</summary>
    private static bool TryIndex(ReadOnlySpan<char> text, int limit, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (char ch in text)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (ch - '0');
        }

        return value < limit;
    }

    /// <summary>Node of cell (i, j)'s relative noise process n(t) in the exported deck (not an unknown of the engine).</summary>
    public string NoiseNode(int row, int column) => $"{Name}_nz{row}_{column}";

    /// <summary>Word-line node used in the exported deck.</summary>
    public string GateNode => $"{Name}_wl";

    /// <summary>Bulk node used in the exported deck.</summary>
    public string BulkNode => $"{Name}_bulk";

    /// <summary>Index of the column whose row-wire node connects to the row terminal.</summary>
    public int RowEntryColumn => RowTerminalAtFarEnd ? Columns - 1 : 0;

    /// <summary>Index of the row whose column-wire node connects to the column terminal.</summary>
    public int ColumnEntryRow => ColumnTerminalAtFarEnd ? Rows - 1 : 0;
}
