using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Wires;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Builders;

public class CircuitPhysicsTests
{
    private static double[] Solve(double[,] a, double[] b)
        => Matrix<double>.Build.DenseOfArray(a).Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();

    [TestCase(6, false)]
    [TestCase(8, true)]
    public void When_IdealMvm_Expect_MatrixTimesVector(int n, bool signed)
    {
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 3, signed);
        double[] x = InvCircuitTests.Rhs(n, 4);
        MvmCircuit circuit = MvmCircuitBuilder.Build(a, x, InvCircuitTests.IdealOptions, CircuitAnalysis.OperatingPoint);
        double[] y = circuit.ReadResult(CircuitSimulator.Run(circuit.Netlist).Find("op")!);
        double[] expected = Matrix<double>.Build.DenseOfArray(a).Multiply(Vector<double>.Build.DenseOfArray(x)).ToArray();
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            Tolerance.AssertClose(y[i], expected[i], 1e-9, 1e-9 * scale, $"y[{i}]");
        }
    }

    [TestCase(1e2)]
    [TestCase(1e3)]
    [TestCase(1e4)]
    public void When_FiniteGain_Expect_StaticErrorOfGPlusDOverA0(double a0)
    {
        const int n = 6;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 11, false);
        double[] b = InvCircuitTests.Rhs(n, 12);
        CrossbarBuildOptions options = InvCircuitTests.IdealOptions with { OpAmp = OpAmpModel.WithFiniteGain(a0) };
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, options, CircuitAnalysis.OperatingPoint);
        double[] x = circuit.ReadSolution(CircuitSimulator.Run(circuit.Netlist).Find("op")!);

        // V∞ = −(G + D/A0)⁻¹·I with D the row totals, in matrix units: x = (A + D/(G0·A0))⁻¹ b.
        double[,] g = circuit.Mapping.Realized;
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double d = 0;
            for (int j = 0; j < n; j++)
            {
                d += circuit.Mapping.Positive[i, j];
                m[i, j] = g[i, j];
            }

            m[i, i] += d / circuit.Mapping.Unit / a0;
        }

        double[] expected = Solve(m, b);
        double[] exact = Solve(g, b);
        for (int i = 0; i < n; i++)
        {
            Tolerance.AssertClose(x[i], expected[i], 1e-9, 1e-12, $"x[{i}] with A0 = {a0}");
        }

        Assert.That(Math.Abs(x[0] - exact[0]), Is.GreaterThan(1e-7 * Math.Abs(exact[0])), "the finite-gain error must be visible");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void When_SinglePoleOpAmps_Expect_TimeConstantOneOverTwoPiGbwMuMinPlusOneOverA0(int seed)
    {
        const int n = 6;
        const double gbw = 16e6;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 20 + seed, false);
        double[] b = InvCircuitTests.Rhs(n, 30 + seed);
        CrossbarBuildOptions options = InvCircuitTests.IdealOptions with { OpAmp = OpAmpModel.WithSinglePole(1e6, gbw) };
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, options, CircuitAnalysis.Transient);
        ResultTable tran = CircuitSimulator.Run(circuit.Netlist).Find("tran")!;
        double tau = circuit.Stability.TimeConstant;
        Assert.That(tau, Is.EqualTo(1 / (2 * Math.PI * gbw * (circuit.Stability.MinimumEigenvalue.Real + 1e-6))).Within(1e-9).Percent, "poles −2π·GBWP·(μ + 1/A0), A0 = 1e6");

        // Fit τ from the slowest decay: the error of the projection onto the slowest mode decays as e^(−t/τ).
        // Measure on the output error norm late in the transient where the slowest mode dominates.
        double[] t = tran.Column("time");
        double[] final = circuit.OutputColumns.Select(c => tran.Column(c)[^1]).ToArray();
        double Error(int k) => Math.Sqrt(circuit.OutputColumns.Select((c, i) => Math.Pow(tran.Rows[k][tran.IndexOf(c)] - final[i], 2)).Sum());
        int k1 = Array.FindIndex(t, v => v >= 3 * tau);
        int k2 = Array.FindIndex(t, v => v >= 6 * tau);
        double fitted = (t[k2] - t[k1]) / Math.Log(Error(k1) / Error(k2));
        Assert.That(fitted, Is.EqualTo(tau).Within(5).Percent, $"fitted τ {fitted:G4} s vs theory {tau:G4} s");
    }

    [Test]
    public void When_LeftHalfPlaneEigenvalue_Expect_RefusedNamingIt()
    {
        double[,] a = { { 1, 2 }, { 2, 1 } }; // eigenvalues of D⁻¹G: 1 and −1/3
        var ex = Assert.Throws<InvUnstableException>(() => InvCircuitBuilder.Build(a, [1, 0], InvCircuitTests.IdealOptions, CircuitAnalysis.OperatingPoint));
        Assert.That(ex!.Message, Does.Contain("eigenvalue -0.3333").And.Contain("D⁻¹G"));
        Assert.That(ex.Stability.MinimumEigenvalue.Real, Is.EqualTo(-1.0 / 3).Within(1e-9));
    }

    [Test]
    public void When_StableMatrix_Expect_Runs()
    {
        double[,] a = { { 2, 1 }, { 1, 2 } };
        InvCircuit circuit = InvCircuitBuilder.Build(a, [1, 0], InvCircuitTests.IdealOptions, CircuitAnalysis.OperatingPoint);
        double[] x = circuit.ReadSolution(CircuitSimulator.Run(circuit.Netlist).Find("op")!);
        Assert.That(x[0], Is.EqualTo(2.0 / 3).Within(1e-9));
        Assert.That(x[1], Is.EqualTo(-1.0 / 3).Within(1e-9));
    }

    [Test]
    public void When_WireResistanceTendsToZero_Expect_IdealArray()
    {
        const int n = 8;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 5, false);
        double[] b = InvCircuitTests.Rhs(n, 6);
        double[] ideal = RunInv(a, b, InvCircuitTests.IdealOptions);
        double previous = double.PositiveInfinity;
        foreach (double r in new[] { 10.0, 1.0, 0.1, 0.01 })
        {
            double[] x = RunInv(a, b, InvCircuitTests.IdealOptions with { Wires = new WireModel { RowResistancePerCell = r, ColumnResistancePerCell = r } });
            double error = RelativeError(x, ideal);
            Assert.That(error, Is.LessThan(previous), $"error must shrink as wire R → 0 (R = {r} Ω)");
            previous = error;
        }

        Assert.That(previous, Is.LessThan(1e-5), "at 0.01 Ω the array is ideal to 1e-5");
    }

    [Test]
    public void When_GainTendsToInfinity_Expect_Nullor()
    {
        const int n = 6;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 8, true);
        double[] b = InvCircuitTests.Rhs(n, 9);
        double[] ideal = RunInv(a, b, InvCircuitTests.IdealOptions);
        double previous = double.PositiveInfinity;
        foreach (double a0 in new[] { 1e3, 1e5, 1e7, 1e9 })
        {
            double error = RelativeError(RunInv(a, b, InvCircuitTests.IdealOptions with { OpAmp = OpAmpModel.WithFiniteGain(a0) }), ideal);
            Assert.That(error, Is.LessThan(previous / 10), $"error must fall ~1/A0 (A0 = {a0})");
            previous = error;
        }
    }

    [Test]
    public void When_AccessTransistorFullyOn_Expect_1T1RApproaches1R()
    {
        const int n = 6;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 13, false);
        double[] b = InvCircuitTests.Rhs(n, 14);
        double[] oneR = RunInv(a, b, InvCircuitTests.IdealOptions);
        double previous = double.PositiveInfinity;
        foreach (double width in new[] { 4e-6, 40e-6, 400e-6, 4e-3 })
        {
            var options = InvCircuitTests.IdealOptions with
            {
                Cell = CrossbarCellKind.Transistor,
                AccessTransistor = Devices.Transistors.Mosfet1Parameters.AccessTransistor with { Width = width },
            };
            double error = RelativeError(RunInv(a, b, options), oneR);
            Assert.That(error, Is.LessThan(previous), $"error must shrink as the transistor widens (W = {width} m)");
            previous = error;
        }

        Assert.That(previous, Is.LessThan(1e-4));
    }

    internal static double[] RunInv(double[,] a, double[] b, CrossbarBuildOptions options)
    {
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, options, CircuitAnalysis.OperatingPoint);
        return circuit.ReadSolution(CircuitSimulator.Run(circuit.Netlist).Find("op")!);
    }

    internal static double RelativeError(double[] x, double[] reference)
    {
        double num = 0, den = 0;
        for (int i = 0; i < x.Length; i++)
        {
            num += (x[i] - reference[i]) * (x[i] - reference[i]);
            den += reference[i] * reference[i];
        }

        return Math.Sqrt(num / den);
    }
}
