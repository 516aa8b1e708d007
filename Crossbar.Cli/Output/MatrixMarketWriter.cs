using System.Globalization;
using Crossbar.Circuit.Engine;

namespace Crossbar.Cli.Output;

/// <summary>
/// Writes a <see cref="MatrixSnapshot"/> for external solvers: the Jacobian as a Matrix Market coordinate file
/// (<c>%%MatrixMarket matrix coordinate real general</c>, 1-based, column by column, rows ascending within a column,
/// one entry per structural nonzero with explicit zeros kept and duplicates summed), the right-hand side and this
/// engine's solution of that system as Matrix Market array files beside it, and the unknowns' names as a CSV sidecar. Numbers round-trip ("R", invariant culture).
/// Each file streams through a fixed buffer (no string of the whole file) and appears by rename when complete.
/// </summary>
public static class MatrixMarketWriter
{
    /// <summary>Characters buffered before each write to the file.</summary>
    private const int ChunkChars = 1 << 16;

    /// <summary>Room one entry line needs at most: two integers, a number, separators.</summary>
    private const int LineChars = 64;

    /// <summary>Columns of the names sidecar.</summary>
    public static readonly IReadOnlyList<string> NamesHeader = ["index", "name", "kind"];

    /// <summary>The right-hand-side file written beside <paramref name="matrixPath"/>: <c>jac.mtx</c> → <c>jac.rhs.mtx</c>.</summary>
    public static string RhsPath(string matrixPath) => Stem(matrixPath) + ".rhs.mtx";

    /// <summary>The solution file written beside <paramref name="matrixPath"/>: <c>jac.mtx</c> → <c>jac.x.mtx</c> (this engine's x of J·x = b).</summary>
    public static string SolutionPath(string matrixPath) => Stem(matrixPath) + ".x.mtx";

    /// <summary>The names sidecar written beside <paramref name="matrixPath"/>: <c>jac.mtx</c> → <c>jac.names.csv</c>.</summary>
    public static string NamesPath(string matrixPath) => Stem(matrixPath) + ".names.csv";

    /// <summary>Writes the matrix, its right-hand side and the names sidecar.</summary>
    /// <param name="path">The matrix file (<c>.mtx</c>).</param>
    /// <param name="system">The Newton system.</param>
    /// <param name="circuit">What the circuit is, for the header comment (one line).</param>
    /// <returns>The number of entries written to the matrix file.</returns>
    public static long Write(string path, MatrixSnapshot system, string circuit)
    {
        string rhsPath = RhsPath(path);
        string namesPath = NamesPath(path);
        string oneLine = circuit.ReplaceLineEndings(" ");
        int n = system.Size;
        (int[] start, int[] handles, long entries) = ByColumn(system);
        string[] comments =
        [
            "CrossbarSim: Jacobian J of the last Newton step of the operating point (the matrix last factored; J*x = b)",
            $"circuit: {oneLine}",
            string.Create(CultureInfo.InvariantCulture, $"analysis: {system.Analysis}, Newton iteration {system.NewtonIteration}"),
            string.Create(CultureInfo.InvariantCulture, $"n = {n}, nnz = {entries} (every structural nonzero of the solver's pattern, explicit zeros kept)"),
            $"rows are equations, columns unknowns; row/column k is unknown k (1-based) of {Path.GetFileName(namesPath)} (index,name,kind)",
            $"right-hand side b: {Path.GetFileName(rhsPath)}; this engine's solution x: {Path.GetFileName(SolutionPath(path))}",
        ];
        AtomicFile.Write(path, writer => WriteCoordinate(writer, system, start, handles, entries, comments));
        AtomicFile.Write(rhsPath, writer => WriteArray(writer, system.Rhs, [
            "CrossbarSim: right-hand side b of the Newton step whose Jacobian is " + Path.GetFileName(path),
            $"circuit: {oneLine}",
        ]));
        AtomicFile.Write(SolutionPath(path), writer => WriteArray(writer, system.Solution, [
            "CrossbarSim: this engine's solution x of J*x = b (" + Path.GetFileName(path) + ", " + Path.GetFileName(rhsPath) + "), for comparison with another solver",
            $"circuit: {oneLine}",
        ]));
        CsvTableWriter.Write(namesPath, NamesHeader, Names(system.Unknowns));
        return entries;
    }

    /// <summary>Handles grouped by column (CSC order), rows ascending within a column; and the number of distinct (row, column) entries.</summary>
    private static (int[] Start, int[] Handles, long Entries) ByColumn(MatrixSnapshot system)
    {
        int n = system.Size;
        int[] rows = system.Pattern.Rows;
        int[] columns = system.Pattern.Columns;
        int count = system.Pattern.Count;
        var start = new int[n + 1];
        for (int h = 1; h <= count; h++)
        {
            start[columns[h] + 1]++;
        }

        for (int j = 0; j < n; j++)
        {
            start[j + 1] += start[j];
        }

        var next = (int[])start.Clone();
        var handles = new int[count];
        var keys = new int[count];
        for (int h = 1; h <= count; h++)
        {
            int k = next[columns[h]]++;
            handles[k] = h;
            keys[k] = rows[h];
        }

        long entries = 0;
        for (int j = 0; j < n; j++)
        {
            int length = start[j + 1] - start[j];
            Array.Sort(keys, handles, start[j], length);
            for (int k = start[j]; k < start[j + 1]; k++)
            {
                if (k == start[j] || keys[k] != keys[k - 1])
                {
                    entries++;
                }
            }
        }

        return (start, handles, entries);
    }

    private static void WriteCoordinate(TextWriter writer, MatrixSnapshot system, int[] start, int[] handles, long entries, string[] comments)
    {
        writer.Write("%%MatrixMarket matrix coordinate real general\n");
        foreach (string comment in comments)
        {
            writer.Write("% ");
            writer.Write(comment);
            writer.Write('\n');
        }

        int n = system.Size;
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{n} {n} {entries}\n"));
        int[] rows = system.Pattern.Rows;
        ReadOnlySpan<double> values = system.Values;
        var chunk = new char[ChunkChars];
        int used = 0;
        for (int j = 0; j < n; j++)
        {
            int k = start[j];
            while (k < start[j + 1])
            {
                int row = rows[handles[k]];
                double sum = values[handles[k]];
                for (k++; k < start[j + 1] && rows[handles[k]] == row; k++)
                {
                    sum += values[handles[k]];
                }

                if (used > ChunkChars - LineChars)
                {
                    writer.Write(chunk, 0, used);
                    used = 0;
                }

                Span<char> line = chunk.AsSpan(used);
                int w = Integer(line, row + 1);
                line[w++] = ' ';
                w += Integer(line[w..], j + 1);
                line[w++] = ' ';
                w += Number(line[w..], sum);
                line[w++] = '\n';
                used += w;
            }
        }

        writer.Write(chunk, 0, used);
    }

    private static void WriteArray(TextWriter writer, ReadOnlySpan<double> values, string[] comments)
    {
        writer.Write("%%MatrixMarket matrix array real general\n");
        foreach (string comment in comments)
        {
            writer.Write("% ");
            writer.Write(comment);
            writer.Write('\n');
        }

        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{values.Length} 1\n"));
        var chunk = new char[ChunkChars];
        int used = 0;
        foreach (double v in values)
        {
            if (used > ChunkChars - LineChars)
            {
                writer.Write(chunk, 0, used);
                used = 0;
            }

            Span<char> line = chunk.AsSpan(used);
            int w = Number(line, v);
            line[w++] = '\n';
            used += w;
        }

        writer.Write(chunk, 0, used);
    }

    private static IEnumerable<object[]> Names(UnknownMap unknowns)
    {
        for (int i = 0; i < unknowns.Count; i++)
        {
            string kind = unknowns.KindOf(i) switch
            {
                UnknownKind.Voltage => "voltage",
                UnknownKind.Current => "current",
                _ => "state",
            };
            yield return [i + 1, unknowns.NameOf(i), kind];
        }
    }

    private static int Integer(Span<char> into, int value)
    {
        value.TryFormat(into, out int written, default, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>A round-trip number; −0 written as 0 (as in every CSV).</summary>
    private static int Number(Span<char> into, double value)
    {
        (value + 0.0).TryFormat(into, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static string Stem(string path)
        => path.EndsWith(".mtx", StringComparison.OrdinalIgnoreCase) ? path[..^".mtx".Length] : path;
}
