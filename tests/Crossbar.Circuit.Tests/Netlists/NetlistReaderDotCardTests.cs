using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NetlistReaderDotCardTests
{
    private static Netlist Read(string cards) => NetlistReader.ReadText("my title\n" + cards);

    [Test]
    public void When_DeckRead_Expect_FirstLineIsTitle() =>
        Assert.That(Read("R1 a 0 1").Title, Is.EqualTo("my title"));

    [Test]
    public void When_TitleCardGiven_Expect_TitleReplaced() =>
        Assert.That(Read(".title Better Title\nR1 a 0 1").Title, Is.EqualTo("Better Title"));

    [Test]
    public void When_ModelWithAndWithoutParentheses_Expect_TypeAndParameters()
    {
        var netlist = Read(".model D1N4148 D (IS=2.52n N=1.752)\n.model nch NMOS level=1 vto=0.7\n.MODEL pch pmos(vto=-0.7)");

        Assert.That(netlist.Models["d1n4148"].Type, Is.EqualTo("d"));
        Assert.That(netlist.Models["d1n4148"].Get("is"), Is.EqualTo(2.52e-9).Within(1e-24));
        Assert.That(netlist.Models["NCH"].Type, Is.EqualTo("nmos"));
        Assert.That(netlist.Models["nch"].Get("vto"), Is.EqualTo(0.7));
        Assert.That(netlist.Models["pch"].Get("VTO"), Is.EqualTo(-0.7));
    }

    [Test]
    public void When_ParamsDependOnEarlierParams_Expect_EvaluatedInOrder()
    {
        var netlist = Read(".param a=2 b={a*3}\n.param c = a + b, d=max(a,b)\nR1 x 0 {c}");

        Assert.That(netlist.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(netlist.Parameters.Select(p => p.Value.Value), Is.EqualTo(new[] { 2.0, 6.0, 8.0, 6.0 }));
        Assert.That(netlist.Parameters[2].Value.Expression, Is.EqualTo("a + b"));
        Assert.That(netlist.Elements[0].Value!.Value.Value, Is.EqualTo(8.0));
    }

    [Test]
    public void When_ParameterUsedBeforeItsCard_Expect_ValueResolved()
    {
        var netlist = Read("R1 x 0 {rx*2}\nV1 x 0 dc {vx} ac {vx/10}\n.param rx=1.5k\n+ vx=2");

        Assert.That(netlist.Elements[0].Value!.Value.Value, Is.EqualTo(3000.0));
        Assert.That(netlist.Elements[1].Value!.Value.Value, Is.EqualTo(2.0));
        Assert.That(netlist.Elements[1].AcMagnitude!.Value.Value, Is.EqualTo(0.2).Within(1e-15));
    }

    [Test]
    public void When_ParamUsedBeforeItIsDefined_Expect_ErrorNamingIt()
    {
        var ex = Assert.Throws<NetlistException>(() => Read(".param b={a*3}\n.param a=2"))!;

        Assert.That(ex.Detail, Does.Contain("unknown parameter 'a'"));
        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("<text>", 2, 11)));
    }

    [Test]
    public void When_OptionsRead_Expect_RecognisedAndHarmlessKeptUnknownWarned()
    {
        var netlist = Read(".options reltol=1e-4 METHOD=Gear noopiter noinit itl1=500\n.option temp=50 klu rshunt=1g");

        Assert.That(netlist.Options.Select(o => o.Name), Is.EqualTo(new[] { "reltol", "method", "noopiter", "noinit", "itl1", "temp" }));
        Assert.That(netlist.Options[0].Value, Is.EqualTo(1e-4));
        Assert.That(netlist.Options[1].Text, Is.EqualTo("gear"));
        Assert.That(netlist.Options[5].Value, Is.EqualTo(50));
        Assert.That(netlist.Warnings, Has.Count.EqualTo(2));
        Assert.That(netlist.Warnings[0], Does.Contain("<text>:3:17").And.Contain("klu"));
        Assert.That(netlist.Warnings[1], Does.Contain("option 'rshunt' is not supported"));
    }

    [Test]
    public void When_InitialConditionsRead_Expect_ByNode()
    {
        var netlist = Read(".ic v(OUT)=1.5 V(n2) = {2*1}");

        Assert.That(netlist.InitialConditions["out"], Is.EqualTo(1.5));
        Assert.That(netlist.InitialConditions["n2"], Is.EqualTo(2.0));
    }

    [Test]
    public void When_AnalysesRead_Expect_AllFourInOrder()
    {
        var netlist = Read("V1 a 0 1\nV2 b 0 1\n.op\n.dc V1 0 1 0.1 v2 0 2 1\n.tran 1n 1u 10n 2n uic\n.ac oct 5 10 1g");

        Assert.That(netlist.Analyses[0], Is.TypeOf<OpAnalysisCard>());
        var dc = (DcAnalysisCard)netlist.Analyses[1];
        Assert.That(dc.Sweeps.Select(s => s.Source), Is.EqualTo(new[] { "V1", "v2" }));
        Assert.That(dc.Sweeps[1].Stop.Value, Is.EqualTo(2.0));
        var tran = (TranAnalysisCard)netlist.Analyses[2];
        Assert.That(tran.Step.Value, Is.EqualTo(1e-9).Within(1e-24));
        Assert.That(tran.Stop.Value, Is.EqualTo(1e-6).Within(1e-21));
        Assert.That(tran.Start!.Value.Value, Is.EqualTo(1e-8).Within(1e-23));
        Assert.That(tran.MaxStep!.Value.Value, Is.EqualTo(2e-9).Within(1e-24));
        Assert.That(tran.UseInitialConditions, Is.True);
        var ac = (AcAnalysisCard)netlist.Analyses[3];
        Assert.That(ac.Kind, Is.EqualTo(AcSweepKind.Octave));
        Assert.That(ac.Points, Is.EqualTo(5));
        Assert.That(ac.StopFrequency.Value, Is.EqualTo(1e9));
    }

    [Test]
    public void When_TranHasOnlyStepAndStop_Expect_OptionalFieldsNull()
    {
        var tran = (TranAnalysisCard)Read(".tran 1n 10n").Analyses.Single();

        Assert.That(tran.Start, Is.Null);
        Assert.That(tran.MaxStep, Is.Null);
        Assert.That(tran.UseInitialConditions, Is.False);
    }

    [Test]
    public void When_SaveAndPrintRead_Expect_Vectors()
    {
        var netlist = Read("V1 a 0 1\n.save v(out) V(a, b) i(V1) bare all\n.print tran v(out) i(v1)\n.plot dc v(a)");

        Assert.That(netlist.Saves.Select(v => v.ColumnName), Is.EqualTo(new[] { "v(out)", "v(a,b)", "i(v1)", "v(bare)", "all" }));
        Assert.That(netlist.Prints.Select(p => p.Analysis), Is.EqualTo(new[] { "tran", "dc" }));
        Assert.That(netlist.Prints[0].Vectors.Select(v => v.ColumnName), Is.EqualTo(new[] { "v(out)", "i(v1)" }));
    }

    [Test]
    public void When_PrintAllRead_Expect_AllStandsForTheDefaultVectors()
    {
        var netlist = Read("V1 a 0 1\nR1 a b 1k\nR2 b 0 1k\n.dc V1 0 1 0.5\n.print dc v(a,b) all");

        Assert.That(netlist.Prints[0].Vectors, Is.EqualTo(new[] { new OutputVector('v', "a", "b"), OutputVector.All }));
        var table = Crossbar.Circuit.Simulation.CircuitSimulator.Run(netlist).Tables.Single();
        Assert.That(table.Columns.Skip(1), Is.EqualTo(new[] { "v(a,b)", "v(a)", "v(b)", "i(v1)" }));
        Assert.That(NetlistWriter.Write(netlist), Does.Contain(".print dc v(a,b) all"));
    }

    [Test]
    public void When_ControlBlockPresent_Expect_SkippedWithWarning()
    {
        var netlist = Read("R1 a 0 1\n.control\nrun\nset x = { weird\n.endc\nR2 a 0 1");

        Assert.That(netlist.Elements.Select(e => e.Name), Is.EqualTo(new[] { "R1", "R2" }));
        Assert.That(netlist.Warnings.Single(), Does.Contain(".control block").And.Contain("<text>:3:1"));
    }

    [Test]
    public void When_ControlBlockRunsAnalyses_Expect_ThemAsDotCardsAndTheScriptSkipped()
    {
        var netlist = Read("V1 a 0 1\nR1 a 0 1k\n.control\n* comment\nop\nif v(a) > 0.5\n echo ok\nend\ndc V1 0 2 0.5\n  tran 1u 10u\nac dec 5 1 1k\nplot v(a)\nrun\n.endc");

        Assert.That(netlist.Analyses.Select(a => a.GetType().Name), Is.EqualTo(new[] { "OpAnalysisCard", "DcAnalysisCard", "TranAnalysisCard", "AcAnalysisCard" }));
        Assert.That(((TranAnalysisCard)netlist.Analyses[2]).Stop.Value, Is.EqualTo(10e-6));
        Assert.That(netlist.Warnings.Single(), Does.Contain("<text>:4:1: .control block (lines 4-15): its analyses (op, dc, tran, ac) run as dot-cards"));
    }

    [TestCase("alter R1 2k", "it runs 'alter'")]
    [TestCase("foreach r 1k 2k\nop\nend", "it runs 'op' inside an if/loop")]
    [TestCase("option reltol=1e-6", "it runs 'option'")]
    public void When_ControlBlockChangesTheCircuit_Expect_WholeBlockSkippedNamingTheCommand(string script, string reason)
    {
        var netlist = Read($"V1 a 0 1\nR1 a 0 1k\n.control\nop\n{script}\nop\n.endc");

        Assert.That(netlist.Analyses, Is.Empty);
        Assert.That(netlist.Warnings.Single(), Does.Contain("skipped: " + reason));
    }

    [Test]
    public void When_ControlBlockAnalysisIsBad_Expect_ErrorAtItsLine()
    {
        var ex = Assert.Throws<NetlistException>(() => Read("R1 a 0 1\n.control\ntran 1u\n.endc"));

        Assert.That(ex!.Location.Line, Is.EqualTo(4));
        Assert.That(ex.Message, Does.Contain(".tran"));
    }

    [Test]
    public void When_DeckPreparedForBatchRun_Expect_ControlAnalysesAsDotCardsAndScriptsRemoved()
    {
        string deck = "t\nR1 a 0 1\n.control\nop\nplot v(a)\n.endc\n.control\nalter R1 2\nop\n.endc\n.end";

        string batch = ControlBlock.ForBatchRun(deck);

        Assert.That(batch.Split('\n'), Is.EqualTo(new[]
        {
            "t", "R1 a 0 1", "* .control block at line 3: its analyses as dot-cards", ".op",
            "* .control block at line 7 removed: it runs 'alter', which changes the circuit or the run", ".end",
        }));
    }

    [TestCase("", 27)]
    [TestCase(".temp 85\n", 85)]
    [TestCase(".options reltol=1e-4 temp=-40\n", -40)]
    public void When_TemperRead_Expect_TheCircuitTemperatureInCelsiusWhereverItIsSet(string card, double celsius)
    {
        var netlist = Read($"R1 a 0 {{1k + temper}}\n.param t2 = {{2 * temper}}\n{card}");

        Assert.That(netlist.Elements.Single().Value?.Value, Is.EqualTo(1000 + celsius));
        Assert.That(netlist.Parameters.Single().Value.Value, Is.EqualTo(2 * celsius));
    }

    [Test]
    public void When_SubcircuitsNested_Expect_TreeWithParamsAndLocalModels()
    {
        var netlist = Read(".subckt outer a b params: g=2 h={g*2}\n.model dl d\n.subckt inner x y\nR1 x y 1\n.ends inner\nX1 a b inner\nD1 a b dl\n.ends outer\nX1 p q outer");

        var outer = netlist.Subcircuits["outer"];
        Assert.That(outer.Ports, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(outer.Parameters.Select(p => (p.Key, p.Value.Value)), Is.EqualTo(new[] { ("g", 2.0), ("h", 4.0) }));
        Assert.That(outer.Models.ContainsKey("DL"), Is.True);
        Assert.That(outer.Subcircuits["inner"].Elements.Single().Name, Is.EqualTo("R1"));
        Assert.That(outer.Elements.Select(e => e.Name), Is.EqualTo(new[] { "X1", "D1" }));
        Assert.That(netlist.Models, Is.Empty);
    }
}
