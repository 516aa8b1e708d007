using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Benchmarks;

/// <summary>`quick deck FILE [repeats]`: time of each phase of `crossbar run` on one deck (read, compile, setup, analyses).</summary>
public static class DeckQuickReport
{
    public static void Run(string[] args)
    {
        string path = args[0];
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        for (int rep = 0; rep < repeats; rep++)
        {
            var clock = Stopwatch.StartNew();
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            TimeSpan pause0 = GC.GetTotalPauseDuration();
            int gc0 = GC.CollectionCount(0);
            int gc2 = GC.CollectionCount(2);
            long bytes0 = GC.GetAllocatedBytesForCurrentThread();
            Netlist netlist = NetlistReader.ReadFile(path);
            double read = clock.Elapsed.TotalSeconds;
            double readCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            double readPause = (GC.GetTotalPauseDuration() - pause0).TotalSeconds;
            int readGc0 = GC.CollectionCount(0) - gc0;
            int readGc2 = GC.CollectionCount(2) - gc2;
            double readMb = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / 1e6;
            bytes0 = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            List<CircuitElement> elements = CircuitCompiler.CreateElements(netlist);
            double compile = clock.Elapsed.TotalSeconds;
            double compileMb = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / 1e6;
            clock.Restart();
            _ = new Crossbar.Circuit.Engine.Circuit(elements, SimulationOptions.FromNetlist(netlist));
            double setup = clock.Elapsed.TotalSeconds;
            double setupMb = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / 1e6 - compileMb;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rep {rep}: compile {compile:F3}s ({compileMb:F1} MB) circuit setup {setup:F3}s ({setupMb:F1} MB) (both again inside run)"));
            bytes0 = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            SimulationResults results = CircuitSimulator.Run(netlist);
            double run = clock.Elapsed.TotalSeconds;
            double runMb = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / 1e6;
            SimulationStatistics s = results.Statistics;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"rep {rep}: read {read:F3}s (cpu {readCpu:F3}s, gc pause {readPause:F3}s, gc0 {readGc0} gc2 {readGc2}, {readMb:F0} MB) run {run:F3}s ({runMb:F0} MB, setup {s.SetupTime.Elapsed.TotalSeconds:F3} op {s.OperatingPointTime.Elapsed.TotalSeconds:F3} tran {s.TransientTime.Elapsed.TotalSeconds:F3})"));
            if (rep == repeats - 1)
            {
                Console.Write(s.Format());
            }
        }
    }
}
