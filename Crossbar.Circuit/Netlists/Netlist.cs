namespace Crossbar.Circuit.Netlists;

/// <summary>
/// A whole deck as data: the single thing the reader produces, the engine compiles and the
/// writer prints. Names compare case-insensitively, as in SPICE.
/// </summary>
public sealed class Netlist
{
    /// <summary>First line of the deck.</summary>
    public string Title { get; set; } = "CrossbarSim deck";

    /// <summary>Top-level elements, in order.</summary>
    public List<ElementCard> Elements { get; } = [];

    /// <summary>Crossbar arrays (each one element of struct-of-arrays data; the writer expands them).</summary>
    public List<CrossbarArrayCard> Arrays { get; } = [];

    /// <summary>Top-level models.</summary>
    public Dictionary<string, ModelCard> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Top-level subcircuit definitions.</summary>
    public Dictionary<string, SubcircuitDefinition> Subcircuits { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>.param</c> definitions in order.</summary>
    public List<ParameterCard> Parameters { get; } = [];

    /// <summary>Analyses in the order written.</summary>
    public List<AnalysisCard> Analyses { get; } = [];

    /// <summary><c>.options</c> entries in the order written (recognised and unknown alike).</summary>
    public List<OptionCard> Options { get; } = [];

    /// <summary><c>.ic v(node)=value</c> initial conditions, by node name.</summary>
    public Dictionary<string, double> InitialConditions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>.nodeset v(node)=value</c> starting guesses of the operating point, by node name.</summary>
    public Dictionary<string, double> Nodesets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>.global</c> nodes (lower case): inside a subcircuit they are the top-level node of that name.</summary>
    public HashSet<string> GlobalNodes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>.save</c> vectors (empty: save everything).</summary>
    public List<OutputVector> Saves { get; } = [];

    /// <summary><c>.print</c>/<c>.plot</c> lines.</summary>
    public List<PrintCard> Prints { get; } = [];

    /// <summary><c>.measure</c> cards in the order written.</summary>
    public List<MeasureCard> Measures { get; } = [];

    /// <summary><c>.step</c> cards in the order written (the last varies fastest).</summary>
    public List<StepCard> Steps { get; } = [];

    /// <summary>Warnings produced while reading (skipped .control blocks, unknown options...).</summary>
    public List<string> Warnings { get; } = [];
}
