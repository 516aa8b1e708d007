using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Tests.Amc;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// The circuit of one analogue operation of an HP-INV run (captured by <see cref="OperationLog"/>, as
/// <c>crossbar export hpinv --op k</c> writes it) with 1T1R cells, sinh RRAM, 1.73 Ω wires and single-pole op-amps:
/// ngspice's operating point of the exported deck agrees with CrossbarSim's within 1e-6 relative, and the answers the
/// run uses (from the circuit compiled once and re-solved) equal fresh simulations of each operation's circuit.
/// </summary>
[TestFixture]
public class HpInvOperationCrossCheckTests
{
    private static (HpInvOptions Options, OperationLog Log) Run(int target)
    {
        var hardware = new CrossbarBuildOptions { Rram = new SinhRramModel(0.25, 0.2) };
        var lp = new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 };
        var log = new OperationLog(target);
        var inv = new CircuitAnalogBackend(Fidelity.OperatingPoint, lp, hardware) { Log = log };
        var mvm = new CircuitAnalogBackend(Fidelity.OperatingPoint, lp with { ProgrammingSigma = 0.005 }, hardware) { Log = log };
        return (new HpInvOptions { Backend = inv, MvmBackend = mvm, MaxIterations = 2, Seed = 4 }, log);
    }

    [TestCase(0, OperationKind.Inv)]
    [TestCase(7, OperationKind.Mvm)]
    public void When_HpInvOperationIsExported_Expect_NgspiceOperatingPointWithin1e6(int target, OperationKind kind)
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate(TimeSpan.FromSeconds(120));
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        var (options, log) = Run(target);
        HpInvSolver.Solve(MatrixGenerators.DiagonallyDominant(8, seed: 2), AmcTestData.Rhs(8, 2), options);
        Netlist netlist = log.Captured ?? throw new AssertionException("no operation captured");
        Assert.That(log.CapturedOperation!.Value.Kind, Is.EqualTo(kind));
        string deck = NetlistWriter.Write(netlist);
        Assert.That(deck, Does.Contain("sinh(").And.Contain(" nacc "), "1T1R cells with sinh RRAM in the exported deck");

        string forNgspice = kind == OperationKind.Inv ? CrossbarExportCrossCheckTests.WithOptions(deck, ".options noopiter") : deck;
        NgspiceResult ngspice = runner!.Run(NgspiceRunner.WithTightTolerances(forNgspice), $"hpinv_op{target}.cir");
        SimulationResults ours = CircuitSimulator.Run(netlist);
        ComparisonReport report = WaveformComparer.Compare($"hpinv op {target}", ngspice.Plots, ours.Tables);
        TestContext.Out.WriteLine(report.ToString());
        Assert.That(report.Mismatches, Is.Empty, report.ToString());
        Assert.That(report.VectorsCompared, Is.GreaterThanOrEqualTo(8), report.ToString());
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(true, true)]
    public void When_ArrayCircuitIsCompiledOnceAndReSolved_Expect_FreshSimulationOfEachOperation(bool sinh, bool readNoise)
    {
        var hardware = new CrossbarBuildOptions { Rram = sinh ? new SinhRramModel(0.25, 0.2) : LinearRramModel.Instance };
        var options = new AnalogBackendOptions { ReadNoiseSigma = readNoise ? 0.01 : 0, DacBits = 0, AdcBits = 0 };
        double[,] a = MatrixGenerators.DiagonallyDominant(8, seed: 9);
        IProgrammedArray reused = new CircuitAnalogBackend(Fidelity.OperatingPoint, options, hardware).Program(a, 3, 5);
        IProgrammedArray fresh = new CircuitAnalogBackend(Fidelity.OperatingPoint, options, hardware) { ReuseCircuits = false }.Program(a, 3, 5);
        var rng = new Random(3);
        for (int op = 0; op < 8; op++)
        {
            double[] x = Enumerable.Range(0, 8).Select(_ => (2 * rng.NextDouble()) - 1).ToArray();
            double[] r = op % 3 == 2 ? reused.Solve(x).Values : reused.Multiply(x).Values;
            double[] f = op % 3 == 2 ? fresh.Solve(x).Values : fresh.Multiply(x).Values;
            double scale = f.Max(Math.Abs);
            for (int i = 0; i < r.Length; i++)
            {
                // Newton stops at SPICE tolerances (reltol 1e-3 on the update, KCL residual); a fresh operating point is
                // polished further, so the two agree to well below the update tolerance, not to rounding.
                Assert.That(r[i], Is.EqualTo(f[i]).Within(2e-5 * scale), $"operation {op}, output {i}: compiled once and re-solved vs built afresh");
            }
        }
    }
}
