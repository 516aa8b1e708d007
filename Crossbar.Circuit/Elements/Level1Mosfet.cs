using Crossbar.Devices.Transistors;

namespace Crossbar.Circuit.Elements;

/// <summary>Per-instance Newton history of a level-1 MOSFET (the previous iteration's limited voltages).</summary>
public struct Level1State
{
    /// <summary>Bulk–source voltage (polarity-normalised).</summary>
    public double Vbs;

    /// <summary>Bulk–drain voltage.</summary>
    public double Vbd;

    /// <summary>Gate–source voltage.</summary>
    public double Vgs;

    /// <summary>Drain–source voltage.</summary>
    public double Vds;

    /// <summary>Threshold voltage at the last evaluation.</summary>
    public double Von;
}

/// <summary>
/// Linearised stamp of a level-1 MOSFET at one iterate: conductances in rows d, s, b over
/// columns d, g, s, b (order d=0, g=1, s=2, b=3; the gate row is empty without capacitances) and
/// the Norton currents to add to the right-hand side of rows d, s, b.
/// </summary>
public struct Level1Stamp
{
    /// <summary>Row d: ∂/∂(vd, vg, vs, vb).</summary>
    public double Dd, Dg, Ds, Db;

    /// <summary>Row s: ∂/∂(vd, vg, vs, vb).</summary>
    public double Sd, Sg, Ss, Sb;

    /// <summary>Row b: ∂/∂(vd, vs) and diagonal.</summary>
    public double Bd, Bs, Bb;

    /// <summary>Right-hand-side contributions of rows d, s, b.</summary>
    public double RhsD, RhsS, RhsB;

    /// <summary>Channel current into the drain terminal, actual sign (A).</summary>
    public double DrainCurrent;

    /// <summary>Whether drain and source swapped roles (v_ds &lt; 0 in the NMOS convention; SPICE mode −1).</summary>
    public bool Reversed;
}

/// <summary>
/// The engine's side of a level-1 MOSFET, shared by the single <see cref="Mosfet"/> element and the crossbar array's
/// access transistors: Newton limiting, the bulk-junction diodes and the assembly of the linearised stamp around the
/// channel current of the device model <see cref="Mosfet1Model"/> (Crossbar.Devices), which holds the equations.
/// </summary>
/// <remarks>
/// Limiting as ngspice mos1load.c: fetlim on v_gs (or v_gd when reversed) around the last threshold v_on, limvds on v_ds,
/// pnjlim on v_bs (or v_bd). Bulk diodes, in the polarity-normalised frame: I = IS·(e^{v/v_t} − 1) + gmin·v for
/// v &gt; −3·v_t, gmin·v − IS below. The channel is stamped from I_D and its partial derivatives with respect to the
/// terminal voltages as given (<see cref="Mosfet1Evaluation"/>): current I_D into the drain and out of the source,
/// linearised as I_D + G_m·Δv_gs + G_ds·Δv_ds + G_mbs·Δv_bs. The derivatives are the exact ones of the model; for
/// forward body bias they differ slightly from ngspice's (see <see cref="Mosfet1Model"/>), which changes Newton's path
/// but not the converged answer.
/// </remarks>
public sealed class Level1Mosfet
{
    /// <summary>Prepares the model for one instance size.</summary>
    /// <param name="parameters">The <c>.model</c> parameters.</param>
    /// <param name="width">Channel width W (m).</param>
    /// <param name="length">Channel length L (m).</param>
    /// <exception cref="ArgumentException">W, or L − 2·LD, is not positive.</exception>
    public Level1Mosfet(MosfetParameters parameters, double width, double length)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        Channel = new Mosfet1Model(parameters.Instance(width, length));
        ThermalVoltage = parameters.ThermalVoltage;
        CriticalVoltage = JunctionLimiting.CriticalVoltage(ThermalVoltage, parameters.JunctionSaturationCurrent);
    }

    /// <summary>Model parameters.</summary>
    public MosfetParameters Parameters { get; }

    /// <summary>The channel's device model (W and L of this instance).</summary>
    public Mosfet1Model Channel { get; }

    /// <summary>Thermal voltage of the bulk junctions at the parameters' temperature (<see cref="MosfetParameters.AtTemperature"/>).</summary>
    /// <value>Volts.</value>
    public double ThermalVoltage { get; }

    /// <summary>Critical voltage of the bulk junctions.</summary>
    /// <value>Volts.</value>
    public double CriticalVoltage { get; }

    /// <summary>A fresh Newton history (threshold at VTO).</summary>
    public Level1State InitialState => new() { Von = Parameters.Polarity * Parameters.Channel.ThresholdVoltage };

    /// <summary>
    /// Evaluates the linearised stamp at node voltages (vd, vg, vs, vb), limiting the update
    /// against <paramref name="state"/> (updated) and setting <paramref name="limited"/> when a
    /// limit changed a voltage.
    /// </summary>
    public void Evaluate(double vd, double vg, double vs, double vb, ref Level1State state, bool initialize, bool off, double gmin, ref bool limited, out Level1Stamp stamp)
    {
        int type = Parameters.Polarity;
        double vbs, vgs, vds;
        if (initialize)
        {
            if (off)
            {
                vbs = vgs = vds = 0;
            }
            else
            {
                vbs = -1;
                // SPICE starts at vgs = VTO, where gm = gds = 0: pass transistors (1T1R access
                // devices) then leave their nodes floating and Newton falls back to gmin
                // stepping. One volt above threshold conducts, and converges to the same answer.
                vgs = (type * Parameters.Channel.ThresholdVoltage) + 1;
                vds = 0;
            }
        }
        else
        {
            double vbsRaw = type * (vb - vs);
            double vgsRaw = type * (vg - vs);
            double vdsRaw = type * (vd - vs);
            vbs = vbsRaw;
            vgs = vgsRaw;
            vds = vdsRaw;
            double vgdo = state.Vgs - state.Vds;
            if (state.Vds >= 0)
            {
                vgs = JunctionLimiting.Fet(vgs, state.Vgs, state.Von);
                vds = vgs - (vgsRaw - vdsRaw);
                vds = JunctionLimiting.DrainSource(vds, state.Vds);
            }
            else
            {
                double vgd = JunctionLimiting.Fet(vgsRaw - vdsRaw, vgdo, state.Von);
                vds = vgs - vgd;
                vds = -JunctionLimiting.DrainSource(-vds, -state.Vds);
                vgs = vgd + vds;
            }

            bool junctionLimited = false;
            if (vds >= 0)
            {
                vbs = JunctionLimiting.PnJunction(vbs, state.Vbs, ThermalVoltage, CriticalVoltage, ref junctionLimited);
            }
            else
            {
                double vbd = JunctionLimiting.PnJunction(vbs - vds, state.Vbd, ThermalVoltage, CriticalVoltage, ref junctionLimited);
                vbs = vbd + vds;
            }

            if (junctionLimited || Math.Abs(vgs - vgsRaw) > 1e-15 || Math.Abs(vds - vdsRaw) > 1e-15 || Math.Abs(vbs - vbsRaw) > 1e-15)
            {
                limited = true;
            }
        }

        double vbdNow = vbs - vds;
        double isat = Parameters.JunctionSaturationCurrent;
        (double cbs, double gbs) = BulkJunction(vbs, isat, gmin);
        (double cbd, double gbd) = BulkJunction(vbdNow, isat, gmin);

        // The device model takes actual-polarity voltages and returns I_D with its sign and polarity-free derivatives.
        Mosfet1Evaluation e = Channel.Evaluate(type * vgs, type * vds, type * vbs);
        state.Vbs = vbs;
        state.Vbd = vbdNow;
        state.Vgs = vgs;
        state.Vds = vds;
        state.Von = e.Threshold;

        double ceqbs = type * (cbs - (gbs * vbs));
        double ceqbd = type * (cbd - (gbd * vbdNow));
        double cdreq = e.DrainCurrent - (type * ((e.Gds * vds) + (e.Gm * vgs) + (e.Gmbs * vbs)));
        double gSource = e.Gm + e.Gds + e.Gmbs;

        stamp.Dd = e.Gds + gbd;
        stamp.Dg = e.Gm;
        stamp.Ds = -gSource;
        stamp.Db = e.Gmbs - gbd;
        stamp.Sd = -e.Gds;
        stamp.Sg = -e.Gm;
        stamp.Ss = gSource + gbs;
        stamp.Sb = -e.Gmbs - gbs;
        stamp.Bd = -gbd;
        stamp.Bs = -gbs;
        stamp.Bb = gbd + gbs;
        stamp.RhsD = ceqbd - cdreq;
        stamp.RhsS = cdreq + ceqbs;
        stamp.RhsB = -(ceqbs + ceqbd);
        stamp.DrainCurrent = e.DrainCurrent;
        stamp.Reversed = e.Reversed;
    }

    private (double Current, double Conductance) BulkJunction(double v, double isat, double gmin)
    {
        double vt = ThermalVoltage;
        if (v <= -3 * vt)
        {
            return ((gmin * v) - isat, gmin);
        }

        double ev = Math.Exp(Math.Min(v / vt, 709));
        return ((isat * (ev - 1)) + (gmin * v), (isat * ev / vt) + gmin);
    }
}
