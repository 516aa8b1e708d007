using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// SPICE level-1 (Shichman–Hodges) MOSFET with bulk junction diodes and optional linear overlap
/// capacitances, computed as ngspice mos1load.c does.
/// </summary>
/// <remarks>
/// In the polarity-normalised frame, with mode = sign(vds) swapping drain and source:
/// von = VTO + γ(√(φ − vbs) − √φ); vgst = vgs − von; β = KP·W/(L − 2LD);
/// saturation (vgst ≤ vds): Id = β/2·vgst²·(1 + λvds); linear: Id = β·vds·(vgst − vds/2)·(1 + λvds).
/// Bulk diodes: I = Is(e^{v/vt} − 1) + gmin·v for v &gt; −3vt, gmin·v − Is below.
/// Newton updates limited with fetlim, limvds and pnjlim.
/// </remarks>
public sealed class Mosfet : CircuitElement
{
    private readonly string[] _names;
    private readonly MosfetParameters _p;
    private readonly double _beta;
    private readonly double _width;
    private readonly double _length;
    private readonly bool _off;
    private readonly double _vt;
    private readonly double _vcrit;
    private readonly double _vbi;
    private int _d;
    private int _g;
    private int _s;
    private int _b;
    private int _dd;
    private int _gg;
    private int _ss;
    private int _bb;
    private int _dg;
    private int _db;
    private int _ds;
    private int _sg;
    private int _sb;
    private int _sd;
    private int _bd;
    private int _bs;
    private int _gd;
    private int _gs;
    private int _gb;
    private int _bg;
    private int _state;
    private double _vbsOld;
    private double _vbdOld;
    private double _vgsOld;
    private double _vdsOld;
    private double _vonOld;

    /// <summary>Creates a MOSFET (nodes drain, gate, source, bulk); <paramref name="width"/> and <paramref name="length"/> in m.</summary>
    public Mosfet(string name, string drain, string gate, string source, string bulk, MosfetParameters parameters, double width, double length, bool off = false)
        : base(name)
    {
        _names = [drain, gate, source, bulk];
        _p = parameters;
        _width = width;
        _length = length;
        _off = off;
        double effectiveLength = length - (2 * parameters.LateralDiffusion);
        if (width <= 0 || effectiveLength <= 0)
        {
            throw new ArgumentException($"MOSFET {name}: W and L − 2·LD must be positive (W={width}, L={length})");
        }

        _beta = parameters.Transconductance * width / effectiveLength;
        _vt = PhysicalConstants.ThermalVoltage;
        _vcrit = JunctionLimiting.CriticalVoltage(_vt, parameters.JunctionSaturationCurrent);
        _vbi = parameters.ThresholdVoltage - (parameters.Polarity * parameters.BodyEffect * Math.Sqrt(parameters.SurfacePotential));
        _vonOld = parameters.Polarity * parameters.ThresholdVoltage;
    }

    /// <inheritdoc />
    public override bool IsNonlinear => true;

    /// <inheritdoc />
    public override bool IsTimeDependent => HasCapacitance;

    private bool HasCapacitance => _p.GateSourceOverlap > 0 || _p.GateDrainOverlap > 0 || _p.GateBulkOverlap > 0;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _d = unknowns.Node(_names[0]);
        _g = unknowns.Node(_names[1]);
        _s = unknowns.Node(_names[2]);
        _b = unknowns.Node(_names[3]);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext c)
    {
        _d = c.Slot(_d);
        _g = c.Slot(_g);
        _s = c.Slot(_s);
        _b = c.Slot(_b);
        _dd = c.Entry(_d, _d);
        _gg = c.Entry(_g, _g);
        _ss = c.Entry(_s, _s);
        _bb = c.Entry(_b, _b);
        _dg = c.Entry(_d, _g);
        _db = c.Entry(_d, _b);
        _ds = c.Entry(_d, _s);
        _sg = c.Entry(_s, _g);
        _sb = c.Entry(_s, _b);
        _sd = c.Entry(_s, _d);
        _bd = c.Entry(_b, _d);
        _bs = c.Entry(_b, _s);
        _gd = c.Entry(_g, _d);
        _gs = c.Entry(_g, _s);
        _gb = c.Entry(_g, _b);
        _bg = c.Entry(_b, _g);
        _state = c.AllocateStates(6);
    }

    /// <summary>Channel current and derivatives in the normalised frame for forward mode (vds ≥ 0).</summary>
    /// <returns>Drain current, gm, gds, gmbs and the threshold von.</returns>
    public (double Id, double Gm, double Gds, double Gmbs, double Von) ChannelCurrent(double vgs, double vds, double vbs)
    {
        double phi = _p.SurfacePotential;
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

        double von = (_vbi * _p.Polarity) + (_p.BodyEffect * sarg);
        double vgst = vgs - von;
        double arg = sarg <= 0 ? 0 : _p.BodyEffect / (sarg + sarg);
        if (vgst <= 0)
        {
            return (0, 0, 0, 0, von);
        }

        double lambda = _p.ChannelLengthModulation;
        double betap = _beta * (1 + (lambda * vds));
        if (vgst <= vds)
        {
            double id = betap * vgst * vgst * 0.5;
            double gm = betap * vgst;
            double gds = lambda * _beta * vgst * vgst * 0.5;
            return (id, gm, gds, gm * arg, von);
        }
        else
        {
            double id = betap * vds * (vgst - (0.5 * vds));
            double gm = betap * vds;
            double gds = (betap * (vgst - vds)) + (lambda * _beta * vds * (vgst - (0.5 * vds)));
            return (id, gm, gds, gm * arg, von);
        }
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] x = context.Solution;
        int type = _p.Polarity;
        double vbs;
        double vgs;
        double vds;
        if (context.InitializeJunctions)
        {
            if (_off)
            {
                vbs = vgs = vds = 0;
            }
            else
            {
                vbs = -1;
                vgs = type * _p.ThresholdVoltage;
                vds = 0;
            }
        }
        else
        {
            vbs = type * (x[_b] - x[_s]);
            vgs = type * (x[_g] - x[_s]);
            vds = type * (x[_d] - x[_s]);
            double vgdo = _vgsOld - _vdsOld;
            double von = _vonOld;
            if (_vdsOld >= 0)
            {
                vgs = JunctionLimiting.Fet(vgs, _vgsOld, von);
                vds = JunctionLimiting.DrainSource(vds, _vdsOld);
            }
            else
            {
                double vgd = vgs - vds;
                vgd = JunctionLimiting.Fet(vgd, vgdo, von);
                vds = vgs - vgd;
                vds = -JunctionLimiting.DrainSource(-vds, -_vdsOld);
                vgs = vgd + vds;
            }

            bool limited = false;
            if (vds >= 0)
            {
                vbs = JunctionLimiting.PnJunction(vbs, _vbsOld, _vt, _vcrit, ref limited);
            }
            else
            {
                double vbd = JunctionLimiting.PnJunction(vbs - vds, _vbdOld, _vt, _vcrit, ref limited);
                vbs = vbd + vds;
            }

            double vbsRaw = type * (x[_b] - x[_s]);
            double vgsRaw = type * (x[_g] - x[_s]);
            double vdsRaw = type * (x[_d] - x[_s]);
            if (limited || Math.Abs(vgs - vgsRaw) > 1e-15 || Math.Abs(vds - vdsRaw) > 1e-15 || Math.Abs(vbs - vbsRaw) > 1e-15)
            {
                context.Limited = true;
            }
        }

        double vbdNow = vbs - vds;
        double vgdNow = vgs - vds;
        double gmin = context.Options.Gmin;
        double isat = _p.JunctionSaturationCurrent;
        (double cbs, double gbs) = BulkJunction(vbs, isat, gmin);
        (double cbd, double gbd) = BulkJunction(vbdNow, isat, gmin);

        int mode = vds >= 0 ? 1 : -1;
        (double cdrain, double gm, double gds, double gmbs, double vonNew) = mode > 0
            ? ChannelCurrent(vgs, vds, vbs)
            : ChannelCurrent(vgdNow, -vds, vbdNow);

        _vbsOld = vbs;
        _vbdOld = vbdNow;
        _vgsOld = vgs;
        _vdsOld = vds;
        _vonOld = vonNew;

        double xnrm = mode > 0 ? 1 : 0;
        double xrev = mode > 0 ? 0 : 1;
        double ceqbs = type * (cbs - (gbs * vbs));
        double ceqbd = type * (cbd - (gbd * vbdNow));
        double cdreq = mode > 0
            ? type * (cdrain - (gds * vds) - (gm * vgs) - (gmbs * vbs))
            : -type * (cdrain - (gds * -vds) - (gm * vgdNow) - (gmbs * vbdNow));

        double[] m = context.Matrix;
        double[] rhs = context.Rhs;
        m[_bb] += gbd + gbs;
        m[_dd] += gds + gbd + (xrev * (gm + gmbs));
        m[_ss] += gds + gbs + (xnrm * (gm + gmbs));
        m[_bd] -= gbd;
        m[_bs] -= gbs;
        m[_dg] += (xnrm - xrev) * gm;
        m[_db] += -gbd + ((xnrm - xrev) * gmbs);
        m[_ds] += -gds - (xnrm * (gm + gmbs));
        m[_sg] -= (xnrm - xrev) * gm;
        m[_sb] += -gbs - ((xnrm - xrev) * gmbs);
        m[_sd] += -gds - (xrev * (gm + gmbs));
        rhs[_b] -= ceqbs + ceqbd;
        rhs[_d] += ceqbd - cdreq;
        rhs[_s] += cdreq + ceqbs;

        if (HasCapacitance)
        {
            LoadOverlap(context, x);
        }
    }

    private void LoadOverlap(LoadContext context, double[] x)
    {
        double cgs = _p.GateSourceOverlap * _width;
        double cgd = _p.GateDrainOverlap * _width;
        double cgb = _p.GateBulkOverlap * _length;
        Integrator integrator = context.Integrator;
        integrator.State0[_state] = cgs * (x[_g] - x[_s]);
        integrator.State0[_state + 2] = cgd * (x[_g] - x[_d]);
        integrator.State0[_state + 4] = cgb * (x[_g] - x[_b]);
        if (context.Mode != AnalysisMode.Transient)
        {
            return;
        }

        StampCapacitor(context, _state, cgs, _gg, _gs, _sg, _ss, _g, _s);
        StampCapacitor(context, _state + 2, cgd, _gg, _gd, m2: _dg, _dd, _g, _d);
        StampCapacitor(context, _state + 4, cgb, _gg, _gb, _bg, _bb, _g, _b);
    }

    private static void StampCapacitor(LoadContext context, int slot, double cap, int aa, int ab, int m2, int bb, int a, int b)
    {
        if (cap == 0)
        {
            return;
        }

        double ceq = context.Integrator.Integrate(slot);
        double geq = context.Integrator.Coefficient0 * cap;
        double[] m = context.Matrix;
        m[aa] += geq;
        m[ab] -= geq;
        m[m2] -= geq;
        m[bb] += geq;
        context.Rhs[a] -= ceq;
        context.Rhs[b] += ceq;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        double[] x = context.OperatingPoint;
        int type = _p.Polarity;
        double vbs = type * (x[_b] - x[_s]);
        double vgs = type * (x[_g] - x[_s]);
        double vds = type * (x[_d] - x[_s]);
        double vbd = vbs - vds;
        (_, double gbs) = BulkJunction(vbs, _p.JunctionSaturationCurrent, 1e-12);
        (_, double gbd) = BulkJunction(vbd, _p.JunctionSaturationCurrent, 1e-12);
        int mode = vds >= 0 ? 1 : -1;
        (_, double gm, double gds, double gmbs, _) = mode > 0 ? ChannelCurrent(vgs, vds, vbs) : ChannelCurrent(vgs - vds, -vds, vbd);
        double xnrm = mode > 0 ? 1 : 0;
        double xrev = mode > 0 ? 0 : 1;
        var m = context.Matrix;
        m[_bb] += gbd + gbs;
        m[_dd] += gds + gbd + (xrev * (gm + gmbs));
        m[_ss] += gds + gbs + (xnrm * (gm + gmbs));
        m[_bd] -= gbd;
        m[_bs] -= gbs;
        m[_dg] += (xnrm - xrev) * gm;
        m[_db] += -gbd + ((xnrm - xrev) * gmbs);
        m[_ds] += -gds - (xnrm * (gm + gmbs));
        m[_sg] -= (xnrm - xrev) * gm;
        m[_sb] += -gbs - ((xnrm - xrev) * gmbs);
        m[_sd] += -gds - (xrev * (gm + gmbs));
        double w = context.Omega;
        AddAcCap(m, _p.GateSourceOverlap * _width * w, _gg, _gs, _sg, _ss);
        AddAcCap(m, _p.GateDrainOverlap * _width * w, _gg, _gd, _dg, _dd);
        AddAcCap(m, _p.GateBulkOverlap * _length * w, _gg, _gb, _bg, _bb);
    }

    private static void AddAcCap(System.Numerics.Complex[] m, double b, int aa, int ab, int ba, int bb)
    {
        var y = new System.Numerics.Complex(0, b);
        m[aa] += y;
        m[ab] -= y;
        m[ba] -= y;
        m[bb] += y;
    }

    /// <inheritdoc />
    public override double TruncationTimestep(Integrator integrator)
    {
        if (!HasCapacitance)
        {
            return double.PositiveInfinity;
        }

        double dt = double.PositiveInfinity;
        if (_p.GateSourceOverlap > 0)
        {
            dt = Math.Min(dt, integrator.TruncationTimestep(_state));
        }

        if (_p.GateDrainOverlap > 0)
        {
            dt = Math.Min(dt, integrator.TruncationTimestep(_state + 2));
        }

        if (_p.GateBulkOverlap > 0)
        {
            dt = Math.Min(dt, integrator.TruncationTimestep(_state + 4));
        }

        return dt;
    }

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology)
    {
        topology.DcPath(_d, _s);
        topology.DcPath(_b, _s);
        topology.DcPath(_b, _d);
    }

    private double ThermalGuard(double v) => Math.Min(v / _vt, 709);

    private (double Current, double Conductance) BulkJunction(double v, double isat, double gmin)
    {
        if (v <= -3 * _vt)
        {
            return ((gmin * v) - isat, gmin);
        }

        double ev = Math.Exp(ThermalGuard(v));
        return ((isat * (ev - 1)) + (gmin * v), (isat * ev / _vt) + gmin);
    }
}
