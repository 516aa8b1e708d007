namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Error in a netlist: bad syntax, unknown model, missing node and the like. The message always
/// names the file, line and column and says what was expected.
/// </summary>
public sealed class NetlistException : Exception
{
    /// <summary>Creates an error at a location.</summary>
    public NetlistException(SourceLocation location, string message)
        : base($"{location}: {message}")
    {
        Location = location;
        Detail = message;
    }

    /// <summary>Where the error is.</summary>
    public SourceLocation Location { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }
}
