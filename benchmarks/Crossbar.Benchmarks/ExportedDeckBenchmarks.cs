using BenchmarkDotNet.Attributes;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Benchmarks;

/// <summary>
/// Issue 3's comparison, in process: the exported 1T1R INV deck (1.73 Ω wires, single-pole
/// op-amps, 3-bit levels, <c>.options noopiter</c>; the deck ngspice runs in
/// <c>inv_1t1r_benchmark.sh</c>) read from its text and solved at the operating point, in steady
/// state. Against ngspice's whole run this leaves out only process start (about 7 ms for either
/// program) and writing the CSV. Run with
/// <c>dotnet run -c Release --project benchmarks/Crossbar.Benchmarks -- --filter *ExportedDeck* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ExportedDeckBenchmarks
{
    private string _deck = string.Empty;

    [Params(32, 64)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        InvCircuit circuit = CrossbarCircuitReport.BuildInv1T1R(N, seed: 1, CircuitAnalysis.OperatingPoint);
        _deck = CrossbarCircuitReport.WithOptions(NetlistWriter.Write(circuit.Netlist), ".options noopiter");
    }

    [Benchmark]
    public double ReadAndSolve()
    {
        Netlist netlist = NetlistReader.ReadText(_deck, "inv1t1r.cir");
        SimulationResults results = CircuitSimulator.Run(netlist);
        return results.Find("op")!.Rows[0][0];
    }
}
