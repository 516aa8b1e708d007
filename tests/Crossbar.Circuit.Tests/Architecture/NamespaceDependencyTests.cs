using System.Reflection;
using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Tests.Architecture;

/// <summary>
/// The namespaces of Crossbar.Circuit and Crossbar.Devices depend one way: Netlists ← Engine ← Elements ←
/// Simulation, no cycle anywhere. The graph is read from the assemblies' metadata and IL (<see cref="NamespaceGraph"/>).
/// </summary>
public class NamespaceDependencyTests
{
    private const string Synthetic = "Crossbar.Circuit.Tests.Architecture.Synthetic";

    private static NamespaceGraph Production()
    {
        Assembly circuit = typeof(CircuitElement).Assembly;
        Assembly devices = Assembly.Load(circuit.GetReferencedAssemblies().Single(a => a.Name == "Crossbar.Devices"));
        return NamespaceGraph.Of([circuit, devices], ns => ns.StartsWith("Crossbar.", StringComparison.Ordinal));
    }

    [Test]
    public void When_EngineScanned_Expect_NoReferenceToElements()
    {
        NamespaceGraph graph = Production();

        Assert.That(graph.Instructions, Is.GreaterThan(10_000), "method bodies were decoded");
        Assert.That(graph.UnresolvedTokens, Is.Zero, "every member token resolved (an unresolved one could hide an edge)");
        Assert.That(graph.References("Crossbar.Circuit.Elements", "Crossbar.Circuit.Engine"), Is.True, "elements derive from the engine's base class");
        Assert.That(graph.References("Crossbar.Circuit.Engine", "Crossbar.Circuit.Elements"), Is.False,
            graph.Edges.TryGetValue("Crossbar.Circuit.Engine", out var targets) && targets.TryGetValue("Crossbar.Circuit.Elements", out string? where) ? where : string.Empty);
    }

    [Test]
    public void When_CircuitAndDevicesScanned_Expect_NoNamespaceCycle()
    {
        NamespaceGraph graph = Production();

        List<string>? cycle = graph.FindCycle();

        Assert.That(cycle, Is.Null, () => "namespace cycle:" + Environment.NewLine + graph.Describe(cycle));
    }

    [Test]
    public void When_ReferencesOnlyInLambdaAndIterator_Expect_BothEdgesAndTheCycleFound()
    {
        NamespaceGraph graph = NamespaceGraph.Of([typeof(NamespaceDependencyTests).Assembly], ns => ns.StartsWith(Synthetic, StringComparison.Ordinal));

        List<string>? cycle = graph.FindCycle();

        Assert.That(graph.References(Synthetic + ".Lower", Synthetic + ".Upper"), Is.True, "closure body counted for its declaring namespace");
        Assert.That(graph.References(Synthetic + ".Upper", Synthetic + ".Lower"), Is.True, "state machine body counted for its declaring namespace");
        Assert.That(cycle, Has.Count.EqualTo(3));
        Assert.That(cycle![0], Is.EqualTo(cycle[2]));
        Assert.That(graph.Describe(cycle), Does.Contain("→"));
    }

    [Test]
    public void When_GraphHasNoCycle_Expect_NoneReported()
    {
        var graph = new Dictionary<string, IEnumerable<string>> { ["a"] = ["b", "c"], ["b"] = ["c"], ["c"] = [] };

        Assert.That(NamespaceGraph.FindCycle(graph), Is.Null);
        graph["c"] = ["a"];
        Assert.That(NamespaceGraph.FindCycle(graph), Is.EqualTo(new[] { "a", "b", "c", "a" }));
    }
}
