using System.Globalization;
using System.Text;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Netlists;

/// <summary>Expands a <see cref="CrossbarArrayCard"/> into plain SPICE lines (R, M, C, V, and B for sinh cells) with the node names the engine uses.</summary>
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
