using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// SPICE level-1 (Shichman–Hodges) MOSFET with bulk junction diodes and optional linear overlap
/// capacitances. The channel equations are those of Crossbar.Devices.Transistors.Mosfet1Model; limiting, bulk
/// junctions and the stamp are assembled by <see cref="Level1Mosfet"/> (as ngspice mos1load.c).
/// </summary>
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
    }

    /// <inheritdoc />
    public override bool IsNonlinear => true;

    /// <inheritdoc />
    /// <remarks>Every pair of the four terminals (<see cref="Allocate"/>).</remarks>
    public override int OffDiagonalEntryEstimate => 12;

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
        _charge = c.AllocateStates(6);
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
            LoadOverlap(context, x);
        }
    }

    private void LoadOverlap(LoadContext context, double[] x)
    {
        double cgs = _p.GateSourceOverlap * _width;
        double cgd = _p.GateDrainOverlap * _width;
        double cgb = _p.GateBulkOverlap * _length;
        Integrator integrator = context.Integrator;
        integrator.State0[_charge] = cgs * (x[_g] - x[_s]);
        integrator.State0[_charge + 2] = cgd * (x[_g] - x[_d]);
        integrator.State0[_charge + 4] = cgb * (x[_g] - x[_b]);
        if (context.Mode != AnalysisMode.Transient)
        {
            return;
        }

        StampCapacitor(context, _charge, cgs, _gg, _gs, _sg, _ss, _g, _s);
        StampCapacitor(context, _charge + 2, cgd, _gg, _gd, _dg, _dd, _g, _d);
        StampCapacitor(context, _charge + 4, cgb, _gg, _gb, _bg, _bb, _g, _b);
    }

    private static void StampCapacitor(LoadContext context, int slot, double cap, int aa, int ab, int ba, int bb, int a, int b)
    {
        if (cap == 0)
        {
            return;
        }

        double ceq = context.Integrator.Integrate(slot);
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
        AddAcCap(m, _p.GateSourceOverlap * _width * w, _gg, _gs, _sg, _ss);
        AddAcCap(m, _p.GateDrainOverlap * _width * w, _gg, _gd, _dg, _dd);
        AddAcCap(m, _p.GateBulkOverlap * _length * w, _gg, _gb, _bg, _bb);
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
