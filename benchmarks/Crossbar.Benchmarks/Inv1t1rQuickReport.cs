using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Benchmarks;

/// <summary>
/// `quick inv1t1r [abs] N...`: operating point of a 1T1R INV array with the default wires
/// (1.73 Ω) and its statistics. The signed diagonally dominant matrix needs a differential pair
/// of arrays (6N² unknowns); with `abs` its absolute values fit one array (3N² unknowns).
/// </summary>
public static class Inv1t1rQuickReport
{
    public static void Run(string[] args)
    {
        bool positive = args.Length > 0 && args[0] == "abs";
        args = positive ? args[1..] : args;
        int[] sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [32, 64, 128];
        foreach (int n in sizes)
        {
            var clock = Stopwatch.StartNew();
            double[,] matrix = MatrixGenerators.DiagonallyDominant(n, 1);
            if (positive)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        matrix[i, j] = Math.Abs(matrix[i, j]);
                    }
                }
            }
            var rng = new Random(2);
            double[] rhs = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            InvCircuit circuit = InvCircuitBuilder.Build(matrix, rhs, new CrossbarBuildOptions(), CircuitAnalysis.OperatingPoint);
            double build = clock.Elapsed.TotalSeconds;
            clock.Restart();
            SimulationResults results = CircuitSimulator.Run(circuit.Netlist);
            double run = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== inv1t1r{(positive ? " abs" : "")} N={n}: build {build:F3}s simulate {run:F3}s (load {Environment.ProcessorCount} cpus, loadavg {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
            double[] x = circuit.ReadSolution(results.Find("op")!);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"x[0] = {x[0]:G17}, x[n-1] = {x[^1]:G17}"));
            Console.Write(results.Statistics.Format());
        }
    }
}
