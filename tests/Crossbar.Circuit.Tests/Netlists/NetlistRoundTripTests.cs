using NUnit.Framework;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NetlistRoundTripTests
{
    private static IEnumerable<TestCaseData> DeckCases()
    {
        yield return new TestCaseData(Decks.Representative).SetArgDisplayNames("representative");
        yield return new TestCaseData(Decks.Rc).SetArgDisplayNames("rc");
        yield return new TestCaseData(Decks.Expressions).SetArgDisplayNames("expressions");
    }

    [TestCaseSource(nameof(DeckCases))]
    public void When_DeckWrittenReadAndWrittenAgain_Expect_SameText(string deck)
    {
        var first = NetlistWriter.Write(NetlistReader.ReadText(deck));
        var second = NetlistWriter.Write(NetlistReader.ReadText(first));

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCaseSource(nameof(DeckCases))]
    public void When_DeckWrittenAndReadBack_Expect_StructurallyEqualNetlist(string deck)
    {
        var original = NetlistReader.ReadText(deck);
        var reread = NetlistReader.ReadText(NetlistWriter.Write(original));

        NetlistAssert.AreEquivalent(original, reread);
    }

    [TestCaseSource(nameof(DeckCases))]
    public void When_FlattenedDeckWrittenAndReadBack_Expect_SameTextAndNoSubcircuits(string deck)
    {
        var flat = SubcircuitFlattener.Flatten(NetlistReader.ReadText(deck));
        var text = NetlistWriter.Write(flat);
        var reread = NetlistReader.ReadText(text);

        Assert.That(NetlistWriter.Write(reread), Is.EqualTo(text));
        Assert.That(reread.Subcircuits, Is.Empty);
        Assert.That(reread.Elements.Count(e => e.Kind == 'X'), Is.Zero);
    }

    [Test]
    public void When_NetlistBuiltInCode_Expect_WriterOutputReadsBackEqual()
    {
        var netlist = new Netlist { Title = "built in code" };
        netlist.Parameters.Add(new ParameterCard("g0", 1e-5));
        netlist.Parameters.Add(new ParameterCard("r0", new ParamValue(1 / 1e-5, "1/g0")));
        netlist.Elements.Add(new ElementCard("Vin", ["in", "0"]) { Value = 0.2, Waveform = new PulseWaveform(0, 0.2, 0, 1e-9, 1e-9, 5e-7, 1e-6) });
        netlist.Elements.Add(new ElementCard("R1", ["in", "out"]) { Value = new ParamValue(1 / 1e-5, "r0") });
        netlist.Elements.Add(new ElementCard("C1", ["out", "0"]) { Value = 2.2e-12 });
        netlist.Options.Add(new OptionCard("reltol", 1e-6, null));
        netlist.Analyses.Add(new TranAnalysisCard(1e-9, 2e-6, 0.0, 5e-9, false));
        netlist.Saves.Add(new OutputVector('v', "out"));

        var text = NetlistWriter.Write(netlist);
        var reread = NetlistReader.ReadText(text);

        Assert.That(NetlistWriter.Write(reread), Is.EqualTo(text));
        NetlistAssert.AreEquivalent(netlist, reread);
        Assert.That(text, Does.Contain("C1 out 0 2.2e-12"));
        Assert.That(text, Does.Contain(".tran 1e-09 2e-06 0 5e-09"));
    }

    [Test]
    public void When_PrintOpWritten_Expect_OmittedBecauseNgspiceRejectsIt()
    {
        var netlist = NetlistReader.ReadText("t\nR1 a 0 1\n.op\n.print op v(a)\n.print dc v(a)");

        var text = NetlistWriter.Write(netlist);

        Assert.That(netlist.Prints.Select(p => p.Analysis), Is.EqualTo(new[] { "op", "dc" }));
        Assert.That(text, Does.Not.Contain(".print op"));
        Assert.That(text, Does.Contain(".print dc v(a)"));
    }
}
