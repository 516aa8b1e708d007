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

    /// <summary>Drain current in the forward frame (for probes).</summary>
    public double DrainCurrent;
}

/// <summary>
/// SPICE level-1 (Shichman–Hodges) equations as ngspice mos1load.c computes them, shared by the
/// single <see cref="Mosfet"/> element and the crossbar array's access transistors.
/// </summary>
/// <remarks>
/// Polarity-normalised frame, mode = sign(vds) swaps drain and source: von = VTO + γ(√(φ − vbs) − √φ),
/// vgst = vgs − von, β = KP·W/(L − 2LD); saturation (vgst ≤ vds): Id = β/2·vgst²·(1 + λvds); linear:
/// Id = β·vds·(vgst − vds/2)·(1 + λvds). Bulk diodes: I = Is(e^{v/vt} − 1) + gmin·v above −3vt,
/// gmin·v − Is below. Newton updates limited with fetlim, limvds and pnjlim.
/// </remarks>
public sealed class Level1Mosfet
{
    private readonly double _vbi;

    /// <summary>Prepares the model constants.</summary>
    public Level1Mosfet(MosfetParameters parameters, double width, double length)
    {
        Parameters = parameters;
        double effectiveLength = length - (2 * parameters.LateralDiffusion);
        if (width <= 0 || effectiveLength <= 0)
        {
            throw new ArgumentException($"W and L − 2·LD must be positive (W={width}, L={length})");
        }

        Beta = parameters.Transconductance * width / effectiveLength;
        ThermalVoltage = PhysicalConstants.ThermalVoltage;
        CriticalVoltage = JunctionLimiting.CriticalVoltage(ThermalVoltage, parameters.JunctionSaturationCurrent);
        _vbi = parameters.ThresholdVoltage - (parameters.Polarity * parameters.BodyEffect * Math.Sqrt(parameters.SurfacePotential));
    }

    /// <summary>Model parameters.</summary>
    public MosfetParameters Parameters { get; }

    /// <summary>β = KP·W/Leff in A/V².</summary>
    public double Beta { get; }

    /// <summary>Thermal voltage in V.</summary>
    public double ThermalVoltage { get; }

    /// <summary>Critical voltage of the bulk junctions in V.</summary>
    public double CriticalVoltage { get; }

    /// <summary>A fresh Newton history (threshold at VTO).</summary>
    public Level1State InitialState => new() { Von = Parameters.Polarity * Parameters.ThresholdVoltage };

    /// <summary>Channel current and derivatives in the normalised frame for forward mode (vds ≥ 0).</summary>
    public (double Id, double Gm, double Gds, double Gmbs, double Von) ChannelCurrent(double vgs, double vds, double vbs)
    {
        MosfetParameters p = Parameters;
        double phi = p.SurfacePotential;
        double sarg;
        if (vbs <= 0)
        {
            sarg = Math.Sqrt(phi - vbs);
        }
        else
        {
            sarg = Math.Sqrt(phi);
            sarg = Math.Max(0, sarg - (vbs / (sarg + sarg)));
        }

        double von = (_vbi * p.Polarity) + (p.BodyEffect * sarg);
        double vgst = vgs - von;
        double arg = sarg <= 0 ? 0 : p.BodyEffect / (sarg + sarg);
        if (vgst <= 0)
        {
            return (0, 0, 0, 0, von);
        }

        double lambda = p.ChannelLengthModulation;
        double betap = Beta * (1 + (lambda * vds));
        if (vgst <= vds)
        {
            double gm = betap * vgst;
            return (betap * vgst * vgst * 0.5, gm, lambda * Beta * vgst * vgst * 0.5, gm * arg, von);
        }
        else
        {
            double gm = betap * vds;
            double gds = (betap * (vgst - vds)) + (lambda * Beta * vds * (vgst - (0.5 * vds)));
            return (betap * vds * (vgst - (0.5 * vds)), gm, gds, gm * arg, von);
        }
    }

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
                vgs = (type * Parameters.ThresholdVoltage) + 1;
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
        double vgdNow = vgs - vds;
        double isat = Parameters.JunctionSaturationCurrent;
        (double cbs, double gbs) = BulkJunction(vbs, isat, gmin);
        (double cbd, double gbd) = BulkJunction(vbdNow, isat, gmin);
        bool forward = vds >= 0;
        (double cdrain, double gm, double gds, double gmbs, double von) = forward
            ? ChannelCurrent(vgs, vds, vbs)
            : ChannelCurrent(vgdNow, -vds, vbdNow);

        state.Vbs = vbs;
        state.Vbd = vbdNow;
        state.Vgs = vgs;
        state.Vds = vds;
        state.Von = von;

        double xnrm = forward ? 1 : 0;
        double xrev = forward ? 0 : 1;
        double ceqbs = type * (cbs - (gbs * vbs));
        double ceqbd = type * (cbd - (gbd * vbdNow));
        double cdreq = forward
            ? type * (cdrain - (gds * vds) - (gm * vgs) - (gmbs * vbs))
            : -type * (cdrain - (gds * -vds) - (gm * vgdNow) - (gmbs * vbdNow));

        stamp.Dd = gds + gbd + (xrev * (gm + gmbs));
        stamp.Dg = (xnrm - xrev) * gm;
        stamp.Ds = -gds - (xnrm * (gm + gmbs));
        stamp.Db = -gbd + ((xnrm - xrev) * gmbs);
        stamp.Sd = -gds - (xrev * (gm + gmbs));
        stamp.Sg = -(xnrm - xrev) * gm;
        stamp.Ss = gds + gbs + (xnrm * (gm + gmbs));
        stamp.Sb = -gbs - ((xnrm - xrev) * gmbs);
        stamp.Bd = -gbd;
        stamp.Bs = -gbs;
        stamp.Bb = gbd + gbs;
        stamp.RhsD = ceqbd - cdreq;
        stamp.RhsS = cdreq + ceqbs;
        stamp.RhsB = -(ceqbs + ceqbd);
        stamp.DrainCurrent = cdrain;
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
