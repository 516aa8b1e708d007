using System.Globalization;
using CsvHelper;

namespace Crossbar.Cli.Output;

/// <summary>
/// A CSV file written row by row as an analysis produces them (header first; CsvHelper, invariant culture, round-trip
/// numbers formatted by <see cref="CsvTableWriter.Format(double)"/>), so a long transient never has to be held in memory. Written into a staging
/// folder (<see cref="OutputFolder"/>), it becomes visible only with the rest of the run.
/// </summary>
public sealed class CsvRowWriter : IDisposable
{
    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;

    /// <summary>Creates the file and writes the header.</summary>
    /// <param name="path">File to create.</param>
    /// <param name="header">Column names.</param>
    public CsvRowWriter(string path, IReadOnlyList<string> header)
    {
        _stream = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 16);
        _csv = new CsvWriter(_stream, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (string column in header)
        {
            _csv.WriteField(column);
        }

        _csv.NextRecord();
    }

    /// <summary>Appends one row of numbers.</summary>
    /// <param name="row">Values, one per header column.</param>
    public void Write(double[] row)
    {
        foreach (double value in row)
        {
            _csv.WriteField(CsvTableWriter.Format(value));
        }

        _csv.NextRecord();
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}
