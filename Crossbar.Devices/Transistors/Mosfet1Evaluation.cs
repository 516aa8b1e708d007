namespace Crossbar.Devices.Transistors;

/// <summary>Operating region of a level-1 MOSFET.</summary>
public enum MosfetRegion
{
    /// <summary>v_gs − v_on ≤ 0 (in the conducting orientation): no current.</summary>
    Cutoff,

    /// <summary>0 &lt; v_ds &lt; v_gs − v_on: triode.</summary>
    Linear,

    /// <summary>v_ds ≥ v_gs − v_on &gt; 0.</summary>
    Saturation,
}

/// <summary>
/// Drain current and its partial derivatives with respect to the terminal voltages as given (not the
/// swapped ones): ready to stamp without knowing whether source and drain were exchanged.
/// </summary>
/// <param name="DrainCurrent">I_D, current into the drain terminal (A).</param>
/// <param name="Gm">∂I_D/∂v_gs (S).</param>
/// <param name="Gds">∂I_D/∂v_ds (S).</param>
/// <param name="Gmbs">∂I_D/∂v_bs (S).</param>
/// <param name="Region">Operating region.</param>
/// <param name="Reversed">True when v_ds &lt; 0 (NMOS convention) and drain and source swapped roles (SPICE mode −1).</param>
/// <param name="Threshold">
/// v_on (V), the threshold including the body effect, in NMOS convention and for the conducting orientation (computed
/// from v_bd when <paramref name="Reversed"/>); SPICE's fetlim limits the next Newton step of v_gs (or v_gd) around it.
/// </param>
public readonly record struct Mosfet1Evaluation(
    double DrainCurrent,
    double Gm,
    double Gds,
    double Gmbs,
    MosfetRegion Region,
    bool Reversed,
    double Threshold);
