namespace Crossbar.Circuit.Netlists;

/// <summary>A <c>.model name type (p=v ...)</c> card. Types: d, nmos, pmos, sw, csw (others are reader errors).</summary>
public sealed class ModelCard
{
    /// <summary>Creates a model card.</summary>
    public ModelCard(string name, string type, IReadOnlyList<KeyValuePair<string, ParamValue>> parameters)
    {
        Name = name;
        Type = type;
        Parameters = parameters;
    }

    /// <summary>Model name as written.</summary>
    public string Name { get; }

    /// <summary>Model type, lower case (<c>d</c>, <c>nmos</c>, <c>pmos</c>, <c>sw</c>, <c>csw</c>).</summary>
    public string Type { get; }

    /// <summary>Parameters, keys lower case, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, ParamValue>> Parameters { get; }

    /// <summary>Where the card was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;

    /// <summary>Looks up a parameter (case-insensitive), or null when not given.</summary>
    public double? Get(string name)
    {
        foreach (var (key, value) in Parameters)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value.Value;
            }
        }

        return null;
    }
}
