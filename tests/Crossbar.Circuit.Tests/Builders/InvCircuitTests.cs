using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Wires;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Builders;

public class InvCircuitTests
{
    internal static double[,] DiagonallyDominant(int n, int seed, bool signed)
    {
        var rng = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                if (i != j)
                {
                    a[i, j] = signed ? (rng.NextDouble() * 2) - 1 : rng.NextDouble();
                    sum += Math.Abs(a[i, j]);
                }
            }

            a[i, i] = sum + 0.5 + rng.NextDouble();
        }

        return a;
    }

    internal static double[] Rhs(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
    }

    internal static CrossbarBuildOptions IdealOptions => new()
    {
        Cell = CrossbarCellKind.Resistor,
        Levels = new ConductanceLevels(0),
        OpAmp = OpAmpModel.Ideal(),
        Wires = WireModel.Ideal,
    };

    [TestCase(4, false)]
    [TestCase(8, false)]
    [TestCase(8, true)]
    [TestCase(16, true)]
    public void When_IdealOpAmpsAndWires_Expect_InvEqualsDenseSolve(int n, bool signed)
    {
        double[,] a = DiagonallyDominant(n, n, signed);
        double[] b = Rhs(n, n + 1);
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, IdealOptions, CircuitAnalysis.OperatingPoint);
        double[] x = circuit.ReadSolution(CircuitSimulator.Run(circuit.Netlist).Find("op")!);
        double[] expected = Matrix<double>.Build.DenseOfArray(a).Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            Tolerance.AssertClose(x[i], expected[i], 1e-9, 1e-9 * scale, $"x[{i}]");
        }
    }
}

public class GinvCircuitTests
{
    [TestCase(8, 3, false)]
    [TestCase(10, 4, true)]
    public void When_IdealOpAmps_Expect_LeastSquaresSolution(int n, int m, bool signed)
    {
        var rng = new Random(n * m);
        var x = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                x[i, j] = signed ? (rng.NextDouble() * 2) - 1 : 0.1 + rng.NextDouble();
            }
        }

        double[] b = InvCircuitTests.Rhs(n, 99);
        InvCircuit circuit = GinvCircuitBuilder.Build(x, b, InvCircuitTests.IdealOptions, CircuitAnalysis.OperatingPoint);
        double[] solution = circuit.ReadSolution(CircuitSimulator.Run(circuit.Netlist).Find("op")!);
        var xm = Matrix<double>.Build.DenseOfArray(x);
        double[] expected = xm.Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
        double scale = expected.Max(Math.Abs);
        for (int j = 0; j < m; j++)
        {
            Tolerance.AssertClose(solution[j], expected[j], 1e-8, 1e-8 * scale, $"x[{j}]");
        }
    }
}
