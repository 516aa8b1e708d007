using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
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

        Console.WriteLine("N,unknowns,matrix_nnz,factor_nnz,newton_iterations,factorisations,build_s,simulate_s,simulate_cpu_s,setup_s,load_s,ordering_s,factor_s,solve_s,op_s");
        foreach (int n in sizes)
        {
            var clock = Stopwatch.StartNew();
            InvCircuit circuit = BuildInv1T1R(n, seed, CircuitAnalysis.OperatingPoint);
            double build = clock.Elapsed.TotalSeconds;
            clock.Restart();
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            SimulationResults results = CircuitSimulator.Run(circuit.Netlist);
            double simulate = clock.Elapsed.TotalSeconds;
            double simulateCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            SimulationStatistics s = results.Statistics;
            Console.Error.WriteLine($"--- N = {n} ---");
            Console.Error.Write(s.Format());
            CultureInfo c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c,
                $"{n},{s.Unknowns},{s.MatrixNonzeros},{s.Solver?.FactorNonzeros},{s.NewtonIterations},{s.Solver?.Factorizations},{build:F3},{simulate:F3},{simulateCpu:F3},{s.SetupTime.Elapsed.TotalSeconds:F3},{s.LoadTime.Elapsed.TotalSeconds:F3},{s.Solver?.OrderingTime.Elapsed.TotalSeconds:F3},{s.Solver?.FactorTime.Elapsed.TotalSeconds:F3},{s.Solver?.SolveTime.Elapsed.TotalSeconds:F3},{s.OperatingPointTime.Elapsed.TotalSeconds:F3}"));
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

    /// <summary>
    /// <c>inv1t1r-profile N...</c>: the INV 1T1R circuit's own MNA matrix (loaded around the
    /// word line at its gate voltage, bulk at its rail, everything else 0 V, i.e. the access
    /// transistors on) factored by a fresh <see cref="SparseLuSolver"/>: fill, dense tail, first
    /// factorisation (ordering + pivoting), full refactorisation with new pivots, numeric
    /// refactorisation with the stored pivots, one solve; then the same pattern with synthetic
    /// diagonally dominant values (the ordering's fill with diagonal pivots), and the circuit values
/// with pivrel 1e-6 instead of 1e-3 (how much fill the threshold pivoting adds).
    /// </summary>
    public static void RunProfile(string[] args)
    {
        int[] sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [32, 64, 128, 256];
        CultureInfo c = CultureInfo.InvariantCulture;
        foreach (int n in sizes)
        {
            InvCircuit inv = BuildInv1T1R(n, 1, CircuitAnalysis.OperatingPoint);
            var clock = Stopwatch.StartNew();
            List<CircuitElement> elements = CircuitCompiler.CreateElements(inv.Netlist);
            var circuit = new Circuit.Engine.Circuit(elements, SimulationOptions.FromNetlist(inv.Netlist));
            double compile = clock.Elapsed.TotalSeconds;
            LoadContext load = circuit.Load;
            foreach (string node in new[] { "xp_wl", "xp_bulk" })
            {
                if (circuit.Unknowns.FindNode(node) is int k)
                {
                    load.Solution[k] = node.EndsWith("wl", StringComparison.Ordinal) ? 3.3 : -3.3;
                }
            }

            clock.Restart();
            foreach (CircuitElement e in elements)
            {
                e.Load(load);
            }

            double loadTime = clock.Elapsed.TotalSeconds;
            double[] values = (double[])load.Matrix.Clone();
            values[0] = 0;
            Console.WriteLine(string.Create(c, $"N={n}: unknowns {circuit.Size}, nnz(A) {circuit.Pattern.Count}, compile {compile:F3} s, one load {loadTime:F4} s"));
            Report("  circuit values ", circuit.Pattern, values);
            Report("  min degree     ", circuit.Pattern, values, null, OrderingMethod.MinimumDegree);
            Report("  nested dissect.", circuit.Pattern, values, null, OrderingMethod.NestedDissection);
            if (Environment.GetEnvironmentVariable("PROFILE_PIVOTS") is not null)
            {
                var probe = new SparseLuSolver(circuit.Pattern, null, OrderingMethod.NestedDissection);
                probe.Factor(values);
                var off = probe.OffDiagonalPivots();
                Console.WriteLine($"off-diagonal pivots {off.Count} of {circuit.Size - probe.DenseTailSize}");
                foreach (var g in off.GroupBy(o => System.Text.RegularExpressions.Regex.Replace(circuit.Unknowns.NameOf(o.Column), "[0-9]+", "#") + " <- " + System.Text.RegularExpressions.Regex.Replace(circuit.Unknowns.NameOf(o.Row), "[0-9]+", "#")).OrderByDescending(g => g.Count()).Take(12))
                {
                    Console.WriteLine($"  {g.Count()} {g.Key} e.g. step {g.First().Step} {circuit.Unknowns.NameOf(g.First().Column)} <- {circuit.Unknowns.NameOf(g.First().Row)}");
                }
            }

            if (Environment.GetEnvironmentVariable("PROFILE_SHORT") is not null)
            {
                continue;
            }

            Report("  pivrel 1e-6    ", circuit.Pattern, values, new PivotOptions { RelativeThreshold = 1e-6 });

            SparsePattern pattern = circuit.Pattern;

            // Where the threshold pivoting adds fill: the op-amp transconductance A0/Rp = 100 S
            // (pole row, inverting-input column) dwarfs the inverting-input node's own conductance
            // once its wire neighbours are eliminated; scale it down by 1e4 and compare the fill.
            var weakGain = (double[])values.Clone();
            for (int h = 1; h <= pattern.Count; h++)
            {
                if (circuit.Unknowns.NameOf(pattern.Rows[h]).EndsWith("_p", StringComparison.Ordinal) && pattern.Rows[h] != pattern.Columns[h])
                {
                    weakGain[h] *= 1e-4;
                }
            }

            Report("  gain / 1e4     ", pattern, weakGain);
            var synthetic = new double[values.Length];
            var offDiagonal = new double[circuit.Size];
            for (int h = 1; h <= pattern.Count; h++)
            {
                if (pattern.Rows[h] != pattern.Columns[h])
                {
                    synthetic[h] = -1;
                    offDiagonal[pattern.Rows[h]] += 1;
                }
            }

            for (int h = 1; h <= pattern.Count; h++)
            {
                if (pattern.Rows[h] == pattern.Columns[h])
                {
                    synthetic[h] = offDiagonal[pattern.Rows[h]] + 1;
                }
            }

            Report("  synthetic DD   ", circuit.Pattern, synthetic);
        }
    }

    /// <summary>
    /// <c>inv1t1r-ordering [--signed] [--deck] [--method all|auto|md|nd] [--reps R] N...</c>: time and predicted
    /// fill (Cholesky column counts of A + Aᵀ: nnz(L) below the diagonal, and L + U) of the
    /// orderings on the INV 1T1R pattern. <c>--signed</c> builds the signed matrix (two arrays sharing
    /// the row lines, as <c>crossbar inv</c> does); <c>--deck</c> also orders the same circuit after
    /// a round trip through its exported SPICE deck (plain R, M, E, V lines), so the two patterns
    /// can be compared.
    /// </summary>
    public static void RunOrdering(string[] args)
    {
        bool signed = false;
        bool deck = false;
        string methods = "all";
        int repetitions = 2;
        var sizes = new List<int>();
        for (int k = 0; k < args.Length; k++)
        {
            switch (args[k])
            {
                case "--signed":
                    signed = true;
                    break;
                case "--deck":
                    deck = true;
                    break;
                case "--method":
                    methods = args[++k];
                    break;
                case "--reps":
                    repetitions = int.Parse(args[++k], CultureInfo.InvariantCulture);
                    break;
                default:
                    sizes.Add(int.Parse(args[k], CultureInfo.InvariantCulture));
                    break;
            }
        }

        OrderingMethod[] chosen = methods switch
        {
            "auto" => [OrderingMethod.Automatic],
            "md" => [OrderingMethod.MinimumDegree],
            "nd" => [OrderingMethod.NestedDissection],
            _ => [OrderingMethod.Automatic, OrderingMethod.MinimumDegree, OrderingMethod.NestedDissection],
        };
        foreach (int n in sizes)
        {
            Netlist netlist = signed ? BuildSignedInv1T1R(n, 1) : BuildInv1T1R(n, 1, CircuitAnalysis.OperatingPoint).Netlist;
            ReportOrderings($"N={n} element", netlist, chosen, repetitions);
            if (deck)
            {
                Netlist read = NetlistReader.ReadText(NetlistWriter.Write(netlist), "deck.cir");
                ReportOrderings($"N={n} deck   ", read, chosen, repetitions);
            }
        }
    }

    /// <summary>The circuit of <c>crossbar inv --size N --cell 1t1r</c>: signed diagonally dominant matrix, default options.</summary>
    private static Netlist BuildSignedInv1T1R(int n, int seed)
    {
        double[,] a = MatrixGenerators.DiagonallyDominant(n, seed);
        var rng = new Random(seed + 1);
        double[] b = Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble()) - 1).ToArray();
        return InvCircuitBuilder.Build(a, b, new CrossbarBuildOptions { Seed = seed }, CircuitAnalysis.OperatingPoint).Netlist;
    }

    private static void ReportOrderings(string label, Netlist netlist, OrderingMethod[] methods, int repetitions)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        List<CircuitElement> elements = CircuitCompiler.CreateElements(netlist);
        var circuit = new Circuit.Engine.Circuit(elements, SimulationOptions.FromNetlist(netlist));
        var csc = new CompressedColumns(circuit.Pattern);
        for (int rep = 0; rep < repetitions; rep++)
        {
            foreach (OrderingMethod method in methods)
            {
                TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                _ = FillReducingOrdering.Order(circuit.Size, csc.ColumnStart, csc.RowIndex, method, out int[] counts);
                double time = clock.Elapsed.TotalSeconds;
                double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                int tail = DenseTailModel.Choose(counts, out double cost);
                long below = counts.Sum(x => (long)x);
                long fill = circuit.Size + (2 * below);
                Console.WriteLine(string.Create(c, $"{label} n={circuit.Size} nnz(A)={csc.RowIndex.Length} {method,-16} time {time:F3} s (cpu {cpu:F3} s) nnz(L) {below} predicted L+U {fill} cost {cost:E3} tail {circuit.Size - tail}"));
            }
        }
    }

    private static void Report(string label, SparsePattern pattern, double[] values, PivotOptions? pivoting = null, OrderingMethod ordering = OrderingMethod.Automatic)
    {
        var solver = new SparseLuSolver(pattern, pivoting, ordering);
        var clock = Stopwatch.StartNew();
        solver.Factor(values);
        double first = clock.Elapsed.TotalSeconds;
        long fill = solver.Statistics.FactorNonzeros;
        clock.Restart();
        solver.RequestRepivot();
        solver.Factor(values);
        double full = clock.Elapsed.TotalSeconds;
        clock.Restart();
        solver.Factor(values);
        double refactor = clock.Elapsed.TotalSeconds;
        var b = new double[pattern.Size];
        b.AsSpan().Fill(1e-6);
        clock.Restart();
        solver.Solve(b);
        double solve = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}nnz(L+U) {fill} (after repivot {solver.Statistics.FactorNonzeros}), dense tail {solver.DenseTailSize}, ordering {solver.Statistics.OrderingTime.Elapsed.TotalSeconds:F3} s, first factor {first:F3} s, full factor {full:F3} s, refactor {refactor:F3} s, solve {solve:F4} s"));
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
