using BenchmarkDotNet.Attributes;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Benchmarks;

/// <summary>
/// INV operating point of a 1T1R crossbar with 1.73 Ω wires, single-pole op-amps and 3-bit
/// levels (3N² + 3N unknowns), in process and in steady state: the circuit as the builder makes
/// it (one array element; the same circuit as <c>inv1t1r N</c> in the quick report), and the
/// exported deck (each cell an R and a level-1 M, <c>.options noopiter</c>: the deck ngspice runs
/// in <c>inv_1t1r_benchmark.sh</c>) read from its text and solved. Against ngspice's whole run the
/// second leaves out only process start (about 7 ms for either program) and writing the CSV.
/// Run with <c>dotnet run -c Release --project benchmarks/Crossbar.Benchmarks -- --filter *InvOperatingPoint* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class InvOperatingPointBenchmarks
{
    private Netlist _netlist = null!;
    private string _deck = string.Empty;

    [Params(32, 64)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _netlist = CrossbarCircuitReport.BuildInv1T1R(N, seed: 1, CircuitAnalysis.OperatingPoint).Netlist;
        _deck = CrossbarCircuitReport.WithOptions(NetlistWriter.Write(_netlist), ".options noopiter");
    }

    [Benchmark]
    public double OperatingPoint() => FirstOutput(CircuitSimulator.Run(_netlist));

    [Benchmark]
    public double ExportedDeck() => FirstOutput(CircuitSimulator.Run(NetlistReader.ReadText(_deck, "inv1t1r.cir")));

    private static double FirstOutput(SimulationResults results) => results.Find("op")!.Rows[0][0];
}
