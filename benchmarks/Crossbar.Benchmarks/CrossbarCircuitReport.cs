using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Wires;

namespace Crossbar.Benchmarks;

/// <summary>
/// Generated crossbar circuits outside BenchmarkDotNet:
/// <list type="bullet">
/// <item><c>inv1t1r [--decks DIR] [--seed S] N...</c>: INV operating point of a 1T1R array with
/// 1.73 Ω wires, single-pole op-amps, 3-bit levels, positive diagonally dominant matrix; prints
/// the engine statistics per N (after an unreported 8×8 warm-up run) and, with --decks, writes DIR/inv1t1r_N.cir (the exported deck
/// with <c>.options noopiter</c>) and DIR/inv1t1r_N.crossbar.csv (our outputs, one
/// <c>name,value</c> line per saved vector) for comparison with ngspice.</item>
/// <item><c>deck inv|mvm N positive|signed op|tran OUT.cir [--wire-c FARADS] [--seed S]</c>:
/// writes the exported deck of one generated circuit.</item>
/// </list>
/// </summary>
public static class CrossbarCircuitReport
{
    /// <summary>The INV test circuit used by the benchmarks: 1T1R, 1.73 Ω wires, single-pole op-amps, 3 bits.</summary>
    public static InvCircuit BuildInv1T1R(int n, int seed, CircuitAnalysis analysis)
    {
        double[,] a = MatrixGenerators.DiagonallyDominant(n, seed);
        var rng = new Random(seed + 1);
        double[] b = Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble()) - 1).ToArray();
        var options = new CrossbarBuildOptions
        {
            Cell = CrossbarCellKind.Transistor,
            Levels = new ConductanceLevels(3),
            OpAmp = OpAmpModel.WithSinglePole(1e5, 16e6),
            Wires = new WireModel(),
            Seed = seed,
        };
        return InvCircuitBuilder.Build(PositivePart(a), b, options, analysis);
    }

    /// <summary>|A| (a positive matrix with the same dominance, single array).</summary>
    public static double[,] PositivePart(double[,] a)
    {
        var p = (double[,])a.Clone();
        for (int i = 0; i < p.GetLength(0); i++)
        {
            for (int j = 0; j < p.GetLength(1); j++)
            {
                p[i, j] = Math.Abs(p[i, j]);
            }
        }

        return p;
    }

    public static void RunInv1T1R(string[] args)
    {
        string? decks = null;
        int seed = 1;
        var sizes = new List<int>();
        for (int k = 0; k < args.Length; k++)
        {
            switch (args[k])
            {
                case "--decks":
                    decks = args[++k];
                    break;
                case "--seed":
                    seed = int.Parse(args[++k], CultureInfo.InvariantCulture);
                    break;
                default:
                    sizes.Add(int.Parse(args[k], CultureInfo.InvariantCulture));
                    break;
            }
        }

        if (sizes.Count == 0)
        {
            sizes.AddRange([32, 64, 128, 256]);
        }

        if (decks is not null)
        {
            Directory.CreateDirectory(decks);
        }

        // Warm-up (JIT): one small circuit, not reported.
        _ = CircuitSimulator.Run(BuildInv1T1R(8, seed, CircuitAnalysis.OperatingPoint).Netlist);

        Console.WriteLine("N,unknowns,matrix_nnz,factor_nnz,newton_iterations,factorisations,build_s,simulate_s,setup_s,load_s,ordering_s,factor_s,solve_s,op_s");
        foreach (int n in sizes)
        {
            var clock = Stopwatch.StartNew();
            InvCircuit circuit = BuildInv1T1R(n, seed, CircuitAnalysis.OperatingPoint);
            double build = clock.Elapsed.TotalSeconds;
            clock.Restart();
            SimulationResults results = CircuitSimulator.Run(circuit.Netlist);
            double simulate = clock.Elapsed.TotalSeconds;
            SimulationStatistics s = results.Statistics;
            Console.Error.WriteLine($"--- N = {n} ---");
            Console.Error.Write(s.Format());
            CultureInfo c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c,
                $"{n},{s.Unknowns},{s.MatrixNonzeros},{s.Solver?.FactorNonzeros},{s.NewtonIterations},{s.Solver?.Factorizations},{build:F3},{simulate:F3},{s.SetupTime.Elapsed.TotalSeconds:F3},{s.LoadTime.Elapsed.TotalSeconds:F3},{s.Solver?.OrderingTime.Elapsed.TotalSeconds:F3},{s.Solver?.FactorTime.Elapsed.TotalSeconds:F3},{s.Solver?.SolveTime.Elapsed.TotalSeconds:F3},{s.OperatingPointTime.Elapsed.TotalSeconds:F3}"));
            if (decks is not null)
            {
                string deck = WithOptions(NetlistWriter.Write(circuit.Netlist), ".options noopiter");
                File.WriteAllText(Path.Combine(decks, $"inv1t1r_{n}.cir"), deck);
                ResultTable op = results.Find("op")!;
                var csv = new StringBuilder();
                foreach (string column in circuit.OutputColumns)
                {
                    csv.Append(c, $"{column},{op.Rows[0][op.IndexOf(column)]:R}\n");
                }

                File.WriteAllText(Path.Combine(decks, $"inv1t1r_{n}.crossbar.csv"), csv.ToString());
            }
        }
    }

    public static void RunDeck(string[] args)
    {
        if (args.Length < 5)
        {
            Console.Error.WriteLine("usage: deck inv|mvm N positive|signed op|tran OUT.cir [--wire-c FARADS] [--seed S]");
            Environment.Exit(2);
        }

        string kind = args[0];
        int n = int.Parse(args[1], CultureInfo.InvariantCulture);
        bool signed = args[2] == "signed";
        CircuitAnalysis analysis = args[3] == "tran" ? CircuitAnalysis.Transient : CircuitAnalysis.OperatingPoint;
        string output = args[4];
        double wireC = 0;
        int seed = 1;
        for (int k = 5; k < args.Length; k++)
        {
            switch (args[k])
            {
                case "--wire-c":
                    wireC = double.Parse(args[++k], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(args[++k], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[k]}");
                    Environment.Exit(2);
                    break;
            }
        }

        double[,] a = MatrixGenerators.DiagonallyDominant(n, seed);
        if (!signed)
        {
            a = PositivePart(a);
        }

        var rng = new Random(seed + 1);
        double[] b = Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble()) - 1).ToArray();
        var options = new CrossbarBuildOptions
        {
            Wires = new WireModel { RowCapacitancePerCell = wireC, ColumnCapacitancePerCell = wireC },
            Seed = seed,
        };
        Netlist netlist = kind == "mvm"
            ? MvmCircuitBuilder.Build(a, b, options, analysis).Netlist
            : InvCircuitBuilder.Build(a, b, options, analysis).Netlist;
        File.WriteAllText(output, NetlistWriter.Write(netlist));
    }

    /// <summary>Inserts option lines before <c>.end</c>.</summary>
    public static string WithOptions(string deck, string optionsLine)
    {
        int end = deck.LastIndexOf("\n.end", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? deck + optionsLine + "\n.end\n" : deck[..(end + 1)] + optionsLine + "\n" + deck[(end + 1)..];
    }
}
