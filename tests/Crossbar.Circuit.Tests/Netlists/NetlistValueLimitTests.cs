using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>Element and source values that would overflow the solution are rejected at their token, naming the value.</summary>
[TestFixture]
public class NetlistValueLimitTests
{
    private static NetlistException Rejected(string cards)
        => Assert.Throws<NetlistException>(() => NetlistReader.ReadText("t\n" + cards + "\n", "deck.cir"))!;

    [TestCase("R1 a 0 1e-320", 8, "R1: resistance 1e-320 Ω is out of range: expected a magnitude from 1e-09 to 1e+18 Ω")]
    [TestCase("R1 a 0 0", 8, "R1: resistance 0 Ω is out of range: expected a magnitude from 1e-09 to 1e+18 Ω")]
    [TestCase("R1 a 0 -1e19", 8, "R1: resistance -1e+19 Ω is out of range: expected a magnitude from 1e-09 to 1e+18 Ω")]
    [TestCase("C1 a 0 1e308", 8, "C1: capacitance 1e+308 F is out of range: expected a magnitude of at most 1000000 F")]
    [TestCase("L1 a 0 -1e308", 8, "L1: inductance -1e+308 H is out of range: expected a magnitude of at most 1000000 H")]
    [TestCase("V1 a 0 1e300", 8, "V1: DC value 1e+300 V is out of range: expected a magnitude of at most 1000000000000 V")]
    [TestCase("I1 a 0 dc 1e13", 11, "I1: DC value 10000000000000 A is out of range")]
    [TestCase("V1 a 0 SIN(0 1 1e308)", 16, "V1: SIN freq 1e+308 Hz is out of range: expected a magnitude of at most 1000000000000000 Hz")]
    [TestCase("V1 a 0 SIN(0 1 1k 0 -1e300)", 21, "V1: SIN theta -1e+300 1/s is out of range")]
    [TestCase("V1 a 0 PULSE(0 1e308 0 1n 1n 1u 2u)", 16, "V1: PULSE v2 1e+308 V is out of range")]
    [TestCase("V1 a 0 PULSE(0 1 0 1e-320 1n 1u 2u)", 20, "V1: PULSE tr 1e-320 s is out of range: expected 0 or a magnitude from 1e-18 to 1000000000000 s")]
    [TestCase("V1 a 0 PWL(0 0 1e300 1)", 16, "V1: PWL t2 1e+300 s is out of range")]
    [TestCase("V1 a 0 PWL(0 0 1u -1e200)", 19, "V1: PWL v2 -1e+200 V is out of range")]
    public void When_ValueOutOfRange_Expect_ErrorAtTheValue(string card, int column, string message)
    {
        var ex = Rejected(card);

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 2, column)));
        Assert.That(ex.Detail, Does.StartWith(message));
    }

    [Test]
    public void When_ValueFromParameterOutOfRange_Expect_ErrorAtTheExpression()
    {
        var ex = Rejected(".param r=1e-320\nR1 a 0 {r}");

        Assert.That(ex.Location.Line, Is.EqualTo(3));
        Assert.That(ex.Detail, Does.StartWith("R1: resistance 1e-320 Ω is out of range"));
    }

    [Test]
    public void When_SubcircuitExpressionDefaultOutOfRange_Expect_InstanceValueDecides()
    {
        // The default r=0 is never used: the instance gives r=2k.
        var netlist = NetlistReader.ReadText("t\n.subckt cell a params: r=0\nR1 a 0 {r}\n.ends\nX1 n cell r=2k\nV1 n 0 1\n.op\n");

        var op = CircuitSimulator.Run(netlist).Find("op")!;

        Assert.That(op.Rows[0][op.Columns.ToList().IndexOf("i(v1)")], Is.EqualTo(-0.5e-3).Within(1e-12));
    }

    [Test]
    public void When_ValuesAtTheLimits_Expect_Read()
    {
        var netlist = NetlistReader.ReadText("t\nR1 a 0 1e-9\nR2 a 0 1e18\nC1 a 0 1e6\nL1 a b 0\nV1 b 0 1e12 PULSE(0 1 0 1e-18 0 1e12)\n");

        Assert.That(netlist.Elements.Select(e => e.Value?.Value ?? double.NaN), Is.EqualTo(new[] { 1e-9, 1e18, 1e6, 0, 1e12 }));
    }

    [Test]
    public void When_InstanceParameterOutOfRange_Expect_ErrorAtTheSubcircuitCardNamingThePath()
    {
        var netlist = NetlistReader.ReadText("t\n.subckt cell a params: r=1k\nR1 a 0 {r}\n.ends\nX1 n cell r=1e-320\nV1 n 0 1\n.op\n", "deck.cir");

        var ex = Assert.Throws<NetlistException>(() => CircuitSimulator.Run(netlist))!;

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 3, 1)));
        Assert.That(ex.Detail, Is.EqualTo("R.X1.R1: resistance 1e-320 Ω is out of range: expected a magnitude from 1e-09 to 1e+18 Ω"));
    }

    [Test]
    public void When_InstanceParameterGivesHugeSinFrequency_Expect_ErrorNamingIt()
    {
        var netlist = NetlistReader.ReadText("t\n.subckt src a params: f=1k\nV1 a 0 SIN(0 1 {f})\n.ends\nX1 n src f=1e308\nR1 n 0 1k\n.tran 1u 1m\n");

        var ex = Assert.Throws<NetlistException>(() => SubcircuitFlattener.Flatten(netlist))!;

        Assert.That(ex.Detail, Does.StartWith("V.X1.V1: SIN freq 1e+308 Hz is out of range"));
    }
}
