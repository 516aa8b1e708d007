using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

public class ErrorReportingTests
{
    private static SimulationException Fails(string deck)
        => Assert.Throws<SimulationException>(() => CircuitSimulator.Run(NetlistReader.ReadText(deck)))!;

    [Test]
    public void When_NodesHaveNoDcPath_Expect_ErrorNamingThem()
    {
        var ex = Fails("float\nV1 a 0 1\nR1 a 0 1k\nC1 a b 1p\nR2 b c 1k\n.op\n.end\n");
        Assert.That(ex.Message, Does.Contain("nodes b, c have no DC path to ground"));
    }

    [Test]
    public void When_CurrentSourceFeedsCapacitorOnly_Expect_ErrorNamingNode()
    {
        var ex = Fails("cap only\nI1 0 x 1m\nC1 x 0 1p\nV1 a 0 1\nR1 a 0 1\n.op\n.end\n");
        Assert.That(ex.Message, Does.Contain("node x has no DC path to ground"));
    }

    [Test]
    public void When_VoltageSourcesFormALoop_Expect_ErrorNamingTheClosingSource()
    {
        var ex = Fails("loop\nV1 a 0 1\nV2 a 0 2\nR1 a 0 1k\n.op\n.end\n");
        Assert.That(ex.Message, Does.Contain("loop of voltage sources").And.Contain("V2"));
    }

    [Test]
    public void When_InductorShortsVoltageSourceAtDc_Expect_LoopNamed()
    {
        var ex = Fails("l loop\nV1 a 0 1\nL1 a 0 1m\n.op\n.end\n");
        Assert.That(ex.Message, Does.Contain("loop of voltage sources").And.Contain("L1"));
    }

    [Test]
    public void When_NewtonCannotConverge_Expect_ErrorNamingNodes()
    {
        var ex = Fails("diode\nV1 in 0 5\nR1 in a 1\nD1 a 0 dm\n.model dm d is=1e-14\n.options itl1=2\n.op\n.end\n");
        Assert.That(ex.Message, Does.Contain("operating point did not converge").And.Contain("node a"));
    }

    [Test]
    public void When_TransientNewtonAlwaysFails_Expect_TimestepTooSmallNamingTimeAndNode()
    {
        const string deck = "diode tran\nV1 in 0 pulse(0 5 1n 1n 1n 10n 20n)\nR1 in a 10\nD1 a 0 dm\nC1 a 0 1p\n.model dm d is=1e-14\n.options itl4=1\n.tran 0.1n 20n\n.end\n";
        var ex = Fails(deck);
        Assert.That(ex.Message, Does.Contain("timestep too small at time 1E-09 s").And.Match("not converged: (node a|branch current of V1)"));
    }
}
