using BenchmarkDotNet.Attributes;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Tests.Algebra;

namespace Crossbar.Benchmarks;

/// <summary>Sparse LU on the 1T1R crossbar mesh with wire resistance (3N² + N unknowns).</summary>
[MemoryDiagnoser]
public class SparseLuBenchmarks
{
    private StampedMatrix _matrix = null!;
    private SparseLuSolver _solver = null!;
    private double[] _rhs = [];

    [Params(64, 128, 256)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _matrix = TestMatrices.CrossbarMesh(N, 1);
        _solver = new SparseLuSolver(_matrix.Pattern);
        _solver.Factor(_matrix.Values);
        _rhs = new double[_matrix.Size];
    }

    [Benchmark]
    public void FullFactor()
    {
        _solver.RequestRepivot();
        _solver.Factor(_matrix.Values);
    }

    [Benchmark]
    public void Refactor() => _solver.Factor(_matrix.Values);

    [Benchmark]
    public void Solve()
    {
        _rhs.AsSpan().Fill(1e-6);
        _solver.Solve(_rhs);
    }
}

/// <summary>Sparse LU on the ideal-wire INV circuit, whose crossbar is one dense block.</summary>
[MemoryDiagnoser]
public class DenseInvBenchmarks
{
    private StampedMatrix _matrix = null!;
    private SparseLuSolver _solver = null!;

    [Params(256)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _matrix = TestMatrices.InvDense(N, 1);
        _solver = new SparseLuSolver(_matrix.Pattern);
        _solver.Factor(_matrix.Values);
    }

    [Benchmark]
    public void FullFactor()
    {
        _solver.RequestRepivot();
        _solver.Factor(_matrix.Values);
    }

    [Benchmark]
    public void Refactor() => _solver.Factor(_matrix.Values);
}
