using System.Globalization;
using Crossbar.Cli.Commands;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crossbar.Cli.Plots;

/// <summary>
/// A results CSV with a header (one row per run, e.g. a sweep's results.csv), read with CsvHelper in the invariant
/// culture and kept as text; a column reads as numbers when every non-empty cell is a number. Errors name the file,
/// the missing column and the columns there are.
/// </summary>
public sealed class ResultsTable
{
    private readonly Dictionary<string, int> _index;
    private readonly List<string[]> _rows;

    private ResultsTable(string path, IReadOnlyList<string> columns, List<string[]> rows)
    {
        Path = path;
        Columns = columns;
        _rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            _index.TryAdd(columns[i], i);
        }
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Reads a CSV file with a header row.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="UsageException">The file is missing, empty or has no header.</exception>
    public static ResultsTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file.");
        }

        try
        {
            return ReadCsv(path);
        }
        catch (CsvHelperException ex)
        {
            throw new UsageException($"{path}: not a readable CSV file ({UsageException.Plain(ex).Split(". ")[0]}).");
        }
    }

    private static ResultsTable ReadCsv(string path)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false };
        using var reader = new StreamReader(path);
        // CsvParser (fields as text), not CsvReader: the reader's reflection-based type conversion is not AOT-safe.
        using var csv = new CsvParser(reader, config);
        if (!csv.Read() || csv.Record is not { Length: > 0 } header)
        {
            throw new UsageException($"{path}: empty; expected a header row of column names.");
        }

        var columns = header.Select(h => h.Trim()).ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = new string[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                row[i] = i < csv.Count ? csv[i].Trim() : string.Empty;
            }

            rows.Add(row);
        }

        return new ResultsTable(path, columns, rows);
    }

    /// <summary>Whether the table has the column.</summary>
    /// <param name="column">Column name (case-sensitive).</param>
    /// <returns>True when present.</returns>
    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>Throws a usage error naming the file, the column and the available columns when the column is missing.</summary>
    /// <param name="column">Column name.</param>
    /// <param name="option">The option that named it (for the message), e.g. <c>--x</c>.</param>
    /// <exception cref="UsageException">The column is missing.</exception>
    public void Require(string column, string option)
    {
        if (!Has(column))
        {
            throw new UsageException($"{option}: {Path} has no column '{column}'; available columns: {string.Join(", ", Columns)}.");
        }
    }

    /// <summary>The text of one cell.</summary>
    /// <param name="column">Column name (must exist).</param>
    /// <param name="row">Row index.</param>
    /// <returns>The trimmed text, empty when the row was short.</returns>
    public string Text(string column, int row) => _rows[row][_index[column]];

    /// <summary>One cell as a number: NaN when empty or not a number (nan, inf and -inf read as such).</summary>
    /// <param name="column">Column name (must exist).</param>
    /// <param name="row">Row index.</param>
    /// <returns>The value.</returns>
    public double Number(string column, int row) => TryNumber(Text(column, row), out double v) ? v : double.NaN;

    /// <summary>Whether every non-empty cell of the column is a number (an all-empty column counts as numeric).</summary>
    /// <param name="column">Column name (must exist).</param>
    /// <returns>True when numeric.</returns>
    public bool IsNumeric(string column)
    {
        int i = _index[column];
        return _rows.All(r => r[i].Length == 0 || TryNumber(r[i], out _));
    }

    /// <summary>The distinct non-empty texts of a column, in order of first appearance.</summary>
    /// <param name="column">Column name (must exist).</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> Distinct(string column)
    {
        int i = _index[column];
        return _rows.Select(r => r[i]).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses a number in the invariant culture, also nan, inf, +inf, -inf, infinity (any case).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when a number.</returns>
    public static bool TryNumber(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        switch (text.ToLowerInvariant())
        {
            case "nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                value = double.NaN;
                return false;
        }
    }
}
