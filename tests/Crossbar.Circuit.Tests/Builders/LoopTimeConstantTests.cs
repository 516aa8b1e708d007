using System.Numerics;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Transistors;
using Crossbar.Devices.Wires;

namespace Crossbar.Circuit.Tests.Builders;

public class LoopTimeConstantTests
{
    private const double Gbw = 16e6;
    private const double A0 = 1e5;

    [Test]
    public void When_UnityGainInverterAlone_Expect_PoleAtHalfTheGainBandwidth()
    {
        // Input grounded: n = w/2, ẇ = −ω_t·w/2 − (ω_t/A0)·w.
        var loop = new OpAmpLoopModel();
        loop.AddResistance("0", "n", 100e3);
        loop.AddResistance("n", "w", 100e3);
        loop.AddOpAmp("w", "0", "n");
        Complex[] poles = loop.Poles(OpAmpModel.WithSinglePole(A0, Gbw));
        Assert.That(poles, Has.Length.EqualTo(1));
        Assert.That(poles[0].Real, Is.EqualTo(-2 * Math.PI * Gbw * (0.5 + (1 / A0))).Within(1e-9).Percent);
        Assert.That(poles[0].Imaginary, Is.EqualTo(0).Within(1e-6));
    }

    [Test]
    public void When_SecondPole_Expect_TwoStatesPerOpAmp()
    {
        // Follower of a two-pole op-amp: characteristic s² + ω₂·s + ω₂·(ω_t + ω_t/A0)·... checked
        // against the product of its poles, det A = ω₂·ω_t·(1 + 1/A0).
        var loop = new OpAmpLoopModel();
        loop.AddOpAmp("out", "0", "out");
        OpAmpModel model = OpAmpModel.WithSinglePole(A0, Gbw, 50e6);
        Complex[] poles = loop.Poles(model);
        double omegaT = 2 * Math.PI * Gbw;
        double omega2 = 2 * Math.PI * 50e6;
        Assert.That(poles, Has.Length.EqualTo(2));
        Assert.That((poles[0] * poles[1]).Real, Is.EqualTo(omega2 * omegaT * (1 + (1 / A0))).Within(1e-9).Percent);
        Assert.That((poles[0] + poles[1]).Real, Is.EqualTo(-omega2 - (omegaT / A0)).Within(1e-9).Percent);
    }

    [Test]
    public void When_PositiveMatrixWithoutParasitics_Expect_PolesTwoPiGbwTimesMuPlusOneOverA0()
    {
        const int n = 6;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 5, false);
        CrossbarBuildOptions options = InvCircuitTests.IdealOptions with { OpAmp = OpAmpModel.WithSinglePole(A0, Gbw) };
        InvCircuit circuit = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(n, 6), options, CircuitAnalysis.OperatingPoint);
        InvStability s = circuit.Stability;
        double[] expected = [.. s.Eigenvalues.Select(mu => -2 * Math.PI * Gbw * (mu.Real + (1 / A0))).Order()];
        double[] actual = [.. s.LoopPoles.Select(p => p.Real).Order()];
        for (int k = 0; k < n; k++)
        {
            Tolerance.AssertClose(actual[k], expected[k], 1e-9, 0, $"pole {k}");
        }

        Assert.That(s.TimeConstant, Is.EqualTo(1 / (2 * Math.PI * Gbw * (s.MinimumEigenvalue.Real + (1 / A0)))).Within(1e-9).Percent);
    }

    [Test]
    public void When_SignedMatrix_Expect_InverterPoleSlowsTheLoop()
    {
        const int n = 8;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 7, true);
        CrossbarBuildOptions options = InvCircuitTests.IdealOptions with { OpAmp = OpAmpModel.WithSinglePole(A0, Gbw) };
        InvStability s = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(n, 8), options, CircuitAnalysis.OperatingPoint).Stability;
        double idealInverters = 1 / (2 * Math.PI * Gbw * (s.MinimumEigenvalue.Real + (1 / A0)));
        Assert.That(s.LoopPoles, Has.Length.EqualTo(2 * n), "one state per main op-amp and per inverter");
        Assert.That(s.TimeConstant, Is.GreaterThan(1.2 * idealInverters));
    }

    [Test]
    public void When_1T1R_Expect_CellsInSeriesWithTheTransistorOnResistance()
    {
        CrossbarBuildOptions options = new() { Cell = CrossbarCellKind.Transistor };
        double ron = new Mosfet1Model(options.AccessTransistor).OnResistance(options.GateVoltage, options.BulkVoltage);
        Assert.That(ron, Is.InRange(150.0, 250.0));
        Assert.That(CrossbarNetlist.SmallSignalConductance(35e-6, options), Is.EqualTo(1 / ((1 / 35e-6) + ron)).Within(1e-12).Percent);
        Assert.That(CrossbarNetlist.SmallSignalConductance(35e-6, options with { Cell = CrossbarCellKind.Resistor }), Is.EqualTo(35e-6));
    }

    [Test]
    public void When_MatrixStableButInverterPolesOscillate_Expect_RefusedNamingTheLoopPole()
    {
        // A = [[1, −k], [k, 1]]: μ = (1 ± ik)/(1 + k) has positive real part, but the inverter in the
        // path of the −k entry adds phase around a loop gain of order k.
        const double k = 30;
        double[,] a = { { 1, -k }, { k, 1 } };
        CrossbarBuildOptions options = InvCircuitTests.IdealOptions with { OpAmp = OpAmpModel.WithSinglePole(A0, Gbw) };
        var ex = Assert.Throws<InvUnstableException>(() => InvCircuitBuilder.Build(a, [1, 0], options, CircuitAnalysis.OperatingPoint));
        Assert.That(ex!.Stability.MinimumEigenvalue.Real, Is.EqualTo(1 / (1 + k)).Within(10).Percent, "about 1/(1 + k): unused cells sit at Gmin, not 0");
        Assert.That(ex.Stability.IsEigenvalueStable, Is.True);
        Assert.That(ex.Stability.DominantPole.Real, Is.GreaterThan(0));
        Assert.That(ex.Message, Does.StartWith("INV circuit unstable: loop pole").And.Contain("rad/s has positive real part"));
    }

    private static CrossbarBuildOptions Realistic(CrossbarCellKind cell) => new() { Cell = cell };

    [TestCase(8, false, CrossbarCellKind.Resistor)]
    [TestCase(8, false, CrossbarCellKind.Transistor)]
    [TestCase(8, true, CrossbarCellKind.Resistor)]
    [TestCase(8, true, CrossbarCellKind.Transistor)]
    [TestCase(16, false, CrossbarCellKind.Resistor)]
    [TestCase(16, true, CrossbarCellKind.Resistor)]
    [TestCase(16, false, CrossbarCellKind.Transistor)]
    [TestCase(16, true, CrossbarCellKind.Transistor)]
    public void When_TransientOfRealisticArray_Expect_FittedTailWithinTenPercentOfLoopTimeConstant(int n, bool signed, CrossbarCellKind cell)
    {
        // Default build: 3-bit cells, 1.73 Ω wires, A0 = 1e5, GBWP = 16 MHz, stop = 20τ.
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 40 + n, signed);
        InvCircuit circuit = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(n, 41 + n), Realistic(cell), CircuitAnalysis.Transient);
        ResultTable tran = CircuitSimulator.Run(circuit.Netlist).Find("tran")!;
        double fitted = TimeConstantFit.Of(tran.Column("time"), [.. circuit.OutputColumns.Select(tran.Column)]);
        double theory = circuit.Stability.TimeConstant;
        Assert.That(circuit.StopTime, Is.EqualTo(InvCircuitBuilder.DefaultStopTimeConstants * theory).Within(1e-9).Percent);
        Assert.That(fitted, Is.EqualTo(theory).Within(10).Percent, $"τ_fit {fitted:G4} s vs τ_theory {theory:G4} s");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void When_GinvTransient_Expect_FittedTailWithinTenPercentOfLoopTimeConstant(bool signed)
    {
        // 8×4: TIAs, amplifiers and (signed) inverters on both copies all in the loop model.
        double[,] square = InvCircuitTests.DiagonallyDominant(8, 60, signed);
        var x = new double[8, 4];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = square[i, j];
            }
        }

        InvCircuit circuit = GinvCircuitBuilder.Build(x, InvCircuitTests.Rhs(8, 61), Realistic(CrossbarCellKind.Transistor), CircuitAnalysis.Transient);
        ResultTable tran = CircuitSimulator.Run(circuit.Netlist).Find("tran")!;
        double fitted = TimeConstantFit.Of(tran.Column("time"), [.. circuit.OutputColumns.Select(tran.Column)]);
        double theory = circuit.Stability.TimeConstant;
        Assert.That(circuit.Stability.LoopPoles, Has.Length.EqualTo(signed ? 24 : 12), "8 TIAs + 4 amplifiers (+ 4 + 8 inverters)");
        Assert.That(fitted, Is.EqualTo(theory).Within(10).Percent, $"τ_fit {fitted:G4} s vs τ_theory {theory:G4} s");
    }

    [TestCase(CrossbarCellKind.Resistor)]
    [TestCase(CrossbarCellKind.Transistor)]
    public void When_SinhCells_Expect_FittedTailWithinTenPercentOfLoopTimeConstant(CrossbarCellKind cell)
    {
        const int n = 8;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 70, true);
        CrossbarBuildOptions options = Realistic(cell) with { Rram = new Devices.Rram.SinhRramModel() };
        InvCircuit circuit = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(n, 71), options, CircuitAnalysis.Transient);
        ResultTable tran = CircuitSimulator.Run(circuit.Netlist).Find("tran")!;
        double fitted = TimeConstantFit.Of(tran.Column("time"), [.. circuit.OutputColumns.Select(tran.Column)]);
        double theory = circuit.Stability.TimeConstant;
        Assert.That(fitted, Is.EqualTo(theory).Within(10).Percent, $"τ_fit {fitted:G4} s vs τ_theory {theory:G4} s");
    }
}
