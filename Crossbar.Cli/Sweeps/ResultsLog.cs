using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Win32.SafeHandles;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// results.csv of a sweep, written as the points finish: each point's rows are formatted first and appended with one
/// write and an fsync, so a kill (even SIGKILL) leaves whole rows only; at most a torn tail, which
/// <see cref="Open"/> cuts off before a resume. <see cref="Finish"/> rewrites the file sorted by (point, replicate)
/// (temporary, fsync, rename), which makes it independent of <c>--jobs</c>, run order, resumes and shards.
/// </summary>
public sealed class ResultsLog : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly Lock _gate = new();
    private long _length;

    private ResultsLog(string path, IReadOnlyList<string> header, SafeFileHandle file, HashSet<(int, int)> done)
    {
        Path = path;
        Header = header;
        _file = file;
        _length = RandomAccess.GetLength(file);
        Done = done;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The columns.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The (point, replicate) pairs with rows in the file.</summary>
    public IReadOnlySet<(int Point, int Replicate)> Done { get; }

    /// <summary>
    /// Opens results.csv for appending: a new file gets the header; an existing one must have exactly this header, and a
    /// torn last line (no newline, or not a whole row) is cut off and reported through <paramref name="log"/>.
    /// </summary>
    /// <exception cref="UsageException">The file's header differs (another sweep, or another version).</exception>
    public static ResultsLog Open(string path, IReadOnlyList<string> header, Action<string> log)
    {
        var done = new HashSet<(int, int)>();
        if (File.Exists(path))
        {
            long keep = CompleteLength(path);
            long length = new FileInfo(path).Length;
            if (keep < length)
            {
                using var cut = new FileStream(path, FileMode.Open, FileAccess.Write);
                cut.SetLength(keep);
                cut.Flush(flushToDisk: true);
                log(FormattableString.Invariant($"sweep: cut a torn last row ({length - keep} bytes) off {path}"));
            }

            var rows = Read(path, out IReadOnlyList<string> existing);
            if (keep > 0 && !existing.SequenceEqual(header))
            {
                throw new UsageException($"{path}: its columns differ from this sweep's ({Difference(existing, header)}); it belongs to another sweep or version: use another --out.");
            }

            foreach (string[] row in rows)
            {
                done.Add(Id(row, path));
            }
        }

        var results = new ResultsLog(path, header, File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read), done);
        if (results._length == 0)
        {
            results.Append([header]);
        }

        return results;
    }

    /// <summary>
    /// Appends the rows of one point as one write at the end of the file, then flushes the file to disk (outside the
    /// lock, so one worker's fsync does not hold up another's write; an fsync covers everything written before it).
    /// </summary>
    public void Append(IEnumerable<IReadOnlyList<string>> rows)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Format(rows));
        lock (_gate)
        {
            RandomAccess.Write(_file, bytes, _length);
            _length += bytes.Length;
        }

        RandomAccess.FlushToDisk(_file);
    }

    /// <summary>
    /// Rewrites the file sorted by (point, replicate), rows of one point in the order written; through a temporary
    /// that is flushed to disk before it replaces the file. Returns the rows.
    /// </summary>
    public IReadOnlyList<string[]> Finish()
    {
        RandomAccess.FlushToDisk(_file);
        return Rewrite(Path, Header, Read(Path, out _));
    }

    /// <summary>Writes <paramref name="rows"/> sorted by (point, replicate) under <paramref name="header"/> to <paramref name="path"/> (temporary, fsync, rename).</summary>
    public static IReadOnlyList<string[]> Rewrite(string path, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        string[][] sorted = [.. rows.Select((r, i) => (Row: r, Id: Id(r, path), Order: i)).OrderBy(x => x.Id).ThenBy(x => x.Order).Select(x => x.Row)];
        string temp = path + ".sorting";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(Encoding.UTF8.GetBytes(Format([header, .. sorted])));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return sorted;
    }

    /// <summary>Reads the rows (header excluded) of a results file.</summary>
    public static List<string[]> Read(string path, out IReadOnlyList<string> header)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = new List<string[]>();
        header = csv.Read() ? csv.Record ?? [] : [];
        while (csv.Read())
        {
            string[] row = csv.Record ?? [];
            if (row.Length != header.Count)
            {
                throw new UsageException(FormattableString.Invariant($"{path}: row {rows.Count + 2} has {row.Length} fields, the header {header.Count}."));
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The (point, replicate) of a row (its first two fields).</summary>
    public static (int Point, int Replicate) Id(string[] row, string path) =>
        int.TryParse(row[0], NumberStyles.None, CultureInfo.InvariantCulture, out int p) && int.TryParse(row[1], NumberStyles.None, CultureInfo.InvariantCulture, out int r)
            ? (p, r)
            : throw new UsageException($"{path}: a row starts '{row[0]},{row[1]}', not a point and a replicate.");

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();

    private static string Format(IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true))
        {
            foreach (IReadOnlyList<string> row in rows)
            {
                foreach (string field in row)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>Length of the file up to and including its last newline: whole rows only (fields never hold newlines).</summary>
    private static long CompleteLength(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        long length = stream.Length;
        var buffer = new byte[4096];
        for (long end = length; end > 0;)
        {
            int n = (int)Math.Min(buffer.Length, end);
            stream.Position = end - n;
            stream.ReadExactly(buffer, 0, n);
            int last = Array.LastIndexOf(buffer, (byte)'\n', n - 1);
            if (last >= 0)
            {
                return end - n + last + 1;
            }

            end -= n;
        }

        return 0;
    }

    private static string Difference(IReadOnlyList<string> existing, IReadOnlyList<string> header)
    {
        var missing = header.Except(existing).ToList();
        var extra = existing.Except(header).ToList();
        return missing.Count + extra.Count == 0
            ? "same columns, another order"
            : $"{(missing.Count > 0 ? "missing " + string.Join(' ', missing.Take(5)) : string.Empty)}{(missing.Count > 0 && extra.Count > 0 ? "; " : string.Empty)}{(extra.Count > 0 ? "unknown " + string.Join(' ', extra.Take(5)) : string.Empty)}";
    }
}
