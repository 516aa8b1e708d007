using System.Globalization;
using System.Text;
using Crossbar.Devices.Noise;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Netlists;

/// <summary>Expands a <see cref="CrossbarArrayCard"/> into plain SPICE lines (R, M, C, V, and B for sinh cells) with the node names the engine uses.</summary>
/// <remarks>
/// Cell read noise (<see cref="CrossbarArrayCard.CellNoise"/>) is written per cell as a TRNOISE voltage source that
/// realises the relative process n(t) on its own node, <c>V{name}_nz{i}_{j} {name}_nz{i}_{j} 0 DC 0 TRNOISE(σ NT α NAMP RTSAM
/// RTSCAPT RTSEMT)</c>, and a B source in parallel with the RRAM, <c>B{name}_{i}_{j}_n a b I={G*v(a,b)*v(nz)}</c> (the sinh
/// current for sinh cells), so the deck keeps the relative contract i_n = I_cell·n(t) of <see cref="CellReadNoise"/>. A
/// fixed-amplitude TRNOISE current source could carry only σ·G·V for one assumed voltage V. ngspice draws its own random
/// numbers: the deck agrees with the engine statistically, not sample by sample.
/// </remarks>
public static class CrossbarArrayWriter
{
    /// <summary>Appends the array's lines to a deck.</summary>
    public static void Write(StringBuilder sb, CrossbarArrayCard a)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(a);
        string n = a.Name;
        sb.Append(CultureInfo.InvariantCulture, $"* crossbar array {n}: {a.Rows}x{a.Columns} {a.CellKind} cells, wires {F(a.RowWireResistance)} / {F(a.ColumnWireResistance)} ohm per cell\n");
        if (a.CellKind == CrossbarCellKind.Transistor)
        {
            sb.Append(CultureInfo.InvariantCulture, $"V{n}_wl {a.GateNode} 0 {F(a.GateVoltage)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"V{n}_bulk {a.BulkNode} 0 {F(a.BulkVoltage)}\n");
        }

        if (a.RowWireResistance > 0)
        {
            string r = F(a.RowWireResistance);
            for (int i = 0; i < a.Rows; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"R{n}_wr{i}_t {a.RowNodes[i]} {a.RowWireNode(i, a.RowEntryColumn)} {r}\n");
                for (int j = 0; j + 1 < a.Columns; j++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"R{n}_wr{i}_{j} {a.RowWireNode(i, j)} {a.RowWireNode(i, j + 1)} {r}\n");
                }
            }
        }

        if (a.ColumnWireResistance > 0)
        {
            string r = F(a.ColumnWireResistance);
            for (int j = 0; j < a.Columns; j++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"R{n}_wc{j}_t {a.ColumnNodes[j]} {a.ColumnWireNode(a.ColumnEntryRow, j)} {r}\n");
                for (int i = 0; i + 1 < a.Rows; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"R{n}_wc{i}_{j} {a.ColumnWireNode(i, j)} {a.ColumnWireNode(i + 1, j)} {r}\n");
                }
            }
        }

        WriteCapacitances(sb, a);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                double g = a.Conductance(i, j);
                string row = a.RowWireNode(i, j);
                string column = a.ColumnWireNode(i, j);
                if (a.HasCellNoise)
                {
                    WriteCellNoise(sb, a, i, j, row, column);
                }

                if (a.SinhModel is { } sinh)
                {
                    WriteSinhCell(sb, a, sinh, i, j, row, column);
                    continue;
                }

                switch (a.CellKind)
                {
                    case CrossbarCellKind.Resistor:
                        sb.Append(CultureInfo.InvariantCulture, $"R{n}_{i}_{j} {row} {column} {F(1 / g)}\n");
                        break;
                    case CrossbarCellKind.OnResistance:
                        sb.Append(CultureInfo.InvariantCulture, $"R{n}_{i}_{j} {row} {column} {F((1 / g) + a.OnResistance)}\n");
                        break;
                    default:
                        sb.Append(CultureInfo.InvariantCulture, $"R{n}_{i}_{j} {row} {a.CellNode(i, j)} {F(1 / g)}\n");
                        sb.Append(CultureInfo.InvariantCulture, $"M{n}_{i}_{j} {a.CellNode(i, j)} {a.GateNode} {column} {a.BulkNode} {a.TransistorModel} w={F(a.TransistorWidth)} l={F(a.TransistorLength)}\n");
                        break;
                }
            }
        }
    }

    /// <summary>
    /// A sinh cell as an ngspice B source I = I0·sinh(v/V0) with I0 from the model (<see cref="SinhRramModel.CurrentScale"/>).
    /// The model's linear continuation beyond |v/V0| = 40 is not written: a converged read never reaches it.
    /// </summary>
    private static void WriteSinhCell(StringBuilder sb, CrossbarArrayCard a, SinhRramModel sinh, int i, int j, string row, string column)
    {
        string n = a.Name;
        string rram = a.HasCellNode ? a.CellNode(i, j) : column;
        string i0 = F(sinh.CurrentScale(a.Conductance(i, j)));
        sb.Append(CultureInfo.InvariantCulture, $"B{n}_{i}_{j} {row} {rram} I={{{i0}*sinh(v({row},{rram})/{F(sinh.CharacteristicVoltage)})}}\n");
        if (a.CellKind == CrossbarCellKind.Transistor)
        {
            sb.Append(CultureInfo.InvariantCulture, $"M{n}_{i}_{j} {rram} {a.GateNode} {column} {a.BulkNode} {a.TransistorModel} w={F(a.TransistorWidth)} l={F(a.TransistorLength)}\n");
        }
        else if (a.CellKind == CrossbarCellKind.OnResistance)
        {
            sb.Append(CultureInfo.InvariantCulture, $"R{n}_{i}_{j}_on {rram} {column} {F(a.OnResistance)}\n");
        }
    }

    /// <summary>
    /// Cell (i, j)'s noise: n(t) as a TRNOISE voltage on its own node and i_n = I_cell·n(t) as a B source from the row side
    /// to the column side of the RRAM (the whole series cell for a linear on-resistance cell, as the engine stamps it).
    /// </summary>
    private static void WriteCellNoise(StringBuilder sb, CrossbarArrayCard a, int i, int j, string row, string column)
    {
        string n = a.Name;
        TransientNoiseParameters p = a.CellNoise!.RelativeProcess;
        string nz = a.NoiseNode(i, j);
        string rram = a.HasCellNode ? a.CellNode(i, j) : column;
        double g = a.Conductance(i, j);
        string current = a.SinhModel is { } sinh
            ? $"{F(sinh.CurrentScale(g))}*sinh(v({row},{rram})/{F(sinh.CharacteristicVoltage)})"
            : $"{F(a.CellKind == CrossbarCellKind.OnResistance ? 1 / ((1 / g) + a.OnResistance) : g)}*v({row},{rram})";
        sb.Append(CultureInfo.InvariantCulture,
            $"V{n}_nz{i}_{j} {nz} 0 DC 0 TRNOISE({F(p.WhiteAmplitude)} {F(p.SampleTime)} {F(p.FlickerExponent)} {F(p.FlickerAmplitude)} {F(p.RtsAmplitude)} {F(p.RtsCaptureTime)} {F(p.RtsEmissionTime)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"B{n}_{i}_{j}_n {row} {rram} I={{{current}*v({nz})}}\n");
    }

    private static void WriteCapacitances(StringBuilder sb, CrossbarArrayCard a)
    {
        string n = a.Name;
        if (a.RowWireCapacitance > 0)
        {
            for (int i = 0; i < a.Rows; i++)
            {
                if (a.RowWireResistance > 0)
                {
                    for (int j = 0; j < a.Columns; j++)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"C{n}_cr{i}_{j} {a.RowWireNode(i, j)} 0 {F(a.RowWireCapacitance)}\n");
                    }
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"C{n}_cr{i} {a.RowNodes[i]} 0 {F(a.RowWireCapacitance * a.Columns)}\n");
                }
            }
        }

        if (a.ColumnWireCapacitance > 0)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                if (a.ColumnWireResistance > 0)
                {
                    for (int i = 0; i < a.Rows; i++)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"C{n}_cc{i}_{j} {a.ColumnWireNode(i, j)} 0 {F(a.ColumnWireCapacitance)}\n");
                    }
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"C{n}_cc{j} {a.ColumnNodes[j]} 0 {F(a.ColumnWireCapacitance * a.Rows)}\n");
                }
            }
        }
    }

    private static string F(double value) => SpiceNumber.Format(value);
}
