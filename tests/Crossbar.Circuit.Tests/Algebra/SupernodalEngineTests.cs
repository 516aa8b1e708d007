using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Builders;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Wires;

namespace Crossbar.Circuit.Tests.Algebra;

/// <summary>Two equivalent solvers must give the same operating point of a real 1T1R INV circuit.</summary>
[TestFixture]
public sealed class SupernodalEngineTests
{
    private static IEnumerable<TestCaseData> Circuits()
    {
        yield return new TestCaseData(24, false, "pole");
        yield return new TestCaseData(16, true, "pole");
        yield return new TestCaseData(16, true, "gain");
        yield return new TestCaseData(16, false, "ideal");
    }

    [TestCaseSource(nameof(Circuits))]
    public void When_Inv1T1RWithSupernodalSolver_Expect_SameOperatingPointAsSparseLu(int n, bool signed, string opAmp)
    {
        double[,] a = InvCircuitTests.DiagonallyDominant(n, n, signed);
        double[] b = InvCircuitTests.Rhs(n, n + 1);
        var options = new CrossbarBuildOptions
        {
            Cell = CrossbarCellKind.Transistor,
            Levels = new ConductanceLevels(3),
            OpAmp = opAmp switch
            {
                "ideal" => OpAmpModel.Ideal(),
                "gain" => OpAmpModel.WithFiniteGain(1e5),
                _ => OpAmpModel.WithSinglePole(1e5, 16e6),
            },
            Wires = new WireModel(),
            Seed = n,
        };
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, options, CircuitAnalysis.OperatingPoint);

        (double[] x, SolverStatistics supernodal) = Run(circuit, LinearSolverKind.Supernodal);
        (double[] expected, _) = Run(circuit, LinearSolverKind.Sparse);

        Assert.That(supernodal.FallbackReason, Is.Null);
        Assert.That(supernodal.FactorFlops, Is.GreaterThan(0));
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            global::Crossbar.Circuit.Tests.Tolerance.AssertClose(x[i], expected[i], 1e-9, 1e-12 * scale, $"x[{i}]");
        }
    }

    [Test]
    public void When_PatternIsLarge_Expect_FactoryPicksSupernodal()
    {
        StampedMatrix large = TestMatrices.CrossbarMesh(41, 1);
        StampedMatrix small = TestMatrices.CrossbarMesh(16, 1);

        Assert.That(large.Size, Is.GreaterThanOrEqualTo(LinearSolverFactory.SupernodalMinimumSize));
        Assert.That(LinearSolverFactory.Create(large.Pattern), Is.TypeOf<SupernodalLuSolver>());
        Assert.That(LinearSolverFactory.Create(small.Pattern), Is.TypeOf<SparseLuSolver>());
    }

    private static (double[] X, SolverStatistics Statistics) Run(InvCircuit circuit, LinearSolverKind kind)
    {
        LinearSolverFactory.Forced = kind;
        try
        {
            SimulationResults results = CircuitSimulator.Run(circuit.Netlist);
            return (circuit.ReadSolution(results.Find("op")!), results.Statistics.Solver!);
        }
        finally
        {
            LinearSolverFactory.Forced = LinearSolverKind.Automatic;
        }
    }
}
