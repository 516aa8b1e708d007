using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Amc;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// The circuit of one analogue operation of an HP-INV run (captured by <see cref="OperationLog"/>, as
/// <c>crossbar export hpinv --op k</c> writes it) with 1T1R cells, sinh RRAM, 1.73 Ω wires and single-pole op-amps:
/// ngspice's operating point of the exported deck agrees with CrossbarSim's within 1e-6 relative.
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
        return (new HpInvOptions { Backend = inv, MvmBackend = mvm, MaxIterations = 2, Seed = 4, Mvm = new HpMvmOptions { Parallelism = 1 } }, log);
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
}
