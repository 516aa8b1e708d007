using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Tests.Algebra;

namespace Crossbar.Benchmarks;

/// <summary>`quick [mesh|dense] N...`: one-shot times and fill without BenchmarkDotNet.</summary>
public static class SparseLuQuickReport
{
    public static void Run(string[] args)
    {
        string shape = args.Length > 0 ? args[0] : "mesh";
        int[] sizes = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [64, 128, 256];
        foreach (int n in sizes)
        {
            StampedMatrix m = shape == "dense" ? TestMatrices.InvDense(n, 1) : TestMatrices.CrossbarMesh(n, 1);
            Report($"{shape} N={n}", m);
        }
    }

    private static void Report(string name, StampedMatrix m)
    {
        var solver = new SparseLuSolver(m.Pattern);
        var clock = Stopwatch.StartNew();
        solver.Factor(m.Values);
        double first = clock.Elapsed.TotalSeconds;
        double ordering = solver.Statistics.OrderingTime.Elapsed.TotalSeconds;

        double full = double.MaxValue;
        double refactor = double.MaxValue;
        double solve = double.MaxValue;
        double[] b = new double[m.Size];
        double[] x = new double[m.Size];
        var rng = new Random(1);
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = rng.NextDouble();
        }

        for (int rep = 0; rep < 3; rep++)
        {
            clock.Restart();
            solver.RequestRepivot();
            solver.Factor(m.Values);
            full = Math.Min(full, clock.Elapsed.TotalSeconds);
            clock.Restart();
            solver.Factor(m.Values);
            refactor = Math.Min(refactor, clock.Elapsed.TotalSeconds);
            b.CopyTo(x, 0);
            clock.Restart();
            solver.Solve(x);
            solve = Math.Min(solve, clock.Elapsed.TotalSeconds);
        }

        double[] ax = StampedMatrix.Multiply(m.Pattern, m.Values, x);
        double residual = 0;
        for (int i = 0; i < b.Length; i++)
        {
            residual = Math.Max(residual, Math.Abs(ax[i] - b[i]));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: n={m.Size} nnz(A)={m.Pattern.Count} nnz(L+U)={solver.Statistics.FactorNonzeros} dense tail={solver.DenseTailSize} ordering={ordering:F3}s first factor={first:F3}s full factor={full:F3}s refactor={refactor:F3}s solve={solve:F4}s max residual={residual:E2}"));
    }
}
