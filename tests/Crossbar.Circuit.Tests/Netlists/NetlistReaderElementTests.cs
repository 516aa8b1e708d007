using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NetlistReaderElementTests
{
    private static ElementCard Single(string cards, string name)
    {
        var netlist = NetlistReader.ReadText("title\n" + cards);
        return netlist.Elements.Single(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    [TestCase("R1 a b 10k", 'R', 1e4)]
    [TestCase("C1 a 0 2.2uF", 'C', 2.2e-6)]
    [TestCase("L1 a 0 1mH", 'L', 1e-3)]
    [TestCase("r1 A GND r=5", 'R', 5.0)]
    public void When_PassiveRead_Expect_NodesAndValue(string card, char kind, double value)
    {
        var element = Single(card, card.Split(' ')[0]);

        Assert.That(element.Kind, Is.EqualTo(kind));
        Assert.That(element.Nodes, Has.Count.EqualTo(2));
        Assert.That(element.Value!.Value.Value, Is.EqualTo(value).Within(1e-15 * value));
    }

    [Test]
    public void When_NodeIsGndOrMixedCase_Expect_ZeroAndLowerCase()
    {
        var element = Single("R1 OUT Gnd 1", "R1");

        Assert.That(element.Nodes, Is.EqualTo(new[] { "out", "0" }));
    }

    [Test]
    public void When_SameNodeWrittenInDifferentCase_Expect_OneInternedName()
    {
        var netlist = NetlistReader.ReadText("t\nR1 Ünode gnd 1\nR2 ünode GND 2\nR3 out ÜNODE 3\nR4 OUT 0 4");

        Assert.That(netlist.Elements.Select(e => e.Nodes[0]), Is.EqualTo(new[] { "ünode", "ünode", "out", "out" }));
        Assert.That(netlist.Elements[2].Nodes[1], Is.SameAs(netlist.Elements[0].Nodes[0]));
        Assert.That(netlist.Elements[3].Nodes[0], Is.SameAs(netlist.Elements[2].Nodes[0]));
        Assert.That(netlist.Elements.Take(2).Select(e => e.Nodes[1]), Is.All.EqualTo("0"));
    }

    [Test]
    public void When_CapacitorHasIc_Expect_IcParameter()
    {
        var element = Single("C1 a 0 1p IC=0.5", "C1");

        Assert.That(element.GetParameter("ic")!.Value.Value, Is.EqualTo(0.5));
        Assert.That(element.Parameters[0].Key, Is.EqualTo("ic"));
    }

    [Test]
    public void When_VoltageSourceHasDcAndAc_Expect_AllFields()
    {
        var element = Single("V1 in 0 DC 1.5 AC 2 45", "V1");

        Assert.That(element.Value!.Value.Value, Is.EqualTo(1.5));
        Assert.That(element.AcMagnitude!.Value.Value, Is.EqualTo(2.0));
        Assert.That(element.AcPhase!.Value.Value, Is.EqualTo(45.0));
        Assert.That(element.Waveform, Is.Null);
    }

    [Test]
    public void When_SourceHasBareValueAndAcWithoutMagnitude_Expect_DcValueAndUnitAc()
    {
        var element = Single("I1 0 a 3m ac", "I1");

        Assert.That(element.Value!.Value.Value, Is.EqualTo(3e-3).Within(1e-18));
        Assert.That(element.AcMagnitude!.Value.Value, Is.EqualTo(1.0));
        Assert.That(element.AcPhase, Is.Null);
    }

    [TestCase("V1 a 0 PULSE(0 1 1n 2n 3n 4n 10n)")]
    [TestCase("V1 a 0 pulse 0 1 1n 2n 3n 4n 10n")]
    [TestCase("V1 a 0 pulse(0, 1, 1n, 2n, 3n, 4n, 10n)")]
    [TestCase("V1 a 0 PULSE (0 1 1n\n+ 2n 3n 4n 10n)")]
    public void When_PulseWrittenAnyWay_Expect_SameWaveform(string card)
    {
        var pulse = (PulseWaveform)Single(card, "V1").Waveform!;

        Assert.That(pulse.GivenCount, Is.EqualTo(7));
        Assert.That(new[] { pulse.Initial.Value, pulse.Pulsed.Value, pulse.Delay.Value, pulse.RiseTime.Value, pulse.FallTime.Value, pulse.Width.Value, pulse.Period.Value },
            Is.EqualTo(new[] { 0, 1, 1e-9, 2e-9, 3e-9, 4e-9, 10e-9 }).Within(1e-24));
    }

    [Test]
    public void When_PulseHasFewValues_Expect_GivenCountAndZeros()
    {
        var pulse = (PulseWaveform)Single("V1 a 0 pulse(0 5)", "V1").Waveform!;

        Assert.That(pulse.GivenCount, Is.EqualTo(2));
        Assert.That(pulse.Pulsed.Value, Is.EqualTo(5.0));
        Assert.That(pulse.Period.Value, Is.Zero);
    }

    [Test]
    public void When_PwlRead_Expect_Points()
    {
        var pwl = (PwlWaveform)Single("V1 a 0 PWL(0 0 1u 1 2u -1)", "V1").Waveform!;

        Assert.That(pwl.Points.Select(p => p.Time.Value), Is.EqualTo(new[] { 0, 1e-6, 2e-6 }).Within(1e-21));
        Assert.That(pwl.Points.Select(p => p.Value.Value), Is.EqualTo(new[] { 0.0, 1.0, -1.0 }));
    }

    [Test]
    public void When_SinRead_Expect_Fields()
    {
        var sin = (SinWaveform)Single("V1 a 0 dc 0 SIN(0.5 1 1k 1m 10 90)", "V1").Waveform!;

        Assert.That(sin.GivenCount, Is.EqualTo(6));
        Assert.That(new[] { sin.Offset.Value, sin.Amplitude.Value, sin.Frequency.Value, sin.Delay.Value, sin.Damping.Value, sin.Phase.Value },
            Is.EqualTo(new[] { 0.5, 1, 1e3, 1e-3, 10, 90 }).Within(1e-15));
    }

    [Test]
    public void When_TrNoiseRead_Expect_Fields()
    {
        var noise = (TrNoiseWaveform)Single("V1 a 0 trnoise(20n 0.5n 1 10p 1u 2u 3u)", "V1").Waveform!;

        Assert.That(new[] { noise.WhiteAmplitude.Value, noise.Step.Value, noise.FlickerExponent.Value, noise.FlickerAmplitude.Value, noise.RtsAmplitude.Value, noise.RtsCaptureTime.Value, noise.RtsEmissionTime.Value },
            Is.EqualTo(new[] { 20e-9, 0.5e-9, 1, 10e-12, 1e-6, 2e-6, 3e-6 }).Within(1e-21));
    }

    [TestCase("E1 o 0 p n 1e5", 'E', 1e5)]
    [TestCase("G1 o 0 p n 1m", 'G', 1e-3)]
    public void When_VoltageControlledSourceRead_Expect_FourNodesAndGain(string card, char kind, double gain)
    {
        var element = Single(card, card[..2]);

        Assert.That(element.Kind, Is.EqualTo(kind));
        Assert.That(element.Nodes, Is.EqualTo(new[] { "o", "0", "p", "n" }));
        Assert.That(element.Value!.Value.Value, Is.EqualTo(gain).Within(1e-18));
    }

    [TestCase("F1 o 0 Vs 3", 'F')]
    [TestCase("H1 o 0 Vs 3", 'H')]
    public void When_CurrentControlledSourceRead_Expect_ControlSourceAndGain(string card, char kind)
    {
        var element = Single("Vs a 0 0\nRa a 0 1\n" + card, card[..2]);

        Assert.That(element.Kind, Is.EqualTo(kind));
        Assert.That(element.ControlSource, Is.EqualTo("Vs"));
        Assert.That(element.Value!.Value.Value, Is.EqualTo(3.0));
    }

    [Test]
    public void When_DiodeHasAreaAndOff_Expect_ModelAreaAndFlag()
    {
        var element = Single(".model dm D(is=1f)\nD1 a 0 DM 2 off", "D1");

        Assert.That(element.Model, Is.EqualTo("DM"));
        Assert.That(element.GetParameter("area")!.Value.Value, Is.EqualTo(2.0));
        Assert.That(element.Flags, Is.EqualTo(new[] { "off" }));
    }

    [Test]
    public void When_MosfetRead_Expect_FourNodesModelAndGeometry()
    {
        var element = Single(".model nch nmos level=1\nM1 d g s b nch W=10u L=0.5u", "M1");

        Assert.That(element.Nodes, Is.EqualTo(new[] { "d", "g", "s", "b" }));
        Assert.That(element.Model, Is.EqualTo("nch"));
        Assert.That(element.GetParameter("w")!.Value.Value, Is.EqualTo(10e-6).Within(1e-21));
        Assert.That(element.GetParameter("L")!.Value.Value, Is.EqualTo(0.5e-6).Within(1e-21));
    }

    [TestCase("X1 a b inv k=3")]
    [TestCase("X1 a b inv params: k=3")]
    public void When_InstanceRead_Expect_NodesSubcircuitAndParameters(string card)
    {
        var element = Single(".subckt inv in out params: k=1\nR1 in out {k}\n.ends\n" + card, "X1");

        Assert.That(element.Nodes, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(element.Model, Is.EqualTo("inv"));
        Assert.That(element.GetParameter("k")!.Value.Value, Is.EqualTo(3.0));
    }

    [Test]
    public void When_ValueIsExpression_Expect_EvaluatedAndTextKept()
    {
        var element = Single(".param r0=2k\nR1 a 0 {r0*2}", "R1");

        Assert.That(element.Value, Is.EqualTo(new ParamValue(4000, "r0*2")));
    }

    [Test]
    public void When_ValueIsQuotedExpression_Expect_SameAsBraces()
    {
        var element = Single(".param r0=2k\nR1 a 0 'r0 + 1'", "R1");

        Assert.That(element.Value, Is.EqualTo(new ParamValue(2001, "r0 + 1")));
    }

    [Test]
    public void When_ContinuationAndCommentsMixed_Expect_OneCard()
    {
        const string deck = "title\n* comment\nR1 a\n* comment between\n+ b ; inline\n\n+ 1k $ dollar comment\n.end\nthis line is ignored";

        var netlist = NetlistReader.ReadText(deck);

        Assert.That(netlist.Elements, Has.Count.EqualTo(1));
        Assert.That(netlist.Elements[0].Nodes, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(netlist.Elements[0].Value!.Value.Value, Is.EqualTo(1000.0));
        Assert.That(netlist.Elements[0].Location, Is.EqualTo(new SourceLocation("<text>", 3, 1)));
    }

    [Test]
    public void When_SameNameInDifferentScopes_Expect_Accepted()
    {
        var netlist = NetlistReader.ReadText("t\n.subckt s a\nR1 a 0 1\n.ends\nR1 x 0 1\nX1 x s");

        Assert.That(netlist.Elements.Select(e => e.Name), Is.EqualTo(new[] { "R1", "X1" }));
        Assert.That(netlist.Subcircuits["S"].Elements[0].Name, Is.EqualTo("R1"));
    }

    [Test]
    public void When_ModelDefinedAfterUseOrAtTopLevel_Expect_ResolvedAfterWholeDeck()
    {
        var netlist = NetlistReader.ReadText("t\nD1 a 0 dm\n.subckt s p\nD1 p 0 dm\n.ends\nX1 a s\n.model dm d");

        Assert.That(netlist.Elements[0].Model, Is.EqualTo("dm"));
        Assert.That(netlist.Models.ContainsKey("dm"), Is.True);
    }

    [Test]
    public void When_ModelLocalToOtherSubcircuit_Expect_UnknownModelError()
    {
        const string deck = "t\n.subckt a p\n.model dloc d\nD1 p 0 dloc\n.ends\n.subckt b p\nD1 p 0 dloc\n.ends";

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText(deck))!;

        Assert.That(ex.Detail, Does.Contain("unknown model 'dloc' for D1 in subcircuit 'b'"));
        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("<text>", 7, 8)));
    }
}
