using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>Reading <c>.measure</c> cards: what each form holds, and the errors a bad card gives.</summary>
[TestFixture]
public class NetlistReaderMeasureTests
{
    private static MeasureCard Read(string card) => NetlistReader.ReadText($"t\nr1 a 0 1\n{card}\n").Measures.Single();

    [Test]
    public void When_TrigTargRead_Expect_BothConditions()
    {
        MeasureCard m = Read(".measure tran TRise trig v(out) val=0.1 td=1u rise=2 targ v(a,b) val={0.5+0.4} fall=last from=1n");

        Assert.That(m.Name, Is.EqualTo("trise"));
        Assert.That(m.Kind, Is.EqualTo(MeasureKind.TrigTarg));
        Assert.That(m.Trigger, Is.EqualTo(new MeasureCondition(new MeasureVector(new OutputVector('v', "out")), 0.1, null, CrossingEdge.Rise, 2, 1e-6, null)));
        Assert.That(m.Target, Is.EqualTo(new MeasureCondition(new MeasureVector(new OutputVector('v', "a", "b")), 0.9, null, CrossingEdge.Fall, MeasureCondition.Last, 0, null)));
        Assert.That(m.From, Is.EqualTo(1e-9));
        Assert.That(m.Text, Is.EqualTo(".measure tran TRise trig v(out) val=0.1 td=1u rise=2 targ v(a,b) val='0.5+0.4' fall=last from=1n"));
    }

    [Test]
    public void When_FindWhenVectorAndAcPartsRead_Expect_VectorsAndLevelVector()
    {
        MeasureCard find = Read(".meas ac g find vdb(out) when vp(out)=vp(in) cross=3");

        Assert.That(find.Vector, Is.EqualTo(new MeasureVector(new OutputVector('v', "out"), 'd')));
        Assert.That(find.Trigger!.LevelVector, Is.EqualTo(new MeasureVector(new OutputVector('v', "in"), 'p')));
        Assert.That(find.Trigger.Edge, Is.EqualTo(CrossingEdge.Cross));
        Assert.That(find.Trigger.Count, Is.EqualTo(3));
        Assert.That(find.Vector!.ToString(), Is.EqualTo("vdb(out)"));
    }

    [TestCase(".meas tran", 3, 11, ".meas: expected '.measure tran|dc|ac|op name'")]
    [TestCase(".meas noise x max v(a)", 3, 7, "expected an analysis type (tran, dc, ac or op), found 'noise'")]
    [TestCase(".meas tran x bogus v(a)", 3, 14, ".meas x: unknown function 'bogus'")]
    [TestCase(".meas tran x trig v(a) val=1 rise=1", 3, 36, ".meas x: expected TARG after the TRIG clause")]
    [TestCase(".meas tran x trig v(a) rise=1 targ v(a) val=1 rise=1", 3, 31, ".meas x: TRIG v(a) needs VAL=value")]
    [TestCase(".meas tran x trig v(a) val=1 rise=1 targ v(a) val=1", 3, 52, ".meas x: TARG v(a) needs RISE=, FALL= or CROSS=")]
    [TestCase(".meas tran x when v(a)=1 rise=0", 3, 31, ".meas x: rise= must be a positive integer or LAST, found '0'")]
    [TestCase(".meas tran x when v(a)=1 bogus=2", 3, 26, ".meas x: unexpected 'bogus': expected VAL=, TD=")]
    [TestCase(".meas tran x max q(a)", 3, 18, ".meas x: MAX: unsupported vector 'q(…)': expected v(node), v(node,node) or i(vsource)")]
    [TestCase(".meas tran x max vdb(a)", 3, 18, ".meas x: MAX: 'vdb(…)' is an ac vector: expected v(…) or i(…) in a tran measure")]
    [TestCase(".meas tran x avg v(a) from=2 to=1", 3, 1, ".meas x: TO=1 is before FROM=2")]
    [TestCase(".meas tran x avg v(a) rise=1", 3, 23, ".meas x: AVG takes only FROM=, TO= and TD=")]
    [TestCase(".meas tran x find v(a)", 3, 23, ".meas x: FIND v(a) needs WHEN … or AT=value")]
    [TestCase(".meas op x max v(a)", 3, 12, ".meas x: an op measure can only be FIND v(x) or PARAM='expression'")]
    [TestCase(".meas op x find v(a) when v(a)=1", 3, 12, ".meas x: an op measure can only be FIND v(x) or PARAM='expression'")]
    [TestCase(".meas tran x param", 3, 19, ".meas x: expected PARAM='expression'")]
    [TestCase(".meas tran x when v(a)=1\n.meas tran X max v(a)", 4, 12, ".meas: duplicate measure 'X' for tran")]
    public void When_MeasureCardInvalid_Expect_NetlistExceptionAtLineAndColumn(string card, int line, int column, string fragment)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"t\nr1 a 0 1\n{card}\n", "deck.cir"))!;

        Assert.That(ex.Message, Does.Contain(fragment));
        Assert.That(ex.Location.Line, Is.EqualTo(line), ex.Message);
        Assert.That(ex.Location.Column, Is.EqualTo(column));
    }
}
