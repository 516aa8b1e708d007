using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

public class UnknownMapTests
{
    private static string Name(int k) => $"x_n{k}";

    private static int? Find(string name) =>
        name.StartsWith("x_n", StringComparison.OrdinalIgnoreCase) && int.TryParse(name.AsSpan(3), out int k) ? k : null;

    [Test]
    public void When_NodesAddedAsABlock_Expect_NamesLookupsAndKindsAsIfAddedByName()
    {
        var map = new UnknownMap();
        int a = map.Node("a");
        int? first = map.AddNodes(5, Name, Find);
        int b = map.Node("b");

        Assert.That(first, Is.EqualTo(a + 1));
        Assert.That(b, Is.EqualTo(a + 6), "a node added after the block comes after it");
        Assert.That(map.NameOf(first!.Value + 3), Is.EqualTo("x_n3"));
        Assert.That(map.FindNode("X_N4"), Is.EqualTo(first + 4), "node names are case-insensitive");
        Assert.That(map.Node("x_n2"), Is.EqualTo(first + 2), "a later element naming a block node connects to it");
        Assert.That(map.FindNode("x_n5"), Is.Null, "outside the block");
        Assert.That(map.KindOf(first.Value), Is.EqualTo(UnknownKind.Voltage));
        Assert.That(map.Describe(first.Value + 1), Is.EqualTo("node x_n1"));
        Assert.That(map.Count, Is.EqualTo(7));
    }

    [Test]
    public void When_ABlockNameWasAddedBefore_Expect_TheBlockRefusedSoTheCallerAddsByName()
    {
        var map = new UnknownMap();
        map.Node("x_n1");
        Assert.That(map.AddNodes(5, Name, Find), Is.Null);
        Assert.That(map.Count, Is.EqualTo(1));
    }

    [Test]
    public void When_AnElementUsesAnArrayInternalNodeName_Expect_ItConnectsToTheArray()
    {
        // Elements bind before arrays, so the array finds the name taken and adds its nodes by name: a 1 kΩ load on a
        // row-wire node of the array changes the INV outputs (it is connected), a load on a node of its own does not.
        double[] free = ArrayDeck("elsewhere");
        double[] loaded = ArrayDeck(null);
        double[] none = ArrayDeck("elsewhere", withLoad: false);
        Assert.That(free, Is.EqualTo(none).AsCollection.Within(1e-12));
        Assert.That(Math.Abs(loaded[0] - none[0]) + Math.Abs(loaded[1] - none[1]), Is.GreaterThan(1e-6));
    }

    private static double[] ArrayDeck(string? node, bool withLoad = true)
    {
        var netlist = Crossbar.Circuit.Builders.InvCircuitBuilder.Build(
            new double[,] { { 3, -1 }, { -1, 3 } }, [1, 0.5],
            new Crossbar.Circuit.Builders.CrossbarBuildOptions { Cell = Crossbar.Circuit.Netlists.CrossbarCellKind.Transistor },
            Crossbar.Circuit.Builders.CircuitAnalysis.OperatingPoint).Netlist;
        string array = netlist.Arrays[0].Name;
        if (withLoad)
        {
            netlist.Elements.Add(new Crossbar.Circuit.Netlists.ElementCard("R9", [node ?? $"{array}_r1_1", "0"]) { Value = 1e3 });
        }

        ResultTable op = CircuitSimulator.Run(netlist).Find("op")!;
        return [op.Column("v(c0)")[0], op.Column("v(c1)")[0]];
    }
}
