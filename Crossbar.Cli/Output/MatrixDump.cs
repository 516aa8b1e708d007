using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Simulation;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Output;

/// <summary>
/// <c>--dump-matrix &lt;file.mtx&gt;</c>: checks the path before the simulation and writes the operating point's last
/// Newton system after it (<see cref="MatrixMarketWriter"/>: file.mtx, file.rhs.mtx, file.names.csv).
/// </summary>
public static class MatrixDump
{
    /// <summary>The option's name in messages.</summary>
    public const string OptionName = "--dump-matrix";

    /// <summary>
    /// Refuses a path the dump cannot be written to, before anything is simulated: a directory, a path below a file,
    /// a folder that cannot be created or written, or a path inside the <c>--out</c> folder (which is replaced as a
    /// whole). Creates missing parent folders.
    /// </summary>
    /// <param name="file">The matrix file.</param>
    /// <param name="outFolder">The command's output folder (absolute), or null.</param>
    /// <exception cref="UsageException">The message names the option and says why.</exception>
    public static void Check(FileInfo file, string? outFolder)
    {
        string path = file.FullName;
        string shown = file.ToString();
        if (Directory.Exists(path))
        {
            throw new UsageException($"{OptionName} {shown} is a directory; give a file name such as {Path.Combine(shown, "jacobian.mtx")}.");
        }

        if (outFolder is not null)
        {
            string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outFolder));
            if (path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new UsageException($"{OptionName} {shown} is inside --out {outFolder}, which is replaced as a whole; write the matrix outside it.");
            }
        }

        string dir = Path.GetDirectoryName(path) ?? throw new UsageException($"{OptionName} {shown}: not a file path.");
        for (string? ancestor = dir; ancestor is not null && !Directory.Exists(ancestor); ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                throw new UsageException($"{OptionName} {shown}: {ancestor} is a file, not a directory.");
            }
        }

        string probe = Path.Combine(dir, $".crossbar-write-test-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            Directory.CreateDirectory(dir);
            using (File.Create(probe))
            {
            }

            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{OptionName} {shown}: cannot write in {dir} ({UsageException.Plain(ex)}).");
        }
    }

    /// <summary>Writes the dump and says so on stderr; warns instead when no operating point was solved.</summary>
    /// <param name="file">The matrix file.</param>
    /// <param name="results">The simulation's results (run with the matrix captured).</param>
    /// <param name="circuit">What the circuit is (header comment).</param>
    /// <exception cref="UsageException">The files could not be written.</exception>
    public static void Write(FileInfo file, SimulationResults results, string circuit)
    {
        if (results.OperatingPointMatrix is not { } system)
        {
            Console.Error.WriteLine($"warning: {OptionName}: no operating point was solved (a .tran with uic starts without one), so there is no Newton system to write");
            return;
        }

        var clock = Stopwatch.StartNew();
        long entries;
        try
        {
            entries = MatrixMarketWriter.Write(file.FullName, system, circuit);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{OptionName} {file}: cannot write ({UsageException.Plain(ex)}).");
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {file.FullName} ({system.Size} unknowns, {entries} nonzeros, {system.Analysis} Newton iteration {system.NewtonIteration}), {Path.GetFileName(MatrixMarketWriter.RhsPath(file.FullName))} and {Path.GetFileName(MatrixMarketWriter.NamesPath(file.FullName))} in {clock.Elapsed.TotalSeconds:F2} s"));
    }
}
