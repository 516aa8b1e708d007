namespace Crossbar.Devices.Wires;

/// <summary>Which end of a row or column line a driver or sense amplifier is attached to.</summary>
public enum LineEnd
{
    /// <summary>The end next to cell index 0.</summary>
    Near,

    /// <summary>The end next to the last cell.</summary>
    Far,
}
