using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

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
            Netlist netlist = NetlistReader.ReadFile(path);
            double read = clock.Elapsed.TotalSeconds;
            double readCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            double readPause = (GC.GetTotalPauseDuration() - pause0).TotalSeconds;
            int readGc0 = GC.CollectionCount(0) - gc0;
            int readGc2 = GC.CollectionCount(2) - gc2;
            clock.Restart();
            SimulationResults results = CircuitSimulator.Run(netlist);
            double run = clock.Elapsed.TotalSeconds;
            SimulationStatistics s = results.Statistics;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"rep {rep}: read {read:F3}s (cpu {readCpu:F3}s, gc pause {readPause:F3}s, gc0 {readGc0} gc2 {readGc2}) run {run:F3}s (setup {s.SetupTime.Elapsed.TotalSeconds:F3} op {s.OperatingPointTime.Elapsed.TotalSeconds:F3} tran {s.TransientTime.Elapsed.TotalSeconds:F3})"));
            if (rep == repeats - 1)
            {
                Console.Write(s.Format());
            }
        }
    }
}
