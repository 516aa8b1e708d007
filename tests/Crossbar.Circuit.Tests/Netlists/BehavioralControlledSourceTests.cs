using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>E and G with <c>VALUE={expr}</c>: behavioural voltage and current sources.</summary>
[TestFixture]
public class BehavioralControlledSourceTests
{
    private const string Deck = """
        value sources
        .param gain = 3
        V1 a 0 0.4
        E1 e 0 VALUE={gain*v(a) - 0.2}
        Re e 0 1k
        G1 g 0 value = {1m*v(a)^2}
        Rg g 0 1k
        E2 f 0 VALUE=v(a) > 0.5 ? 1 : -1
        Rf f 0 1k
        .op
        .end
        """;

    [Test]
    public void When_ValueFormRead_Expect_BehavioralVoltageAndCurrentSources()
    {
        var netlist = NetlistReader.ReadText(Deck);
        var e1 = netlist.Elements.Single(e => e.Name == "E1");
        var g1 = netlist.Elements.Single(e => e.Name == "G1");

        Assert.That(e1.Nodes, Is.EqualTo(new[] { "e", "0" }));
        Assert.That(e1.Behavior, Is.EqualTo(new BehavioralValue('V', "gain*v(a) - 0.2")));
        Assert.That(g1.Behavior, Is.EqualTo(new BehavioralValue('I', "1m*v(a)^2")));
        Assert.That(netlist.Elements.Single(e => e.Name == "E2").Behavior!.Expression, Is.EqualTo("v(a) > 0.5 ? 1 : -1"));
    }

    [Test]
    public void When_ValueFormSimulated_Expect_AnalyticValues()
    {
        var op = CircuitSimulator.Run(NetlistReader.ReadText(Deck)).Find("op")!;

        Tolerance.AssertClose(op.Column("v(e)")[0], (3 * 0.4) - 0.2, 1e-12, 0, "v(e)");

        // G drives its current from n+ through the source to n-, so it flows out of g into the load: v(g) = -I·R.
        Tolerance.AssertClose(op.Column("v(g)")[0], -1e-3 * 0.16 * 1e3, 1e-12, 0, "v(g)");
        Tolerance.AssertClose(op.Column("v(f)")[0], -1, 1e-12, 0, "v(f)");
    }

    [Test]
    public void When_ValueFormWritten_Expect_ValueCardsThatReadBackTheSame()
    {
        var text = NetlistWriter.Write(NetlistReader.ReadText(Deck));

        Assert.That(text, Does.Contain("E1 e 0 value={gain*v(a) - 0.2}"));
        Assert.That(text, Does.Contain("G1 g 0 value={1m*v(a)^2}"));
        Assert.That(NetlistWriter.Write(NetlistReader.ReadText(text)), Is.EqualTo(text));
    }

    [Test]
    public void When_ValueFormInSubcircuit_Expect_NodesAndParametersMapped()
    {
        var flat = SubcircuitFlattener.Flatten(NetlistReader.ReadText("""
            sub
            .subckt amp in out params: k=2
            E1 out 0 VALUE={k*v(in)}
            .ends
            V1 a 0 0.25
            X1 a o amp k=4
            Ro o 0 1k
            .op
            .end
            """));

        Assert.That(flat.Elements.Single(e => e.Name == "E.X1.E1").Behavior!.Expression, Is.EqualTo("4*v(a)"));
        Tolerance.AssertClose(CircuitSimulator.Run(flat).Find("op")!.Column("v(o)")[0], 1.0, 1e-12, 0, "v(o)");
    }

    [TestCase("E1 e 0 VALUE=", "E1: missing expression after 'VALUE='")]
    [TestCase("G1 g 0 VALUE={v(a)} 3", "G1: unexpected '3' after the expression")]
    [TestCase("E1 e 0 VALUE={v(a) +}", "unexpected end of expression 'v(a) +'")]
    [TestCase("E1 e 0 VALUE={nope*v(a)}", "unknown parameter 'nope' in expression 'nope*v(a)': expected a .param name, pi, time, v(node) or i(source)")]
    public void When_ValueFormMalformed_Expect_NamedError(string card, string fragment)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"bad\nV1 a 0 1\n{card}\n.end\n"))!;

        Assert.That(ex.Detail, Does.Contain(fragment));
        Assert.That(ex.Location.Line, Is.EqualTo(3));
    }
}
