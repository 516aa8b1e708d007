using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

public class NodesetTests
{
    private const string Latch = """
        cross-coupled nmos latch
        .model nl nmos level=1 vto=0.8 kp=60u lambda=0.02
        vdd vdd 0 5
        ra vdd a 20k
        rb vdd b 20k
        ma a b 0 0 nl w=10u l=1u
        mb b a 0 0 nl w=10u l=1u
        {0}
        .op
        .end
        """;

    private static (double A, double B) Solve(string nodeset)
    {
        ResultTable op = CircuitSimulator.Run(NetlistReader.ReadText(Latch.Replace("{0}", nodeset, StringComparison.Ordinal))).Find("op")!;
        return (op.Column("v(a)")[0], op.Column("v(b)")[0]);
    }

    [Test]
    public void When_LatchHasNoNodeset_Expect_SymmetricPoint()
    {
        var (a, b) = Solve(string.Empty);

        Tolerance.AssertClose(a, b, 1e-9, 1e-12, "a symmetric latch solved from zero stays symmetric");
    }

    [TestCase(".nodeset v(a)=5 v(b)=0", true)]
    [TestCase(".nodeset v(a)=0.2 v(b)=4", false)]
    [TestCase(".nodeset v(a)=3", true)]
    public void When_NodesetGuessesAState_Expect_LatchSettlesThereWithNodesReleased(string nodeset, bool aHigh)
    {
        var (a, b) = Solve(nodeset);
        var (high, low) = aHigh ? (a, b) : (b, a);

        // The high side's transistor is off (gate below vto), so its resistor carries only gmin leakage: vdd.
        Tolerance.AssertClose(high, 5, 0, 1e-6, "high side (gmin leakage only)");
        Assert.That(low, Is.LessThan(0.8), "low side below vto");
        // Released, the low side solves the circuit (KCL at it): (5 - low)/20k = kp/2 (w/l) (5 - 0.8)^2 (1 + lambda low) in
        // saturation, or the triode current; either way it is not the guess.
        Assert.That(low, Is.Not.EqualTo(aHigh ? 0.0 : 0.2));
    }

    [Test]
    public void When_NodesetOnLinearCircuit_Expect_AnswerUnchanged()
    {
        const string deck = """
            divider
            v1 in 0 3
            r1 in mid 1k
            r2 mid 0 2k
            .nodeset v(mid)=0.1
            .op
            .end
            """;

        double mid = CircuitSimulator.Run(NetlistReader.ReadText(deck)).Find("op")!.Column("v(mid)")[0];

        Tolerance.AssertClose(mid, 2, 1e-12, 1e-15, "v(mid)");
    }

    [Test]
    public void When_NodesetNamesUnknownNode_Expect_ErrorNamingNode()
    {
        const string deck = "d\nv1 in 0 1\nr1 in 0 1k\n.nodeset v(nowhere)=1\n.op\n.end\n";

        var ex = Assert.Throws<SimulationException>(() => CircuitSimulator.Run(NetlistReader.ReadText(deck)))!;

        Assert.That(ex.Message, Does.Contain(".nodeset names node 'nowhere'"));
    }

    [Test]
    public void When_NodesetCardIsBad_Expect_NamedError()
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText("d\nr1 a 0 1\n.nodeset v(a)\n.end\n", "deck.cir"))!;

        Assert.That(ex.Message, Does.Contain(".nodeset: expected v(node)=value"));
        Assert.That((ex.Location.Line, ex.Location.Column), Is.EqualTo((3, 14)));
    }
}
