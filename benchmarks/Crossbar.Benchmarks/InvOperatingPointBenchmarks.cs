using BenchmarkDotNet.Attributes;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Benchmarks;

/// <summary>
/// INV operating point of a 1T1R crossbar with 1.73 Ω wires, single-pole op-amps and 3-bit
/// levels (3N² + 3N unknowns), end to end through <see cref="CircuitSimulator.Run"/>: compile,
/// ordering, Newton with the level-1 access transistors. The same circuit as
/// <c>inv1t1r N</c> in the quick report. Run with
/// <c>dotnet run -c Release --project benchmarks/Crossbar.Benchmarks -- --filter *InvOperatingPoint*</c>.
/// </summary>
[MemoryDiagnoser]
public class InvOperatingPointBenchmarks
{
    private Netlist _netlist = null!;

    [Params(64)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _netlist = CrossbarCircuitReport.BuildInv1T1R(N, seed: 1, CircuitAnalysis.OperatingPoint).Netlist;

    [Benchmark]
    public double OperatingPoint()
    {
        SimulationResults results = CircuitSimulator.Run(_netlist);
        ResultTable op = results.Find("op")!;
        return op.Rows[0][0];
    }
}
