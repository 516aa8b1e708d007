namespace Crossbar.Devices.Transistors;

/// <summary>Channel type of a MOSFET (SPICE's TYPE: +1 for NMOS, −1 for PMOS).</summary>
public enum MosfetPolarity
{
    /// <summary>n-channel.</summary>
    Nmos = 1,

    /// <summary>p-channel.</summary>
    Pmos = -1,
}
