using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

public class MatrixSnapshotTests
{
    [Test]
    public void When_NotRequested_Expect_NoSnapshot()
    {
        SimulationResults results = CircuitSimulator.Run(NetlistReader.ReadText(KclResidualTests.Divider));
        Assert.That(results.OperatingPointMatrix, Is.Null);
    }

    [Test]
    public void When_DividerRequested_Expect_PatternValuesAndRhsOfTheMnaSystem()
    {
        MatrixSnapshot system = CircuitSimulator.Run(NetlistReader.ReadText(KclResidualTests.Divider), captureMatrix: true).OperatingPointMatrix!;
        Assert.That(system.Analysis, Is.EqualTo("op"));
        Assert.That(system.IsComplete, Is.True);
        Assert.That(system.Size, Is.EqualTo(3), "in, out, branch current of V1");
        Assert.That(system.Values.Length, Is.EqualTo(system.Pattern.Count + 1));
        int output = KclResidualTests.Index(system.Unknowns, "out");
        double diagonal = 0;
        for (int h = 1; h <= system.Pattern.Count; h++)
        {
            if (system.Pattern.Rows[h] == output && system.Pattern.Columns[h] == output)
            {
                diagonal += system.Values[h];
            }
        }

        Assert.That(diagonal, Is.EqualTo((1 / 1e3) + (1 / 3e3)).Within(1e-18));
        int branch = KclResidualTests.Index(system.Unknowns, "branch:V1");
        Assert.That(system.Rhs[branch], Is.EqualTo(1.0));
    }

    [Test]
    public void When_Inv1T1RRequested_Expect_TheLastNewtonSystemReproducesTheOperatingPoint()
    {
        const int n = 6;
        double[,] a = Builders.InvCircuitTests.DiagonallyDominant(n, 5, false);
        double[] b = Builders.InvCircuitTests.Rhs(n, 6);
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, new CrossbarBuildOptions(), CircuitAnalysis.OperatingPoint);
        SimulationResults results = CircuitSimulator.Run(circuit.Netlist, captureMatrix: true);
        MatrixSnapshot system = results.OperatingPointMatrix!;
        Assert.That(system.NewtonIteration, Is.InRange(2, results.Statistics.NewtonIterations));
        Assert.That(system.Size, Is.EqualTo(results.Statistics.Unknowns));

        // The last factored Newton system's solution is the next iterate: the operating point to Newton's tolerance
        // (chord steps on the same factorisation polish it further, by about 1e-9 here).
        double[] x = KclResidualTests.DenseSolve(system);
        ResultTable op = results.Find("op")!;
        foreach (string column in circuit.OutputColumns)
        {
            string node = column[2..^1];
            Tolerance.AssertClose(x[KclResidualTests.Index(system.Unknowns, node)], op.Column(column)[0], 1e-6, 1e-12, column);
        }
    }

    [Test]
    public void When_DeckHasDcBeforeOp_Expect_TheOpSystem()
    {
        const string deck = """
            dc then op
            V1 in 0 dc 1
            R1 in out 1k
            R2 out 0 3k
            .dc V1 0 2 1
            .op
            .end
            """;
        MatrixSnapshot system = CircuitSimulator.Run(NetlistReader.ReadText(deck), captureMatrix: true).OperatingPointMatrix!;
        Assert.That(system.Analysis, Is.EqualTo("op"));
        Assert.That(system.Rhs[KclResidualTests.Index(system.Unknowns, "branch:V1")], Is.EqualTo(1.0), "the .op's source value, not the sweep's last (2 V)");
    }

    [Test]
    public void When_DcSweepOnly_Expect_TheSystemOfItsFirstPoint()
    {
        const string deck = """
            dc only
            V1 in 0 dc 1
            R1 in out 1k
            R2 out 0 3k
            .dc V1 0.5 2 0.5
            .end
            """;
        MatrixSnapshot system = CircuitSimulator.Run(NetlistReader.ReadText(deck), captureMatrix: true).OperatingPointMatrix!;
        Assert.That(system.Analysis, Is.EqualTo("dc"));
        Assert.That(system.Rhs[KclResidualTests.Index(system.Unknowns, "branch:V1")], Is.EqualTo(0.5), "the sweep's first value");
    }

    [Test]
    public void When_TransientOnly_Expect_TheInitialOperatingPointSystem()
    {
        const string deck = """
            rc step
            V1 in 0 pulse(0.5 1 1u 1n 1n 1 2)
            R1 in out 1k
            C1 out 0 1n
            .tran 10n 2u
            .end
            """;
        MatrixSnapshot system = CircuitSimulator.Run(NetlistReader.ReadText(deck), captureMatrix: true).OperatingPointMatrix!;
        Assert.That(system.Analysis, Is.EqualTo("tran"));
        Assert.That(system.Rhs[KclResidualTests.Index(system.Unknowns, "branch:V1")], Is.EqualTo(0.5), "the source at t = 0");
    }
}
