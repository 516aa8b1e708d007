namespace Crossbar.Circuit.Netlists;

/// <summary>
/// One element line of a deck (R, C, L, V, I, B, E, G, F, H, D, M, X). A plain data record: the
/// reader produces it, the engine compiles it, the writer prints it.
/// </summary>
public sealed class ElementCard
{
    private ElementExtras? _extras;

    /// <summary>Creates an element card.</summary>
    public ElementCard(string name, IReadOnlyList<string> nodes)
    {
        Name = name;
        Nodes = nodes;
        Kind = name is { Length: > 0 } ? char.ToUpperInvariant(name[0]) : default;
    }

    /// <summary>Full name including the type letter, as written (e.g. <c>R1</c>, <c>Vin</c>).</summary>
    public string Name { get; }

    /// <summary>Type letter, upper case.</summary>
    public char Kind { get; }

    /// <summary>Node names in SPICE order (ground is <c>0</c>; <c>gnd</c> is normalised to <c>0</c>); for an E or G
    /// <c>POLY(n)</c> card, the two output nodes then the n control node pairs.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Main value: resistance, capacitance, inductance, source DC value, gain or transconductance.</summary>
    public ParamValue? Value { get; init; }

    /// <summary>Model name for D and M (and optionally R/C), subcircuit name for X.</summary>
    public string? Model { get => _extras?.Model; init => Extras.Model = value; }

    /// <summary>Controlling voltage source name for F and H.</summary>
    public string? ControlSource { get => _extras?.ControlSource; init => Extras.ControlSource = value; }

    /// <summary>AC magnitude of an independent source (the <c>AC mag [phase]</c> field).</summary>
    public ParamValue? AcMagnitude { get => _extras?.AcMagnitude; init => Extras.AcMagnitude = value; }

    /// <summary>AC phase in degrees.</summary>
    public ParamValue? AcPhase { get => _extras?.AcPhase; init => Extras.AcPhase = value; }

    /// <summary>Expression of a behavioural (B) source, or null for other elements.</summary>
    public BehavioralValue? Behavior { get => _extras?.Behavior; init => Extras.Behavior = value; }

    /// <summary>The POLY(n) form of an E, G, F or H card, or null for a plain gain.</summary>
    public PolynomialForm? Polynomial { get => _extras?.Polynomial; init => Extras.Polynomial = value; }

    /// <summary>The TABLE form of an E or G card, or null.</summary>
    public TableForm? Table { get => _extras?.Table; init => Extras.Table = value; }

    /// <summary>Transient waveform of an independent source, or null for DC only.</summary>
    public SourceWaveform? Waveform { get => _extras?.Waveform; init => Extras.Waveform = value; }

    /// <summary>Instance parameters <c>name=value</c> (W, L, IC, M, AREA, X-instance params...),
    /// keys lower case, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, ParamValue>> Parameters { get; init; } = [];

    /// <summary>Bare flags such as <c>OFF</c>, lower case.</summary>
    public IReadOnlyList<string> Flags { get => _extras?.Flags ?? []; init => Extras.Flags = value; }

    /// <summary>Where the card was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;

    /// <summary>Looks up an instance parameter (case-insensitive).</summary>
    public ParamValue? GetParameter(string name)
    {
        foreach (var (key, value) in Parameters)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The same card with another main value (every other field kept: model, waveform, AC, forms, flags).</summary>
    public ElementCard WithValue(ParamValue? value) =>
        new(Name, Nodes) { Value = value, Parameters = Parameters, Location = Location, _extras = _extras };

    /// <inheritdoc />
    public override string ToString() => $"{Name} {string.Join(' ', Nodes)}";

    private ElementExtras Extras => _extras ??= new ElementExtras();

    /// <summary>The fields most elements leave empty, kept out of the card itself: a crossbar deck
    /// has 10⁵ resistor cards, and without them a card is half the size.</summary>
    private sealed class ElementExtras
    {
        public string? Model { get; set; }

        public string? ControlSource { get; set; }

        public ParamValue? AcMagnitude { get; set; }

        public ParamValue? AcPhase { get; set; }

        public BehavioralValue? Behavior { get; set; }

        public SourceWaveform? Waveform { get; set; }

        public PolynomialForm? Polynomial { get; set; }

        public TableForm? Table { get; set; }

        public IReadOnlyList<string>? Flags { get; set; }
    }
}
