using System.Globalization;
using CsvHelper;
using Crossbar.Circuit.Engine;

namespace Crossbar.Cli.Output;

/// <summary>Writes result tables and row lists as CSV (CsvHelper, invariant culture, round-trip numbers).</summary>
public static class CsvTableWriter
{
    /// <summary>Writes a result table: header of column names, one row per point.</summary>
    public static void Write(ResultTable table, string path)
        => Write(path, table.Columns, table.Rows.Select(r => r.Select(v => (object)v).ToArray()));

    /// <summary>Writes a header and rows of numbers, integers, booleans or strings.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<object[]> rows)
    {
        AtomicFile.Write(path, writer =>
        {
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
            foreach (string column in header)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (object[] row in rows)
            {
                foreach (object value in row)
                {
                    csv.WriteField(Format(value));
                }

                csv.NextRecord();
            }
        });
    }

    /// <summary>Formats one value: doubles and floats round-trip ("R", −0 written as 0), booleans lower case, others invariant.</summary>
    public static string Format(object value) => value switch
    {
        double d => Format(d),
        float f => (f + 0.0f).ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Formats a number round-trip ("R", invariant culture); −0 (a zero read through a negative scale) is written as 0.</summary>
    public static string Format(double value) => (value + 0.0).ToString("R", CultureInfo.InvariantCulture);
}
