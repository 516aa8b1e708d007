using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Cli.Output;

/// <summary><c>--stats</c>: the engine's statistics, the KCL residual and the process's time, allocations and collections, on stderr.</summary>
public static class StatisticsReport
{
    /// <summary>Prints the report to stderr.</summary>
    /// <param name="results">The simulation's results.</param>
    public static void Print(SimulationResults results)
    {
        TextWriter e = Console.Error;
        e.Write(results.Statistics.Format());
        if (results.Residual is { } r)
        {
            e.WriteLine(Invariant($"kcl residual A          {r.MaxAbsolute:G3} at {(r.WorstNode.Length > 0 ? r.WorstNode : "no node")} ({r.Analysis}, last point)"));
            e.WriteLine(Invariant($"kcl residual relative   {r.Relative:G3} (of the largest current term, {r.Scale:G3} A)"));
        }

        using var process = Process.GetCurrentProcess();
        e.WriteLine(Invariant($"process time so far s   {(DateTime.Now - process.StartTime).TotalSeconds:F6}"));
        e.WriteLine(Invariant($"allocated MB            {GC.GetTotalAllocatedBytes() / 1e6:F1}"));
        e.WriteLine(Invariant($"collections gen0/1/2    {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
