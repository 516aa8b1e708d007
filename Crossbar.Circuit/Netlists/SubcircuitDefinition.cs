namespace Crossbar.Circuit.Netlists;

/// <summary>A <c>.subckt name ports [params: p=v ...] ... .ends</c> definition.</summary>
public sealed class SubcircuitDefinition
{
    /// <summary>Creates an empty definition.</summary>
    public SubcircuitDefinition(string name, IReadOnlyList<string> ports)
    {
        Name = name;
        Ports = ports;
    }

    /// <summary>Subcircuit name as written.</summary>
    public string Name { get; }

    /// <summary>Port node names in order.</summary>
    public IReadOnlyList<string> Ports { get; }

    /// <summary>Default parameter values (<c>params:</c>), keys lower case.</summary>
    public List<KeyValuePair<string, ParamValue>> Parameters { get; } = [];

    /// <summary>Elements of the body, in order.</summary>
    public List<ElementCard> Elements { get; } = [];

    /// <summary>Models defined inside the body (visible to it and nested definitions).</summary>
    public Dictionary<string, ModelCard> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Nested subcircuit definitions.</summary>
    public Dictionary<string, SubcircuitDefinition> Subcircuits { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the definition starts.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;
}
