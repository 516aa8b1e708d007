using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Creates the compiled element of one netlist card.</summary>
/// <param name="card">The (flattened) element card.</param>
/// <param name="context">The deck's models, options and shared model parameters.</param>
/// <returns>The element.</returns>
/// <exception cref="NetlistException">The card cannot be compiled (missing value, unknown model...).</exception>
/// <exception cref="ArgumentException">A value is out of range (the registry reports it at the card).</exception>
public delegate CircuitElement ElementFactory(ElementCard card, ElementFactoryContext context);
