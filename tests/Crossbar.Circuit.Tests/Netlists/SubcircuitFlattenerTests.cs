using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class SubcircuitFlattenerTests
{
    private const string Nested = """
        flatten me
        .param vdd=2 r=5
        .model dtop d (is=1e-14)
        .subckt inner a b params: r=1k
        R1 a n1 {r}
        R2 n1 b {2*r}
        .ends inner
        .subckt outer p q params: scale=1
        .model dl d (is={1e-14*scale})
        X1 p m inner r={scale*100}
        X2 m q inner
        D1 m 0 dl
        D2 m 0 dtop
        Vs m vs 0
        Rs vs 0 1
        F1 q 0 Vs 2
        .ends outer
        x1 in out outer scale=3
        x2 in out2 outer
        V1 in 0 {vdd}
        Rtop out 0 {r}
        .end
        """;

    private static Netlist FlattenNested() => SubcircuitFlattener.Flatten(NetlistReader.ReadText(Nested));

    private static ElementCard Element(Netlist netlist, string name) =>
        netlist.Elements.Single(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    [Test]
    public void When_Flattened_Expect_NoSubcircuitsAndNoInstances()
    {
        var flat = FlattenNested();

        Assert.That(flat.Subcircuits, Is.Empty);
        Assert.That(flat.Elements.Count(e => e.Kind == 'X'), Is.Zero);
        Assert.That(flat.Elements, Has.Count.EqualTo(2 * (2 + 2 + 5) + 2));
    }

    [Test]
    public void When_NestedInstanceExpanded_Expect_NgspiceStyleNamesAndNodes()
    {
        var flat = FlattenNested();

        var r1 = Element(flat, "R.x1.X1.R1");
        Assert.That(r1.Nodes, Is.EqualTo(new[] { "in", "x1.x1.n1" }));
        var r2 = Element(flat, "R.x1.X2.R2");
        Assert.That(r2.Nodes, Is.EqualTo(new[] { "x1.x2.n1", "out" }));
        Assert.That(Element(flat, "R.x1.X1.R2").Nodes, Is.EqualTo(new[] { "x1.x1.n1", "x1.m" }));
        Assert.That(Element(flat, "V.x1.Vs").Nodes, Is.EqualTo(new[] { "x1.m", "x1.vs" }));
    }

    [Test]
    public void When_ParametersOverridden_Expect_InstanceOverDefaultOverGlobal()
    {
        var flat = FlattenNested();

        Assert.That(Element(flat, "R.x1.X1.R1").Value!.Value.Value, Is.EqualTo(300.0).Within(1e-12));
        Assert.That(Element(flat, "R.x1.X1.R2").Value!.Value.Value, Is.EqualTo(600.0).Within(1e-12));
        Assert.That(Element(flat, "R.x1.X2.R1").Value!.Value.Value, Is.EqualTo(1000.0));
        Assert.That(Element(flat, "R.x2.X1.R1").Value!.Value.Value, Is.EqualTo(100.0).Within(1e-12));
        Assert.That(Element(flat, "Rtop").Value, Is.EqualTo(new ParamValue(5, "r")));
        Assert.That(Element(flat, "R.x1.X1.R1").Value!.Value.Expression, Is.Null);
    }

    [Test]
    public void When_LocalModelUsed_Expect_PerInstanceCopyWithInstanceParameters()
    {
        var flat = FlattenNested();

        Assert.That(Element(flat, "D.x1.D1").Model, Is.EqualTo("x1.dl"));
        Assert.That(Element(flat, "D.x2.D1").Model, Is.EqualTo("x2.dl"));
        Assert.That(Element(flat, "D.x1.D2").Model, Is.EqualTo("dtop"));
        Assert.That(flat.Models["x1.dl"].Get("is"), Is.EqualTo(3e-14).Within(1e-27));
        Assert.That(flat.Models["x2.dl"].Get("is"), Is.EqualTo(1e-14).Within(1e-27));
        Assert.That(flat.Models.Keys, Is.EquivalentTo(new[] { "dtop", "x1.dl", "x2.dl" }));
    }

    [Test]
    public void When_CurrentControlledSourceInSubcircuit_Expect_ControlRenamedToFlatSource()
    {
        var flat = FlattenNested();

        var f1 = Element(flat, "F.x1.F1");
        Assert.That(f1.ControlSource, Is.EqualTo("V.x1.Vs"));
        Assert.That(flat.Elements.Any(e => string.Equals(e.Name, f1.ControlSource, StringComparison.OrdinalIgnoreCase)), Is.True);
        Assert.That(f1.Nodes, Is.EqualTo(new[] { "out", "0" }));
    }

    [Test]
    public void When_FlatNetlistReadBack_Expect_SameElementKindsAndValues()
    {
        var flat = FlattenNested();

        var reread = NetlistReader.ReadText(NetlistWriter.Write(flat));

        NetlistAssert.AreEquivalent(flat, reread);
    }

    [Test]
    public void When_DefaultUsesGlobalParameter_Expect_GlobalValue()
    {
        const string deck = "t\n.param vdd=3\n.subckt s a params: r={vdd*1k}\nR1 a 0 {r}\n.ends\nX1 n s\nX2 m s r={vdd*5}";

        var flat = SubcircuitFlattener.Flatten(NetlistReader.ReadText(deck));

        Assert.That(Element(flat, "R.X1.R1").Value!.Value.Value, Is.EqualTo(3000.0));
        Assert.That(Element(flat, "R.X2.R1").Value!.Value.Value, Is.EqualTo(15.0));
    }

    [Test]
    public void When_NestedDefinitionUsesEnclosingParameter_Expect_EnclosingInstanceValue()
    {
        const string deck = "t\n.subckt outer a params: g=2\n.subckt inner b\nR1 b 0 {g*10}\n.ends\nXi a inner\n.ends\nX1 n outer g=7";

        var flat = SubcircuitFlattener.Flatten(NetlistReader.ReadText(deck));

        Assert.That(Element(flat, "R.X1.Xi.R1").Value!.Value.Value, Is.EqualTo(70.0));
        Assert.That(Element(flat, "R.X1.Xi.R1").Nodes, Is.EqualTo(new[] { "n", "0" }));
    }

    [Test]
    public void When_NetlistBuiltInCodeHasRecursiveInstance_Expect_NetlistException()
    {
        var netlist = new Netlist();
        var definition = new SubcircuitDefinition("loop", ["a"]);
        definition.Elements.Add(new ElementCard("X1", ["a"]) { Model = "loop" });
        netlist.Subcircuits.Add("loop", definition);
        netlist.Elements.Add(new ElementCard("X1", ["n"]) { Model = "loop" });

        var ex = Assert.Throws<NetlistException>(() => SubcircuitFlattener.Flatten(netlist))!;

        Assert.That(ex.Detail, Does.Contain("recursive subcircuit instantiation"));
    }
}
