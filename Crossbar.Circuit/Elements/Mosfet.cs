using Crossbar.Circuit.Engine;
using Crossbar.Devices.Transistors;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// SPICE level-1 (Shichman–Hodges) MOSFET with bulk junction diodes, linear overlap capacitances and, when the model
/// gives TOX, Meyer's intrinsic gate capacitances. The channel equations are those of
/// Crossbar.Devices.Transistors.Mosfet1Model; limiting, bulk junctions and the stamp are assembled by
/// <see cref="Level1Mosfet"/> (as ngspice mos1load.c).
/// </summary>
/// <remarks>
/// Gate charge as ngspice mos1load.c keeps it: each of C_gs, C_gd, C_gb is the overlap capacitance plus the Meyer
/// capacitance (<see cref="MeyerCapacitance"/>, C_ox = 3.9·ε₀/TOX·W·(L − 2·LD)) averaged over the point being solved
/// and the last accepted one, and the charge advances by it: q₀ = q₁ + (C_M(v₀)/2 + C_M(v₁)/2 + C_ov)·(v₀ − v₁). The
/// Meyer capacitances are not the derivatives of a charge, so this is what keeps the transient close to ngspice's (and
/// charge is conserved only as far as the averaged capacitance allows). At a DC or AC operating point q = (C_M + C_ov)·v.
/// The Jacobian uses the averaged capacitance, as ngspice does (the change of C with v is left out).
/// </remarks>
public sealed class Mosfet : CircuitElement
{
    private readonly string[] _names;
    private readonly Level1Mosfet _model;
    private readonly MosfetParameters _p;
    private readonly double _width;
    private readonly double _length;
    private readonly bool _off;
    private Level1State _state;
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
    private int _charge;
    private int _meyer;
    private readonly double _oxide;

    /// <summary>Creates a MOSFET (nodes drain, gate, source, bulk); <paramref name="width"/> and <paramref name="length"/> in m.</summary>
    public Mosfet(string name, string drain, string gate, string source, string bulk, MosfetParameters parameters, double width, double length, bool off = false)
        : base(name)
    {
        _names = [drain, gate, source, bulk];
        _p = parameters;
        _width = width;
        _length = length;
        _off = off;
        try
        {
            _model = new Level1Mosfet(parameters, width, length);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"MOSFET {name}: {ex.Message}", ex);
        }

        _state = _model.InitialState;
        _oxide = parameters.OxideCapacitancePerArea * width * parameters.Instance(width, length).EffectiveLength;
    }

    /// <inheritdoc />
    public override bool IsNonlinear => true;

    /// <inheritdoc />
    /// <remarks>Every pair of the four terminals (<see cref="Allocate"/>).</remarks>
    public override int OffDiagonalEntryEstimate => 12;

    /// <inheritdoc />
    public override bool IsTimeDependent => HasCapacitance;

    private bool HasCapacitance => _p.GateSourceOverlap > 0 || _p.GateDrainOverlap > 0 || _p.GateBulkOverlap > 0 || _oxide > 0;

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
        _charge = c.AllocateStates(6);
        if (_oxide > 0)
        {
            // Halves of the Meyer C_gs, C_gd, C_gb, then the v_gs, v_gd, v_gb they were taken at.
            _meyer = c.AllocateStates(6);
        }
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] x = context.Solution;
        bool limited = false;
        _model.Evaluate(x[_d], x[_g], x[_s], x[_b], ref _state, context.InitializeJunctions, _off, context.Options.Gmin, ref limited, out Level1Stamp st);
        if (limited)
        {
            context.Limited = true;
        }

        StampChannel(context.Matrix, st);
        double[] rhs = context.Rhs;
        rhs[_d] += st.RhsD;
        rhs[_s] += st.RhsS;
        rhs[_b] += st.RhsB;

        if (HasCapacitance)
        {
            LoadCapacitances(context, x, st.Reversed);
        }
    }

    private void LoadCapacitances(LoadContext context, double[] x, bool reversed)
    {
        double cgs = _p.GateSourceOverlap * _width;
        double cgd = _p.GateDrainOverlap * _width;
        double cgb = _p.GateBulkOverlap * _length;
        double vgs = x[_g] - x[_s];
        double vgd = x[_g] - x[_d];
        double vgb = x[_g] - x[_b];
        Integrator integrator = context.Integrator;
        double[] s0 = integrator.State0;
        bool transient = context.Mode == AnalysisMode.Transient;
        if (_oxide > 0)
        {
            var (hgs, hgd, hgb) = MeyerHalves(_state, reversed);
            s0[_meyer] = hgs;
            s0[_meyer + 1] = hgd;
            s0[_meyer + 2] = hgb;
            s0[_meyer + 3] = vgs;
            s0[_meyer + 4] = vgd;
            s0[_meyer + 5] = vgb;
            if (transient)
            {
                double[] s1 = integrator.State1;
                cgs += hgs + s1[_meyer];
                cgd += hgd + s1[_meyer + 1];
                cgb += hgb + s1[_meyer + 2];
                s0[_charge] = s1[_charge] + (cgs * (vgs - s1[_meyer + 3]));
                s0[_charge + 2] = s1[_charge + 2] + (cgd * (vgd - s1[_meyer + 4]));
                s0[_charge + 4] = s1[_charge + 4] + (cgb * (vgb - s1[_meyer + 5]));
            }
            else
            {
                cgs += 2 * hgs;
                cgd += 2 * hgd;
                cgb += 2 * hgb;
            }
        }

        if (!transient || _oxide == 0)
        {
            s0[_charge] = cgs * vgs;
            s0[_charge + 2] = cgd * vgd;
            s0[_charge + 4] = cgb * vgb;
        }

        if (!transient)
        {
            return;
        }

        StampCapacitor(context, _charge, cgs, vgs, _gg, _gs, _sg, _ss, _g, _s);
        StampCapacitor(context, _charge + 2, cgd, vgd, _gg, _gd, _dg, _dd, _g, _d);
        StampCapacitor(context, _charge + 4, cgb, vgb, _gg, _gb, _bg, _bb, _g, _b);
    }

    /// <summary>
    /// Stamps a capacitor of (averaged) capacitance <paramref name="cap"/> whose charge is in <paramref name="slot"/>:
    /// conductance a₀·C and the Norton current i(q₀) − a₀·C·v, which holds for a charge that is not C·v (the Meyer
    /// charge, advanced by increments).
    /// </summary>
    private static void StampCapacitor(LoadContext context, int slot, double cap, double v, int aa, int ab, int ba, int bb, int a, int b)
    {
        if (cap == 0)
        {
            context.Integrator.State0[slot + 1] = 0;
            return;
        }

        Integrator integrator = context.Integrator;
        double ceq = integrator.Integrate(slot) + (integrator.Coefficient0 * (integrator.State0[slot] - (cap * v)));
        Stamp.Admittance(context.Matrix, aa, ab, ba, bb, context.Integrator.Coefficient0 * cap);
        context.Rhs[a] -= ceq;
        context.Rhs[b] += ceq;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        double[] x = context.OperatingPoint;
        Level1State state = _state;
        bool limited = false;
        _model.Evaluate(x[_d], x[_g], x[_s], x[_b], ref state, false, _off, 1e-12, ref limited, out Level1Stamp st);
        var m = context.Matrix;
        StampChannel(m, st);
        double w = context.Omega;
        var (hgs, hgd, hgb) = _oxide > 0 ? MeyerHalves(state, st.Reversed) : default;
        AddAcCap(m, ((_p.GateSourceOverlap * _width) + (2 * hgs)) * w, _gg, _gs, _sg, _ss);
        AddAcCap(m, ((_p.GateDrainOverlap * _width) + (2 * hgd)) * w, _gg, _gd, _dg, _dd);
        AddAcCap(m, ((_p.GateBulkOverlap * _length) + (2 * hgb)) * w, _gg, _gb, _bg, _bb);
    }

    /// <summary>
    /// Halves of the Meyer C_gs, C_gd, C_gb at the voltages of the last evaluation (<paramref name="state"/>: limited,
    /// NMOS convention), with v_dsat = max(v_gs − v_on, 0) in the conducting orientation, as ngspice mos1load.c.
    /// </summary>
    private (double Gs, double Gd, double Gb) MeyerHalves(in Level1State state, bool reversed)
    {
        double phi = _p.Channel.SurfacePotential;
        double vgs = state.Vgs;
        double vgd = state.Vgs - state.Vds;
        if (!reversed)
        {
            return MeyerCapacitance.Of(vgs, vgd, state.Von, vgs - state.Von, phi, _oxide);
        }

        var (gd, gs, gb) = MeyerCapacitance.Of(vgd, vgs, state.Von, vgd - state.Von, phi, _oxide);
        return (gs, gd, gb);
    }

    private static void AddAcCap(System.Numerics.Complex[] m, double b, int aa, int ab, int ba, int bb)
        => Stamp.Admittance(m, aa, ab, ba, bb, new System.Numerics.Complex(0, b));

    private void StampChannel<T>(T[] m, in Level1Stamp st)
        where T : System.Numerics.INumberBase<T>
    {
        m[_dd] += T.CreateTruncating(st.Dd);
        m[_dg] += T.CreateTruncating(st.Dg);
        m[_ds] += T.CreateTruncating(st.Ds);
        m[_db] += T.CreateTruncating(st.Db);
        m[_sd] += T.CreateTruncating(st.Sd);
        m[_sg] += T.CreateTruncating(st.Sg);
        m[_ss] += T.CreateTruncating(st.Ss);
        m[_sb] += T.CreateTruncating(st.Sb);
        m[_bd] += T.CreateTruncating(st.Bd);
        m[_bs] += T.CreateTruncating(st.Bs);
        m[_bb] += T.CreateTruncating(st.Bb);
    }

    /// <inheritdoc />
    public override double TruncationTimestep(Integrator integrator)
    {
        double dt = double.PositiveInfinity;
        if (_oxide > 0)
        {
            return Math.Min(integrator.TruncationTimestep(_charge), Math.Min(integrator.TruncationTimestep(_charge + 2), integrator.TruncationTimestep(_charge + 4)));
        }

        if (_p.GateSourceOverlap > 0)
        {
            dt = Math.Min(dt, integrator.TruncationTimestep(_charge));
        }

        if (_p.GateDrainOverlap > 0)
        {
            dt = Math.Min(dt, integrator.TruncationTimestep(_charge + 2));
        }

        if (_p.GateBulkOverlap > 0)
        {
            dt = Math.Min(dt, integrator.TruncationTimestep(_charge + 4));
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
}
