namespace Crossbar.Devices.OpAmps;

/// <summary>Level of idealisation of an op-amp's open-loop gain.</summary>
public enum OpAmpKind
{
    /// <summary>Nullor: infinite gain, v+ = v− enforced, no bandwidth limit.</summary>
    Ideal,

    /// <summary>Frequency-independent gain A0.</summary>
    FiniteGain,

    /// <summary>A(s) = A0/(1 + s/ωp), ωp = 2π·GBW/A0, optionally times 1/(1 + s/ω2).</summary>
    SinglePole,
}
