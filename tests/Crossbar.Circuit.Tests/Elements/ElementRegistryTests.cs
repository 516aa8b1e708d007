using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Elements;

public class ElementRegistryTests
{
    [Test]
    public void When_DefaultRegistryListed_Expect_EveryElementLetterTheReaderAcceptsButSubcircuits()
    {
        Assert.That(string.Concat(ElementRegistry.Default.Kinds), Is.EqualTo("BCDEFGHILMRSVW"));
    }

    [Test]
    public void When_FactoryRegistered_Expect_ItCreatesTheCardsOfItsKind()
    {
        var registry = new ElementRegistry();
        registry.Register('r', (card, _) => new Resistor(card.Name, card.Nodes[0], card.Nodes[1], 2 * ElementFactoryContext.Required(card)));
        Netlist netlist = NetlistReader.ReadText("t\nR1 a 0 1k\n");

        List<CircuitElement> elements = registry.CreateElements(netlist);

        Assert.That(((Resistor)elements.Single()).Conductance, Is.EqualTo(1 / 2e3).Within(1e-18));
    }

    [Test]
    public void When_KindNotRegistered_Expect_NamedError()
    {
        Netlist netlist = NetlistReader.ReadText("t\nR1 a 0 1k\nC1 a 0 1p\n");
        var registry = new ElementRegistry();
        registry.Register('R', (card, _) => new Resistor(card.Name, card.Nodes[0], card.Nodes[1], 1));

        var ex = Assert.Throws<NetlistException>(() => registry.CreateElements(netlist));

        Assert.That(ex!.Message, Does.Contain("element C1: type 'C' cannot be simulated here"));
    }
}
