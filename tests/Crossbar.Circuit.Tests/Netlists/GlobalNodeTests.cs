using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class GlobalNodeTests
{
    private const string Deck = """
        globals
        .global VDD ref
        .subckt inner a
        R1 vdd a 1k
        R2 ref a 1k
        R3 a local 1k
        .ends
        .subckt outer b
        X1 b inner
        R4 vdd b 2k
        .ends
        V1 vdd 0 5
        V2 ref 0 1
        X9 out outer
        .op
        .end
        """;

    [Test]
    public void When_SubcircuitUsesGlobalNode_Expect_TopLevelNodeAtEveryDepth()
    {
        var flat = SubcircuitFlattener.Flatten(NetlistReader.ReadText(Deck));

        var nodes = flat.Elements.ToDictionary(e => e.Name, e => string.Join(' ', e.Nodes));
        Assert.That(nodes["R.X9.X1.R1"], Is.EqualTo("vdd out"));
        Assert.That(nodes["R.X9.X1.R2"], Is.EqualTo("ref out"));
        Assert.That(nodes["R.X9.X1.R3"], Is.EqualTo("out x9.x1.local"));
        Assert.That(nodes["R.X9.R4"], Is.EqualTo("vdd out"));
    }

    [Test]
    public void When_GlobalCardIsRead_Expect_LowerCaseNodesAndRoundTrip()
    {
        var netlist = NetlistReader.ReadText(Deck);
        var again = NetlistReader.ReadText(NetlistWriter.Write(netlist));

        Assert.That(netlist.GlobalNodes, Is.EquivalentTo(new[] { "vdd", "ref" }));
        Assert.That(again.GlobalNodes, Is.EquivalentTo(new[] { "vdd", "ref" }));
    }

    [TestCase("g\n.global\nR1 a 0 1\n.end\n", ".global: expected one or more node names", 2, 8)]
    [TestCase("g\n.global a=1\nR1 a 0 1\n.end\n", ".global: expected a node name, found 'a'", 2, 9)]
    [TestCase("g\n.subckt s a\n.global n\nR1 a n 1\n.ends\nR1 a 0 1\n.end\n", ".global is not allowed inside .subckt 's'", 3, 1)]
    public void When_GlobalCardIsBad_Expect_NamedError(string deck, string message, int line, int column)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText(deck, "deck.cir"))!;

        Assert.That(ex.Message, Does.Contain(message));
        Assert.That((ex.Location.Line, ex.Location.Column), Is.EqualTo((line, column)));
    }
}
