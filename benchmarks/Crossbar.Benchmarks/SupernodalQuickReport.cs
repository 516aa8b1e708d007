using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Algebra;

namespace Crossbar.Benchmarks;

/// <summary>
/// <c>quick supernodal [mesh|dense|inv1t1r|op] [--old] [--nd|--md] [--threads T] N...</c>: ordering, first factor,
/// refactor and solve times, nnz(L + U) and GFlop/s of the supernodal solver (and, with --old,
/// of <see cref="SparseLuSolver"/>) on <see cref="TestMatrices.CrossbarMesh"/>, <see cref="TestMatrices.InvDense"/> or the MNA matrix
/// of the INV 1T1R circuit of <see cref="CrossbarCircuitReport.BuildInv1T1R"/>; <c>op</c> runs
/// the whole operating point through the engine with each solver forced.
/// </summary>
public static class SupernodalQuickReport
{
    public static void Run(string[] args)
    {
        string shape = args.Length > 0 ? args[0] : "mesh";
        bool old = args.Contains("--old");
        int threads = Environment.ProcessorCount;
        OrderingMethod ordering = OrderingMethod.Automatic;
        var sizes = new List<int>();
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--threads")
            {
                threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--nd")
            {
                ordering = OrderingMethod.NestedDissection;
            }
            else if (args[i] == "--md")
            {
                ordering = OrderingMethod.MinimumDegree;
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
            }
        }

        // Warm-up (JIT of both solvers and of both orderings), not reported.
        StampedMatrix warm = TestMatrices.CrossbarMesh(48, 1);
        ReportSolver("warm-up", new SupernodalLuSolver(warm.Pattern, null, OrderingMethod.Automatic, threads), warm.Pattern, warm.Values, quiet: true);
        ReportSolver("warm-up", new SparseLuSolver(warm.Pattern), warm.Pattern, warm.Values, quiet: true);
        if (shape == "op")
        {
            RunOperatingPoint(16, old, quiet: true);
        }

        foreach (int n in sizes)
        {
            if (shape == "op")
            {
                RunOperatingPoint(n, old);
                continue;
            }

            SparsePattern pattern;
            double[] values;
            if (shape == "inv1t1r")
            {
                (pattern, values) = InvMatrix(n);
            }
            else
            {
                StampedMatrix m = shape == "dense" ? TestMatrices.InvDense(n, 1) : TestMatrices.CrossbarMesh(n, 1);
                pattern = m.Pattern;
                values = m.Values;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{shape} N={n}: n={pattern.Size} nnz(A)={pattern.Count}"));
            if (old)
            {
                ReportSolver("  sparse LU ", new SparseLuSolver(pattern), pattern, values);
            }

            ReportSolver("  supernodal", new SupernodalLuSolver(pattern, null, ordering, threads), pattern, values);
        }
    }

    /// <summary>The INV 1T1R circuit's MNA matrix loaded at its initial guess (word line and bulk set).</summary>
    private static (SparsePattern Pattern, double[] Values) InvMatrix(int n)
    {
        InvCircuit inv = CrossbarCircuitReport.BuildInv1T1R(n, 1, CircuitAnalysis.OperatingPoint);
        List<CircuitElement> elements = CircuitCompiler.CreateElements(inv.Netlist);
        var circuit = new Circuit.Engine.Circuit(elements, SimulationOptions.FromNetlist(inv.Netlist));
        LoadContext load = circuit.Load;
        foreach (string node in new[] { "xp_wl", "xp_bulk" })
        {
            if (circuit.Unknowns.FindNode(node) is int k)
            {
                load.Solution[k] = node.EndsWith("wl", StringComparison.Ordinal) ? 3.3 : -3.3;
            }
        }

        foreach (CircuitElement e in elements)
        {
            e.Load(load);
        }

        double[] values = (double[])load.Matrix.Clone();
        values[0] = 0;
        return (circuit.Pattern, values);
    }

    private static void RunOperatingPoint(int n, bool old, bool quiet = false)
    {
        foreach (LinearSolverKind kind in old ? new[] { LinearSolverKind.Supernodal, LinearSolverKind.Sparse } : new[] { LinearSolverKind.Supernodal })
        {
            InvCircuit circuit = CrossbarCircuitReport.BuildInv1T1R(n, 1, CircuitAnalysis.OperatingPoint);
            LinearSolverFactory.Forced = kind;
            var clock = Stopwatch.StartNew();
            SimulationResults results = CircuitSimulator.Run(circuit.Netlist);
            double time = clock.Elapsed.TotalSeconds;
            LinearSolverFactory.Forced = LinearSolverKind.Automatic;
            SimulationStatistics s = results.Statistics;
            if (quiet)
            {
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"op N={n} {kind}: unknowns {s.Unknowns} newton {s.NewtonIterations} factorisations {s.Solver?.Factorizations}+{s.Solver?.Refactorizations} solves {s.Solver?.Solves} L+U {s.Solver?.FactorNonzeros} ordering {s.Solver?.OrderingTime.Elapsed.TotalSeconds:F3}s factor {s.Solver?.FactorTime.Elapsed.TotalSeconds:F3}s solve {s.Solver?.SolveTime.Elapsed.TotalSeconds:F3}s op {s.OperatingPointTime.Elapsed.TotalSeconds:F3}s total {time:F3}s peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB fallback {s.Solver?.FallbackReason ?? "none"} refinement steps {s.Solver?.RefinementSteps} weak pivots {s.Solver?.WeakPivots}"));
        }
    }

    private static void ReportSolver(string label, ILinearSolver solver, SparsePattern pattern, double[] values, bool quiet = false)
    {
        var clock = Stopwatch.StartNew();
        solver.Factor(values);
        double first = clock.Elapsed.TotalSeconds;
        double ordering = solver.Statistics.OrderingTime.Elapsed.TotalSeconds;
        double firstNumeric = solver.Statistics.FactorTime.Elapsed.TotalSeconds;
        double refactor = double.MaxValue;
        double solve = double.MaxValue;
        double solveMax = 0;
        double[] b = new double[pattern.Size];
        double[] x = new double[pattern.Size];
        var rng = new Random(1);
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = rng.NextDouble();
        }

        for (int rep = 0; rep < 3; rep++)
        {
            clock.Restart();
            solver.Factor(values);
            refactor = Math.Min(refactor, clock.Elapsed.TotalSeconds);
            b.CopyTo(x, 0);
            clock.Restart();
            solver.Solve(x);
            solve = Math.Min(solve, clock.Elapsed.TotalSeconds);
            solveMax = Math.Max(solveMax, clock.Elapsed.TotalSeconds);
        }

        double omega = BackwardError(pattern, values, x, b);
        if (quiet)
        {
            return;
        }

        SolverStatistics s = solver.Statistics;
        double flops = s.FactorFlops;
        string extra = solver is SupernodalLuSolver sn
            ? string.Create(CultureInfo.InvariantCulture, $" flops={flops:E3} GFlop/s={flops / refactor / 1e9:F2} weak pivots={s.WeakPivots} refinement steps={s.RefinementSteps} fallback={sn.UsesFallback} supernodes={sn.Analysis?.Count} max front={sn.Analysis?.MaxFront}")
            : string.Empty;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: ordering={ordering:F3}s first factor={firstNumeric:F3}s (call {first:F3}s) refactor={refactor:F3}s solve={solve:F4}s (slowest {solveMax:F4}s) nnz(L+U)={s.FactorNonzeros} root front={s.DenseTailSize} backward error={omega:E2}{extra}"));
    }

    private static double BackwardError(SparsePattern pattern, double[] values, double[] x, double[] b) => StampedMatrix.BackwardError(pattern, values, x, b);
}
