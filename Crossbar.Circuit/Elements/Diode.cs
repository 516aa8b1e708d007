using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// SPICE level-1 junction diode with series resistance, depletion and diffusion charge.
/// </summary>
/// <remarks>
/// As ngspice dioload.c: I = Is·(e^{V/(N·vt)} − 1) + gmin·V for V ≥ −3N·vt; a cubic tail
/// −Is·(1 + (3N·vt/(e·V))³) below; breakdown −Is·e^{−(BV'+V)/(N·vt)} for V &lt; −BV' with BV'
/// fitted so the current at −BV is IBV. Charge q = TT·I + CJO·VJ·(1 − (1 − V/VJ)^{1−M})/(1 − M)
/// for V &lt; FC·VJ, linearised capacitance above. Newton steps limited with pnjlim.
/// </remarks>
public sealed class Diode : CircuitElement
{
    private readonly string _anodeName;
    private readonly string _cathodeName;
    private readonly DiodeParameters _p;
    private readonly double _area;
    private readonly bool _off;
    private readonly double _vte;
    private readonly double _isat;
    private readonly double _vcrit;
    private readonly double _breakdown;
    private int _anode;
    private int _cathode;
    private int _internal;
    private int _aa;
    private int _ai;
    private int _ia;
    private int _ii;
    private int _ik;
    private int _ki;
    private int _kk;
    private int _state;
    private double _vdOld;

    /// <summary>Creates a diode; <paramref name="area"/> scales IS, CJO and 1/RS. Temperature comes in through the
    /// parameters (<see cref="DiodeParameters.AtTemperature"/>).</summary>
    public Diode(string name, string anode, string cathode, DiodeParameters parameters, double area = 1, bool off = false)
        : base(name)
    {
        _anodeName = anode;
        _cathodeName = cathode;
        _p = parameters;
        _area = area;
        _off = off;
        _vte = parameters.EmissionCoefficient * parameters.ThermalVoltage;
        _isat = parameters.SaturationCurrent * area;
        _vcrit = JunctionLimiting.CriticalVoltage(_vte, _isat);
        _breakdown = double.IsFinite(parameters.BreakdownVoltage) ? FitBreakdown() : double.PositiveInfinity;
    }

    /// <inheritdoc />
    public override bool IsNonlinear => true;

    /// <inheritdoc />
    public override bool IsTimeDependent => HasCharge;

    private bool HasCharge => _p.JunctionCapacitance > 0 || _p.TransitTime > 0;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _anode = unknowns.Node(_anodeName);
        _cathode = unknowns.Node(_cathodeName);
        _internal = _p.SeriesResistance > 0 ? unknowns.Node(Name + "#internal") : _anode;
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _anode = context.Slot(_anode);
        _cathode = context.Slot(_cathode);
        _internal = context.Slot(_internal);
        _aa = context.Entry(_anode, _anode);
        _ai = context.Entry(_anode, _internal);
        _ia = context.Entry(_internal, _anode);
        _ii = context.Entry(_internal, _internal);
        _ik = context.Entry(_internal, _cathode);
        _ki = context.Entry(_cathode, _internal);
        _kk = context.Entry(_cathode, _cathode);
        _state = context.AllocateStates(2);
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] x = context.Solution;
        double vd;
        if (context.InitializeJunctions)
        {
            vd = _off ? 0 : _vcrit;
        }
        else
        {
            vd = x[_internal] - x[_cathode];
            bool limited = false;
            vd = JunctionLimiting.PnJunction(vd, _vdOld, _vte, _vcrit, ref limited);
            if (limited)
            {
                context.Limited = true;
            }
        }

        _vdOld = vd;
        (double cd, double gd) = JunctionCurrent(vd, context.Options.Gmin);

        if (context.Mode == AnalysisMode.Transient || HasCharge)
        {
            (double q, double cap) = Charge(vd, cd, gd);
            Integrator integrator = context.Integrator;
            integrator.State0[_state] = q;
            if (context.Mode == AnalysisMode.Transient)
            {
                // Integrate stores dq/dt in the next slot: the capacitive current joins the
                // junction current, its conductance Coefficient0·C joins gd (one Norton pair).
                integrator.Integrate(_state);
                cd += integrator.State0[_state + 1];
                gd += integrator.Coefficient0 * cap;
            }
        }

        double ieq = cd - (gd * vd);
        Stamp.Admittance(context.Matrix, _ii, _ik, _ki, _kk, gd);
        context.Rhs[_internal] -= ieq;
        context.Rhs[_cathode] += ieq;
        if (_p.SeriesResistance > 0)
        {
            Stamp.Admittance(context.Matrix, _aa, _ai, _ia, _ii, _area / _p.SeriesResistance);
        }
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        double[] x = context.OperatingPoint;
        double vd = x[_internal] - x[_cathode];
        (double cd, double gd) = JunctionCurrent(vd, 1e-12);
        (_, double cap) = Charge(vd, cd, gd);
        Stamp.Admittance(context.Matrix, _ii, _ik, _ki, _kk, new System.Numerics.Complex(gd, context.Omega * cap));
        if (_p.SeriesResistance > 0)
        {
            Stamp.Admittance(context.Matrix, _aa, _ai, _ia, _ii, (System.Numerics.Complex)(_area / _p.SeriesResistance));
        }
    }

    /// <inheritdoc />
    public override double TruncationTimestep(Integrator integrator)
        => HasCharge ? integrator.TruncationTimestep(_state) : double.PositiveInfinity;

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology)
    {
        topology.DcPath(_anode, _internal);
        topology.DcPath(_internal, _cathode);
    }

    /// <summary>Junction current and conductance at junction voltage <paramref name="vd"/> (gmin included).</summary>
    public (double Current, double Conductance) JunctionCurrent(double vd, double gmin)
    {
        double vte = _vte;
        double csat = _isat;
        if (vd >= -3 * vte)
        {
            double evd = Math.Exp(Math.Min(vd / vte, 709));
            return ((csat * (evd - 1)) + (gmin * vd), (csat * evd / vte) + gmin);
        }

        if (vd >= -_breakdown)
        {
            double arg = 3 * vte / (vd * Math.E);
            arg = arg * arg * arg;
            return ((-csat * (1 + arg)) + (gmin * vd), (csat * 3 * arg / vd) + gmin);
        }

        double evrev = Math.Exp(Math.Min(-(_breakdown + vd) / vte, 709));
        return ((-csat * evrev) + (gmin * vd), (csat * evrev / vte) + gmin);
    }

    private (double Charge, double Capacitance) Charge(double vd, double cd, double gd)
    {
        double czero = _p.JunctionCapacitance * _area;
        double vj = _p.JunctionPotential;
        double mj = _p.GradingCoefficient;
        double fc = _p.DepletionCoefficient;
        double tt = _p.TransitTime;
        double depcap = fc * vj;
        if (vd < depcap)
        {
            double arg = 1 - (vd / vj);
            double sarg = Math.Exp(-mj * Math.Log(arg));
            return ((tt * cd) + (vj * czero * (1 - (arg * sarg)) / (1 - mj)), (tt * gd) + (czero * sarg));
        }

        double f1 = vj * (1 - Math.Exp((1 - mj) * Math.Log(1 - fc))) / (1 - mj);
        double f2 = Math.Exp((1 + mj) * Math.Log(1 - fc));
        double f3 = 1 - (fc * (1 + mj));
        double czof2 = czero / f2;
        double q = (tt * cd) + (czero * f1) + (czof2 * ((f3 * (vd - depcap)) + (mj / (vj + vj) * ((vd * vd) - (depcap * depcap)))));
        return (q, (tt * gd) + (czof2 * (f3 + (mj * vd / vj))));
    }

    private double FitBreakdown()
    {
        double bv = _p.BreakdownVoltage;
        double cbv = _p.BreakdownCurrent * _area;
        double vt = _vte;
        if (cbv < _isat * bv / vt)
        {
            return bv;
        }

        double tol = 1e-3 * cbv;
        double xbv = bv - (vt * Math.Log(1 + (cbv / _isat)));
        for (int i = 0; i < 25; i++)
        {
            xbv = bv - (vt * Math.Log((cbv / _isat) + 1 - (xbv / vt)));
            double xcbv = _isat * (Math.Exp((bv - xbv) / vt) - 1 + (xbv / vt));
            if (Math.Abs(xcbv - cbv) <= tol)
            {
                break;
            }
        }

        return xbv;
    }
}
