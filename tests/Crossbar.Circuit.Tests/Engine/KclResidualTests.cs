using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

public class KclResidualTests
{
    internal const string Divider = """
        resistive divider
        V1 in 0 dc 1
        R1 in out 1k
        R2 out 0 3k
        .op
        .end
        """;

    [Test]
    public void When_ResistiveDivider_Expect_ResidualAtRounding()
    {
        SimulationResults results = CircuitSimulator.Run(NetlistReader.ReadText(Divider));
        KclResidual residual = results.Residual!;
        Assert.That(residual.Analysis, Is.EqualTo("op"));
        // The largest term is the 1 mA of R1 times v(in) = 1 V (1e-3 A); KCL holds to rounding of it.
        Assert.That(residual.Scale, Is.EqualTo(1e-3).Within(1e-15));
        Assert.That(residual.Relative, Is.LessThanOrEqualTo(1e-15));
        Assert.That(residual.MaxAbsolute, Is.LessThanOrEqualTo(1e-18));
    }

    [Test]
    public void When_DividerSolutionPerturbed_Expect_LargeResidualAtThePerturbedNode()
    {
        SimulationResults results = CircuitSimulator.Run(NetlistReader.ReadText(Divider), captureMatrix: true);
        MatrixSnapshot system = results.OperatingPointMatrix!;
        double[] x = DenseSolve(system);
        int output = Index(system.Unknowns, "out");
        Assert.That(x[output], Is.EqualTo(0.75).Within(1e-15));

        KclResidual exact = KclResidual.Evaluate("op", system.Pattern, system.Values, system.Rhs, x, system.Unknowns);
        Assert.That(exact.Relative, Is.LessThanOrEqualTo(1e-15));

        // 1 mV off at out: |r| = (1/1k + 1/3k)·1e-3 V = 1.333 µA against the largest term, (1/1k + 1/3k)·0.751 V.
        x[output] += 1e-3;
        KclResidual perturbed = KclResidual.Evaluate("op", system.Pattern, system.Values, system.Rhs, x, system.Unknowns);
        Assert.That(perturbed.MaxAbsolute, Is.EqualTo(4e-6 / 3).Within(1e-12));
        Assert.That(perturbed.Scale, Is.EqualTo(4e-3 / 3 * 0.751).Within(1e-15));
        Assert.That(perturbed.Relative, Is.EqualTo(1e-3 / 0.751).Within(1e-9));
        Assert.That(perturbed.WorstNode, Is.EqualTo("node out"));
    }

    [Test]
    public void When_Inv8x8OneTransistorOneResistor_Expect_RelativeResidualBelow1e9()
    {
        const int n = 8;
        double[,] a = Builders.InvCircuitTests.DiagonallyDominant(n, 3, false);
        double[] b = Builders.InvCircuitTests.Rhs(n, 4);
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, new CrossbarBuildOptions(), CircuitAnalysis.OperatingPoint);
        SimulationResults results = CircuitSimulator.Run(circuit.Netlist);
        Assert.That(results.Statistics.NewtonIterations, Is.GreaterThan(2), "the 1T1R circuit is nonlinear");
        Assert.That(results.Residual!.Relative, Is.LessThanOrEqualTo(1e-9));
        Assert.That(results.Residual.Scale, Is.GreaterThan(0));
    }

    [Test]
    public void When_TransientOnly_Expect_ResidualOfTheLastTimePoint()
    {
        const string deck = """
            rc step
            V1 in 0 pulse(0 1 0 1n 1n 1 2)
            R1 in out 1k
            C1 out 0 1n
            .tran 10n 5u
            .end
            """;
        KclResidual residual = CircuitSimulator.Run(NetlistReader.ReadText(deck)).Residual!;
        Assert.That(residual.Analysis, Is.EqualTo("tran"));
        Assert.That(residual.Relative, Is.LessThanOrEqualTo(1e-12));
    }

    internal static int Index(UnknownMap unknowns, string name)
        => Enumerable.Range(0, unknowns.Count).First(i => unknowns.NameOf(i).Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Solves the snapshot's J·x = b with Math.NET's dense LU (partial pivoting; duplicates summed): an independent solver.</summary>
    internal static double[] DenseSolve(MatrixSnapshot system)
    {
        int n = system.Size;
        var a = new double[n, n];
        ReadOnlySpan<double> values = system.Values;
        for (int h = 1; h <= system.Pattern.Count; h++)
        {
            a[system.Pattern.Rows[h], system.Pattern.Columns[h]] += values[h];
        }

        return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a).Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(system.Rhs.ToArray())).ToArray();
    }
}
