namespace Crossbar.Devices.Transistors;

/// <summary>
/// Gate capacitances of the level-1 MOSFET's intrinsic channel, Meyer's model, in each region, as halves (SPICE keeps
/// half of each and adds the halves of the last two time points; <see cref="Of"/> returns the halves).
/// </summary>
/// <remarks>
/// J. E. Meyer, "MOS models and circuit simulation", RCA Review 32 (1971) 42–63, in the piecewise form of SPICE2 and
/// ngspice's DEVqmeyer (devsup.c), with v_gst = v_gs − v_on, φ the surface potential and C_ox = ε_ox/TOX·W·L_eff; the full
/// capacitances are twice the values below:
/// <list type="bullet">
/// <item>accumulation, v_gst ≤ −φ: C_gb = C_ox, C_gs = C_gd = 0;</item>
/// <item>depletion, −φ &lt; v_gst ≤ −φ/2: C_gb = −v_gst·C_ox/φ, C_gs = C_gd = 0;</item>
/// <item>weak inversion, −φ/2 &lt; v_gst ≤ 0: C_gb = −v_gst·C_ox/φ, C_gs = 2C_ox/3 + 4v_gst·C_ox/(3φ), C_gd = 0;</item>
/// <item>saturation, v_ds ≥ v_dsat: C_gs = 2C_ox/3, C_gd = C_gb = 0;</item>
/// <item>linear, v_ds &lt; v_dsat: C_gs = 2C_ox/3·(1 − (v_dsat − v_ds)²/(2v_dsat − v_ds)²),
/// C_gd = 2C_ox/3·(1 − v_dsat²/(2v_dsat − v_ds)²), C_gb = 0.</item>
/// </list>
/// Voltages in the NMOS convention (TYPE·v) and in the conducting orientation: when drain and source have swapped roles
/// the caller passes v_gd for v_gs and exchanges the returned C_gs and C_gd.
/// </remarks>
public static class MeyerCapacitance
{
    /// <summary>Vacuum permittivity in F/m (ngspice's 8.854214871e-12).</summary>
    public const double VacuumPermittivity = 8.854214871e-12;

    /// <summary>Relative permittivity of silicon dioxide (3.9, as in SPICE).</summary>
    public const double OxideRelativePermittivity = 3.9;

    /// <summary>Oxide capacitance per area C_ox' = 3.9·ε₀/TOX.</summary>
    /// <param name="thickness">TOX in m.</param>
    /// <returns>F/m².</returns>
    public static double PerArea(double thickness) => OxideRelativePermittivity * VacuumPermittivity / thickness;

    /// <summary>Half of each Meyer capacitance at one bias point.</summary>
    /// <param name="vgs">v_gs (NMOS convention, conducting orientation) in V.</param>
    /// <param name="vgd">v_gd in V.</param>
    /// <param name="von">Threshold with body effect v_on in V.</param>
    /// <param name="vdsat">Saturation voltage v_dsat in V (negative values count as 0).</param>
    /// <param name="phi">Surface potential φ in V.</param>
    /// <param name="oxide">C_ox = C_ox'·W·L_eff in F.</param>
    /// <returns>Halves of C_gs, C_gd and C_gb in F.</returns>
    public static (double Gs, double Gd, double Gb) Of(double vgs, double vgd, double von, double vdsat, double phi, double oxide)
    {
        double vgst = vgs - von;
        vdsat = Math.Max(vdsat, 0);
        if (vgst <= -phi)
        {
            return (0, 0, oxide / 2);
        }

        if (vgst <= -phi / 2)
        {
            return (0, 0, -vgst * oxide / (2 * phi));
        }

        if (vgst <= 0)
        {
            return ((vgst * oxide / (1.5 * phi)) + (oxide / 3), 0, -vgst * oxide / (2 * phi));
        }

        double vds = vgs - vgd;
        if (vdsat <= vds)
        {
            return (oxide / 3, 0, 0);
        }

        double vddif = (2.0 * vdsat) - vds;
        double vddif1 = vdsat - vds;
        double vddif2 = vddif * vddif;
        return (oxide * (1.0 - (vddif1 * vddif1 / vddif2)) / 3, oxide * (1.0 - (vdsat * vdsat / vddif2)) / 3, 0);
    }
}
