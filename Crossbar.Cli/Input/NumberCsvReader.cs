using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Input;

/// <summary>
/// Reads headerless numeric CSV files (CsvHelper, invariant culture): a matrix as rows of
/// comma-separated numbers, a vector as one number per line. Blank lines and lines starting with
/// '#' are skipped. Every error names the file, the line and (for a bad number) the column.
/// </summary>
public static class NumberCsvReader
{
    /// <summary>Reads a rectangular matrix: every non-blank line is one row, all rows equally long.</summary>
    /// <exception cref="UsageException">A field is not a number, rows differ in length, or the file is empty.</exception>
    public static double[,] ReadMatrix(string path)
    {
        List<(int Line, double[] Values)> rows = ReadRows(path);
        int columns = rows[0].Values.Length;
        foreach ((int line, double[] values) in rows)
        {
            if (values.Length != columns)
            {
                throw new UsageException($"{path}:{line}: row has {values.Length} values, the first row has {columns}");
            }
        }

        var matrix = new double[rows.Count, columns];
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                matrix[i, j] = rows[i].Values[j];
            }
        }

        return matrix;
    }

    /// <summary>Reads a vector: one number per non-blank line.</summary>
    /// <exception cref="UsageException">A line holds more than one value or a field is not a number.</exception>
    public static double[] ReadVector(string path)
    {
        List<(int Line, double[] Values)> rows = ReadRows(path);
        var vector = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            (int line, double[] values) = rows[i];
            if (values.Length != 1)
            {
                throw new UsageException($"{path}:{line}: expected one number per line, found {values.Length}");
            }

            vector[i] = values[0];
        }

        return vector;
    }

    private static List<(int Line, double[] Values)> ReadRows(string path)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            AllowComments = true,
            Comment = '#',
            DetectColumnCountChanges = false,
        };
        var rows = new List<(int, double[])>();
        using (var reader = new StreamReader(path))
        using (var parser = new CsvParser(reader, config))
        {
            try
            {
                while (parser.Read())
                {
                    string[] record = parser.Record ?? [];
                    int line = parser.RawRow;
                    if (record.Length == 0 || (record.Length == 1 && record[0].Length == 0))
                    {
                        continue;
                    }

                    var values = new double[record.Length];
                    for (int k = 0; k < record.Length; k++)
                    {
                        if (!double.TryParse(record[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
                        {
                            throw new UsageException($"{path}:{line}:{k + 1}: '{record[k]}' is not a finite number");
                        }
                    }

                    rows.Add((line, values));
                }
            }
            catch (CsvHelperException ex)
            {
                int line = ex.Context?.Parser?.RawRow ?? 0;
                throw new UsageException($"{path}:{line}: malformed CSV ({ex.GetType().Name})");
            }
        }

        if (rows.Count == 0)
        {
            throw new UsageException($"{path}: no numbers in the file");
        }

        return rows;
    }
}
