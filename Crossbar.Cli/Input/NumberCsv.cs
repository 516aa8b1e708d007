using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Input;

/// <summary>Reads plain numeric CSV files (no header) with CsvHelper; every error names the file, line and field.</summary>
public static class NumberCsv
{
    /// <summary>Reads an N×N matrix: N lines of N comma-separated numbers.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="UsageException">The file is missing, not numeric or not square.</exception>
    public static double[,] ReadSquareMatrix(string path)
    {
        var rows = ReadRows(path);
        int n = rows.Count;
        if (n == 0)
        {
            throw new UsageException($"{path}: no rows; expected N lines of N comma-separated numbers.");
        }

        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            var (line, values) = rows[i];
            if (values.Length != n)
            {
                throw new UsageException($"{path} line {line}: {values.Length} numbers, expected {n} (the file has {n} rows, so the matrix must be {n}×{n}).");
            }

            for (int j = 0; j < n; j++)
            {
                a[i, j] = values[j];
            }
        }

        return a;
    }

    /// <summary>Reads a vector: one number per line.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The values.</returns>
    /// <exception cref="UsageException">The file is missing or a line does not hold exactly one number.</exception>
    public static double[] ReadVector(string path)
    {
        var rows = ReadRows(path);
        var v = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var (line, values) = rows[i];
            if (values.Length != 1)
            {
                throw new UsageException($"{path} line {line}: {values.Length} numbers, expected one number per line.");
            }

            v[i] = values[0];
        }

        return v;
    }

    private static List<(int Line, double[] Values)> ReadRows(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: file not found.");
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, TrimOptions = TrimOptions.Trim, IgnoreBlankLines = true };
        var rows = new List<(int, double[])>();
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, config);
        while (parser.Read())
        {
            string[]? record = parser.Record;
            if (record is null || (record.Length == 1 && record[0].Length == 0))
            {
                continue;
            }

            int line = parser.RawRow;
            var values = new double[record.Length];
            for (int j = 0; j < record.Length; j++)
            {
                if (!double.TryParse(record[j], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw new UsageException($"{path} line {line}, field {j + 1}: '{record[j]}' is not a finite number.");
                }

                values[j] = v;
            }

            rows.Add((line, values));
        }

        return rows;
    }
}
