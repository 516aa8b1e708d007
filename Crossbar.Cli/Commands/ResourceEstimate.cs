using System.Globalization;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Cli.Commands;

/// <summary>
/// Memory and time a generated-circuit command will need, estimated before anything is allocated, so that a size this
/// machine cannot hold is refused with the estimate instead of ending in an out-of-memory crash or hours of waiting.
/// </summary>
/// <remarks>
/// Calibrated on the signed 1T1R INV operating points measured on the 2-core development machine (1.73 Ω wires,
/// supernodal LU): N = 256, 395k unknowns, 0.74 GB peak, 6 s; N = 512, 1.58M unknowns, 3.1 GB, 24 s — about 1.9 kB per
/// unknown, growing slowly with the fill per unknown (n log n), and a time growing as unknowns^1.25 (ordering
/// n log n, factorisation n^1.5). Dense work adds 10 copies of the N×M matrix (generation, MathNet's solve, the
/// stability model) and, up to N = 256 where the stability check takes the full spectrum, ≈ 10·N³ flops at 1 GFlop/s.
/// Estimates are within a factor of about two; they are for refusing the impossible, not for scheduling.
/// </remarks>
public static class ResourceEstimate
{
    /// <summary>Unknowns of the circuit of an M×N matrix (rows × columns) with the given cells and wires.</summary>
    public static double Unknowns(long rows, long columns, CrossbarBuildOptions options, bool differential = true)
    {
        // A cell adds its row-wire and column-wire nodes (with wire resistance) and the node inside a 1T1R cell.
        double perCell = (options.Wires.RowResistancePerCell > 0 ? 1 : 0) + (options.Wires.ColumnResistancePerCell > 0 ? 1 : 0)
            + (options.Cell != CrossbarCellKind.Resistor ? 1 : 0);
        return ((differential ? 2.0 : 1.0) * rows * columns * perCell) + (6.0 * (rows + columns));
    }

    /// <summary>Bytes the command will hold at its peak.</summary>
    public static double Bytes(long rows, long columns, CrossbarBuildOptions options, bool differential = true)
    {
        double unknowns = Unknowns(rows, columns, options, differential);
        double growth = Math.Max(1, Math.Pow(unknowns / 1.58e6, 0.1));
        return (1.95e3 * unknowns * growth) + (10.0 * 8 * rows * columns) + 64e6;
    }

    /// <summary>Seconds of the analysis at its operating point (transient: many times more).</summary>
    public static double Seconds(long rows, long columns, CrossbarBuildOptions options, bool differential = true)
    {
        double unknowns = Unknowns(rows, columns, options, differential);
        double sparse = 24.0 * Math.Pow(unknowns / 1.58e6, 1.25);
        long n = Math.Max(rows, columns);
        double dense = n <= Crossbar.Circuit.Algebra.RightmostEigenvalues.DenseLimit ? 10.0 * Math.Pow(n, 3) / 1e9 : 0;
        return sparse + dense;
    }

    /// <summary>Memory this process may use: the GC's view of the machine (or container) limit.</summary>
    public static double AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Refuses a size whose estimate exceeds 80% of the available memory; reports large ones on stderr.</summary>
    /// <exception cref="UsageException">The estimate does not fit.</exception>
    /// <param name="command">Command name for the message.</param>
    /// <param name="rows">Rows of the matrix.</param>
    /// <param name="columns">Columns of the matrix.</param>
    /// <param name="options">Cells and wires.</param>
    /// <param name="differential">A signed matrix needs two arrays (generated kinds are signed).</param>
    public static void Check(string command, long rows, long columns, CrossbarBuildOptions options, bool differential = true)
    {
        double bytes = Bytes(rows, columns, options, differential);
        double seconds = Seconds(rows, columns, options, differential);
        double available = AvailableBytes;
        string what = string.Create(CultureInfo.InvariantCulture,
            $"a {rows}×{columns} {command} circuit has about {Unknowns(rows, columns, options, differential):G3} unknowns and needs about {bytes / 1e9:G3} GB of memory and {seconds:G3} s for its operating point (estimate)");
        if (bytes > 0.8 * available)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{what}; this machine offers {available / 1e9:G3} GB: use a smaller --size"));
        }

        if (seconds > 30 || bytes > 1e9)
        {
            Console.Error.WriteLine($"{command}: {what}");
        }
    }
}
