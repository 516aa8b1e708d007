using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Tests.Amc;

/// <summary>
/// The circuit backend compiles each array's circuits once and re-solves them (chord Newton from a superposition
/// predictor; transients of linear circuits superposed from unit-input transients on a fixed grid): every operation
/// must equal a circuit built and simulated afresh for it.
/// </summary>
public class CircuitReuseTests
{
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

    [TestCase(false, 1e-9)]
    [TestCase(true, 2e-5)]
    public void When_TransientOperationsReuseOneCircuit_Expect_FreshTransientOfEachOperation(bool transistor, double tolerance)
    {
        var hardware = new CrossbarBuildOptions { Cell = transistor ? Crossbar.Circuit.Netlists.CrossbarCellKind.Transistor : Crossbar.Circuit.Netlists.CrossbarCellKind.Resistor };
        var options = new AnalogBackendOptions { DacBits = 0, AdcBits = 0 };
        double[,] a = MatrixGenerators.DiagonallyDominant(4, seed: 2);
        IProgrammedArray reused = new CircuitAnalogBackend(Fidelity.Transient, options, hardware).Program(a, 3, 7);
        IProgrammedArray fresh = new CircuitAnalogBackend(Fidelity.Transient, options, hardware) { ReuseCircuits = false }.Program(a, 3, 7);
        var rng = new Random(5);
        for (int op = 0; op < 5; op++)
        {
            double[] x = Enumerable.Range(0, 4).Select(_ => (double)rng.Next(-1, 2)).ToArray();
            x[op % 4] = 1;
            AnalogResult r = op == 4 ? reused.Solve(x) : reused.Multiply(x);
            AnalogResult f = op == 4 ? fresh.Solve(x) : fresh.Multiply(x);
            double scale = f.Values.Max(Math.Abs);
            for (int i = 0; i < r.Values.Length; i++)
            {
                Assert.That(r.Values[i], Is.EqualTo(f.Values[i]).Within(tolerance * scale), $"operation {op}, output {i}");
            }

            Assert.That(r.SettleTime, Is.EqualTo(f.SettleTime).Within(0.02 * f.SettleTime), $"operation {op}: settling time");
            Assert.That(r.SettleTime, Is.GreaterThan(10e-9).And.LessThan(1e-6), "a 16 MHz loop settles in tens of ns");
        }
    }
}
