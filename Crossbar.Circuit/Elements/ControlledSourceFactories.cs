using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Factories of the controlled sources E, G, F and H: a plain gain gives the linear element; the POLY(n) and TABLE
/// forms, and E/G <c>VALUE={expr}</c>, give a <see cref="BehavioralSource"/> of the same output (voltage for E and H,
/// current for G and F).
/// </summary>
internal static class ControlledSourceFactories
{
    public static CircuitElement Vcvs(ElementCard card, ElementFactoryContext context)
        => card.Behavior is not null ? BehavioralFactory.Create(card, context)
        : Nonlinear(card, isVoltage: true)
        ?? new Vcvs(card.Name, card.Nodes[0], card.Nodes[1], card.Nodes[2], card.Nodes[3], ElementFactoryContext.Required(card));

    public static CircuitElement Vccs(ElementCard card, ElementFactoryContext context)
        => card.Behavior is not null ? BehavioralFactory.Create(card, context)
        : Nonlinear(card, isVoltage: false)
        ?? new Vccs(card.Name, card.Nodes[0], card.Nodes[1], card.Nodes[2], card.Nodes[3], ElementFactoryContext.Required(card));

    public static CircuitElement Cccs(ElementCard card, ElementFactoryContext context)
        => Nonlinear(card, isVoltage: false)
        ?? new Cccs(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.ControlOf(card), ElementFactoryContext.Required(card));

    public static CircuitElement Ccvs(ElementCard card, ElementFactoryContext context)
        => Nonlinear(card, isVoltage: true)
        ?? new Ccvs(card.Name, card.Nodes[0], card.Nodes[1], ElementFactoryContext.ControlOf(card), ElementFactoryContext.Required(card));

    /// <summary>The POLY or TABLE form as a behavioural source, or null for a plain gain.</summary>
    private static CircuitElement? Nonlinear(ElementCard card, bool isVoltage)
    {
        BehavioralNode tree;
        if (card.Polynomial is { } polynomial)
        {
            List<BehavioralNode> controls = polynomial.ControlSources.Count > 0
                ? [.. polynomial.ControlSources.Select(source => new BehavioralCurrent(source))]
                : [.. Enumerable.Range(0, polynomial.Dimensions).Select(k => Voltage(card.Nodes[2 + (2 * k)], card.Nodes[3 + (2 * k)]))];
            tree = ControlledSourceFunctions.Polynomial(controls, [.. polynomial.Coefficients.Select(c => c.Value)]);
        }
        else if (card.Table is { } table)
        {
            tree = ControlledSourceFunctions.Table(BehavioralExpression.Parse(table.Input, card.Location), [.. table.Points.Select(p => (p.X.Value, p.Y.Value))]);
        }
        else
        {
            return null;
        }

        BehavioralFunction function = BehavioralFunction.Compile(tree, _ => null);
        return new BehavioralSource(card.Name, card.Nodes[0], card.Nodes[1], isVoltage, function);
    }

    private static BehavioralVoltage Voltage(string plus, string minus) => new(plus, minus == "0" ? null : minus);
}
