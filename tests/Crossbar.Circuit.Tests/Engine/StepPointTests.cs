using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

/// <summary><c>.step</c>: the values a card gives, the order of the points, and what each point changes in the deck.</summary>
[TestFixture]
public class StepPointTests
{
    private const string Rc = "rc\n.param r=1k\n.param tau={r*1n}\nv1 in 0 1\nr1 in out {r}\nc1 out 0 1n\n.model dm d (is=1e-14)\nd1 out 0 dm\n.op\n";

    [Test]
    public void When_StepsRead_Expect_ValuesAndPointsWithTheLastFastest()
    {
        Netlist netlist = NetlistReader.ReadText(Rc + ".step param r 1k 3k 1k\n.step v1 list 2 5\n");

        IReadOnlyList<StepPoint> points = StepPoint.All(netlist.Steps);

        Assert.That(netlist.Steps[0].Values, Is.EqualTo(new[] { 1e3, 2e3, 3e3 }).Within(1e-9));
        Assert.That(points.Select(p => p.Values.ToArray()), Is.EqualTo(new[]
        {
            new[] { 1e3, 2.0 }, new[] { 1e3, 5.0 }, new[] { 2e3, 2.0 }, new[] { 2e3, 5.0 }, new[] { 3e3, 2.0 }, new[] { 3e3, 5.0 },
        }).Within(1e-9));
        Assert.That(netlist.Steps.Select(s => s.ColumnName), Is.EqualTo(new[] { "step_r", "step_v1" }));
    }

    [Test]
    public void When_PointApplied_Expect_ParameterDependantsSourceAndModelChanged()
    {
        Netlist netlist = NetlistReader.ReadText(Rc + ".step param r list 2k\n.step v1 list 3\n.step dm(is) list 1e-12\n");

        Netlist stepped = StepPoint.All(netlist.Steps)[0].Apply(pinned => NetlistReader.ReadText(Rc, "<text>", pinned));

        Assert.That(stepped.Parameters.Single(p => p.Name == "tau").Value.Value, Is.EqualTo(2e-6).Within(1e-18));
        Assert.That(stepped.Elements.Single(e => e.Name == "r1").Value!.Value.Value, Is.EqualTo(2e3));
        Assert.That(stepped.Elements.Single(e => e.Name == "v1").Value!.Value.Value, Is.EqualTo(3));
        Assert.That(stepped.Models["dm"].Get("is"), Is.EqualTo(1e-12));
        Assert.That(netlist.Elements.Single(e => e.Name == "r1").Value!.Value.Value, Is.EqualTo(1e3), "the deck as read is unchanged");
    }

    [Test]
    public void When_SteppedParameterIsNotInTheDeck_Expect_ItIsDefined()
    {
        const string deck = "t\nv1 a 0 {vs}\nr1 a 0 1k\n.op\n";

        Netlist stepped = StepPoint.All([new StepCard(StepTarget.Parameter, "vs", null, [4])])[0]
            .Apply(pinned => NetlistReader.ReadText(deck, "<text>", pinned));

        Assert.That(CircuitSimulator.Run(stepped).Find("op")!.Rows[0][0], Is.EqualTo(4).Within(1e-9));
    }

    [Test]
    public void When_SteppedSourceUnknown_Expect_NetlistExceptionAtTheStepCard()
    {
        Netlist netlist = NetlistReader.ReadText(Rc + ".step vx list 1 2\n", "deck.cir");

        var ex = Assert.Throws<NetlistException>(() => StepPoint.All(netlist.Steps)[0].Apply(p => NetlistReader.ReadText(Rc, "deck.cir", p)))!;

        Assert.That(ex.Message, Is.EqualTo("deck.cir:10:1: .step: unknown source 'vx': expected a top-level V or I source"));
    }

    [TestCase(".step", 1, 6, ".step: expected '.step param name list")]
    [TestCase(".step param 1x list 1", 1, 13, ".step param: expected a parameter name, found '1x'")]
    [TestCase(".step param r 1 0 1", 1, 19, ".step r: step 1 does not go from 1 to 0")]
    [TestCase(".step param r list", 1, 19, ".step r: expected values after 'list'")]
    [TestCase(".step param r 1 2", 1, 18, ".step r: expected 'start stop step' or 'list v1 v2 …'")]
    [TestCase(".step r1 1 2 1", 1, 7, ".step: unexpected 'r1'")]
    [TestCase(".step dm(is list 1", 1, 10, ".step dm(…): expected model(parameter)")]
    [TestCase(".step param r 0 1e9 1", 1, 21, "values is too many")]
    [TestCase(".step param r list 1\n.step param R list 2", 2, 13, ".step R: stepped twice")]
    public void When_StepCardInvalid_Expect_NetlistExceptionAtLineAndColumn(string card, int line, int column, string fragment)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"t\nr1 a 0 1\n{card}\n", "deck.cir"))!;

        Assert.That(ex.Message, Does.Contain(fragment));
        Assert.That((ex.Location.Line, ex.Location.Column), Is.EqualTo((line + 2, column)), ex.Message);
    }
}
