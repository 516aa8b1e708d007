using System.Globalization;
using System.Text;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// Writes result tables as an ngspice binary raw file (what <c>ngspice -b -r file.raw</c> writes): one plot per
/// analysis, concatenated in the order they ran, each a text header (Title, Date, Plotname, Flags real|complex,
/// No. Variables, No. Points, the Variables list with their types) then <c>Binary:</c> and the points as
/// little-endian doubles, point after point (complex AC values as real, imaginary pairs).
/// </summary>
/// <remarks>
/// Rows are written as the analysis produces them (<see cref="Attach"/> chains onto <see cref="ResultTable.Sink"/>),
/// so a long transient is never held in memory; as ngspice does, the point count is written padded and filled in
/// when the plot ends. Variables follow ngspice's names and types: <c>time</c> (time), <c>v(v-sweep)</c> or
/// <c>i(i-sweep)</c> for the first <c>.dc</c> source (a second swept source is not a vector in ngspice either),
/// <c>frequency</c> (frequency, <c>grid=3</c>), <c>v(…)</c> voltage, <c>i(…)</c> current. AC tables hold magnitude and
/// phase; the file holds the complex value m·(cos φ + i sin φ).
/// </remarks>
public sealed class RawFileWriter : IDisposable
{
    /// <summary>Width the point count is padded to (as ngspice pads it).</summary>
    private const int CountWidth = 8;

    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;
    private readonly string _title;
    private readonly DateTime _date;
    private long _countPosition = -1;
    private long _points;

    /// <summary>Creates the file.</summary>
    /// <param name="path">File to create (replaced if it exists).</param>
    /// <param name="title">The deck's title (the <c>Title:</c> of every plot).</param>
    /// <param name="date">The <c>Date:</c> of every plot (default: now, local time, as ngspice).</param>
    public RawFileWriter(string path, string title, DateTime? date = null)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _writer = new BinaryWriter(_stream, Encoding.ASCII, leaveOpen: true);
        _title = title;
        _date = date ?? DateTime.Now;
    }

    /// <summary>Ends the previous plot and starts one for <paramref name="table"/> (call before its first row).</summary>
    /// <param name="table">The table of an analysis that is about to run.</param>
    public void Attach(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        EndPlot();
        (string plot, bool complex, List<(string Name, string Type)> variables, Func<double[], double[]> map) = Layout(table);
        var header = new StringBuilder();
        header.Append("Title: ").Append(_title).Append('\n');
        header.Append("Date: ").Append(FormatDate(_date)).Append('\n');
        header.Append("Plotname: ").Append(plot).Append('\n');
        header.Append("Flags: ").Append(complex ? "complex" : "real").Append('\n');
        header.Append("No. Variables: ").Append(variables.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        header.Append("No. Points: ");
        WriteAscii(header.ToString());
        _countPosition = _stream.Position;
        header.Clear();
        header.Append(new string(' ', CountWidth)).Append('\n');
        header.Append("Variables:\n");
        for (int k = 0; k < variables.Count; k++)
        {
            header.Append('\t').Append(k.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(variables[k].Name).Append('\t').Append(variables[k].Type);
            if (k == 0 && variables[k].Type == "frequency")
            {
                header.Append("\tgrid=3");
            }

            header.Append('\n');
        }

        header.Append("Binary:\n");
        WriteAscii(header.ToString());
        _points = 0;
        Action<double[]>? previous = table.Sink;
        table.Sink = row =>
        {
            previous?.Invoke(row);
            foreach (double value in map(row))
            {
                _writer.Write(value);
            }

            _points++;
        };
    }

    /// <summary>Fills in the last plot's point count and closes the file.</summary>
    public void Dispose()
    {
        EndPlot();
        _writer.Dispose();
        _stream.Dispose();
    }

    /// <summary>C's <c>ctime</c> layout as ngspice prints it: <c>Wed Dec  2 18:57:11  2026</c>.</summary>
    public static string FormatDate(DateTime date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date:ddd MMM} {date.Day,2} {date:HH:mm:ss}  {date:yyyy}");

    private void EndPlot()
    {
        if (_countPosition < 0)
        {
            return;
        }

        string count = _points.ToString(CultureInfo.InvariantCulture);
        if (count.Length > CountWidth)
        {
            throw new InvalidOperationException($"raw file: {count} points do not fit the header's {CountWidth}-digit count");
        }

        _writer.Flush();
        long end = _stream.Position;
        _stream.Position = _countPosition;
        WriteAscii(count);
        _writer.Flush();
        _stream.Position = end;
        _countPosition = -1;
    }

    private void WriteAscii(string text) => _writer.Write(Encoding.ASCII.GetBytes(text));

    /// <summary>Plot name, flags, variables and the map from a table row to the values written, per analysis kind.</summary>
    private static (string Plot, bool Complex, List<(string, string)> Variables, Func<double[], double[]> Map) Layout(ResultTable table)
    {
        IReadOnlyList<string> columns = table.Columns;
        switch (table.Analysis)
        {
            case "ac":
            {
                var variables = new List<(string, string)> { ("frequency", "frequency") };
                for (int k = 1; k + 1 < columns.Count; k += 2)
                {
                    // vm(out) → v(out), im(v1) → i(v1)
                    string name = $"{columns[k][0]}{columns[k][2..]}";
                    variables.Add((name, TypeOf(name)));
                }

                return ("AC Analysis", true, variables, row =>
                {
                    var values = new double[2 * variables.Count];
                    values[0] = row[0];
                    for (int v = 1; v < variables.Count; v++)
                    {
                        double magnitude = row[(2 * v) - 1], radians = row[2 * v] * Math.PI / 180;
                        values[2 * v] = magnitude * Math.Cos(radians);
                        values[(2 * v) + 1] = magnitude * Math.Sin(radians);
                    }

                    return values;
                });
            }

            case "dc":
            {
                int sweeps = columns.TakeWhile(c => !c.Contains('(', StringComparison.Ordinal)).Count();
                bool current = columns[0].StartsWith('i');
                var variables = new List<(string, string)> { current ? ("i(i-sweep)", "current") : ("v(v-sweep)", "voltage") };
                variables.AddRange(columns.Skip(sweeps).Select(c => (c, TypeOf(c))));
                return ("DC transfer characteristic", false, variables, row => sweeps == 1 ? row : [row[0], .. row.AsSpan(sweeps)]);
            }

            case "tran":
                return ("Transient Analysis", false, [("time", "time"), .. columns.Skip(1).Select(c => (c, TypeOf(c)))], row => row);

            default:
                return ("Operating Point", false, [.. columns.Select(c => (c, TypeOf(c)))], row => row);
        }
    }

    private static string TypeOf(string column) => column.StartsWith("i(", StringComparison.Ordinal) ? "current" : "voltage";
}
