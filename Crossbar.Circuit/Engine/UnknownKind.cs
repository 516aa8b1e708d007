namespace Crossbar.Circuit.Engine;

/// <summary>What an MNA unknown is.</summary>
public enum UnknownKind
{
    /// <summary>A node voltage (its row is a KCL equation).</summary>
    Voltage,

    /// <summary>A branch current (its row is a branch voltage equation).</summary>
    Current,

    /// <summary>An internal state variable of a device (e.g. RRAM filament state).</summary>
    State,
}
