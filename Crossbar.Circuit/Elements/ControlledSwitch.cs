using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Voltage- (S) or current-controlled (W) switch: a conductance 1/RON or 1/ROFF between two nodes, chosen by a
/// control value x (v(nc+) − v(nc−), or the current of a voltage source) with hysteresis, as ngspice's SW and CSW.
/// </summary>
/// <remarks>
/// State rule (ngspice swload.c, csw likewise): with H &gt; 0 the switch turns on when x &gt; T + H, off when
/// x &lt; T − H, and keeps its state in between; with H ≤ 0 it is on above T − H, off below T + H, and inside that
/// band takes the state opposite to the one it entered from. The first operating-point iteration starts from the
/// ON/OFF keyword (off when absent); the first iteration of each time point starts from the last accepted state; each
/// later iteration that changes the state asks for another iteration. The state is held in integrator slots, so it
/// advances only with accepted time points. Step control (ngspice swtrunc.c): while x approaches the threshold the
/// step is limited so x moves at most 3/4 of the remaining distance plus a margin (0.05 V, 50 µA), so the switching
/// instant is approached in shrinking steps instead of being jumped over.
/// </remarks>
public sealed class ControlledSwitch : CircuitElement
{
    private const double ReallyOff = 0;
    private const double ReallyOn = 1;
    private const double HysteresisOff = 2;
    private const double HysteresisOn = 3;

    private readonly string _nodeA;
    private readonly string _nodeB;
    private readonly string? _controlP;
    private readonly string? _controlN;
    private readonly string? _controlSource;
    private readonly bool _startsOn;
    private NodePair _nodes;
    private int _cp;
    private int _cn;
    private int _cpSlot;
    private int _cnSlot;
    private int _control = -1;
    private int _state;
    private double _lastTime = double.NaN;

    private ControlledSwitch(string name, string nodeA, string nodeB, SwitchParameters parameters, bool startsOn)
        : base(name)
    {
        _nodeA = nodeA;
        _nodeB = nodeB;
        Parameters = parameters;
        _startsOn = startsOn;
    }

    /// <summary>Creates a voltage-controlled switch (S).</summary>
    public ControlledSwitch(string name, string nodeA, string nodeB, string controlP, string controlN, SwitchParameters parameters, bool startsOn)
        : this(name, nodeA, nodeB, parameters, startsOn)
    {
        _controlP = controlP;
        _controlN = controlN;
    }

    /// <summary>Creates a current-controlled switch (W) driven by the current of voltage source <paramref name="controlSource"/>.</summary>
    public ControlledSwitch(string name, string nodeA, string nodeB, string controlSource, SwitchParameters parameters, bool startsOn)
        : this(name, nodeA, nodeB, parameters, startsOn)
    {
        _controlSource = controlSource;
    }

    /// <summary>Threshold, hysteresis and the two resistances.</summary>
    public SwitchParameters Parameters { get; }

    /// <summary>Whether the control is a current (W) rather than a voltage (S).</summary>
    public bool IsCurrentControlled => _controlSource is not null;

    /// <inheritdoc />
    public override bool IsNonlinear => true;

    /// <inheritdoc />
    public override bool IsTimeDependent => true;

    /// <summary>Whether the switch is on at the last loaded point.</summary>
    public bool IsOn { get; private set; }

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _nodes.Bind(unknowns, _nodeA, _nodeB);
        if (_controlP is not null)
        {
            _cp = unknowns.Node(_controlP);
            _cn = unknowns.Node(_controlN!);
        }
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _nodes.Allocate(context);
        if (_controlSource is not null)
        {
            _control = context.ControllingBranch(Name, _controlSource);
        }
        else
        {
            _cpSlot = context.Slot(_cp);
            _cnSlot = context.Slot(_cn);
        }

        _state = context.AllocateStates(2);
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] x = context.Solution;
        double control = _control >= 0 ? x[_control] : x[_cpSlot] - x[_cnSlot];
        Integrator integrator = context.Integrator;
        double current = integrator.State0[_state];
        double state;
        if (context.Mode == AnalysisMode.Dc)
        {
            _lastTime = double.NaN;
        }

        if (context.Mode == AnalysisMode.Dc && (context.InitializeJunctions || context.UseInitialConditions))
        {
            state = Initial(control);
        }
        else if (context.Mode == AnalysisMode.Transient && context.Time != _lastTime)
        {
            _lastTime = context.Time;
            state = Next(control, integrator.State1[_state], firstIteration: true);
        }
        else
        {
            state = Next(control, Parameters.Hysteresis > 0 ? current : integrator.State1[_state], firstIteration: false);
            if (state != current)
            {
                context.Limited = true;
            }
        }

        integrator.State0[_state] = state;
        integrator.State0[_state + 1] = control;
        IsOn = state is ReallyOn or HysteresisOn;
        _nodes.Load(context.Matrix, Conductance);
    }

    /// <summary>The conductance of the present state in S.</summary>
    public double Conductance => 1 / (IsOn ? Parameters.OnResistance : Parameters.OffResistance);

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context) => _nodes.Load(context.Matrix, (System.Numerics.Complex)Conductance);

    /// <inheritdoc />
    public override double TruncationTimestep(Integrator integrator)
    {
        ArgumentNullException.ThrowIfNull(integrator);
        double control = integrator.State0[_state + 1];
        double change = control - integrator.State1[_state + 1];
        double margin = IsCurrentControlled ? 5e-5 : 0.05;
        (double threshold, double hysteresis) = (Parameters.Threshold, Parameters.Hysteresis);
        if (integrator.State0[_state] == ReallyOff)
        {
            double edge = threshold + hysteresis;
            if (control < edge && change > 0)
            {
                return ((((edge - control) * 0.75) + margin) / change) * integrator.Deltas[0];
            }
        }
        else
        {
            double edge = threshold - hysteresis;
            if (control > edge && change < 0)
            {
                return ((((edge - control) * 0.75) - margin) / change) * integrator.Deltas[0];
            }
        }

        return double.PositiveInfinity;
    }

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        topology.DcPath(_nodes.A, _nodes.B);
    }

    private double Initial(double control)
    {
        double t = Parameters.Threshold;
        double h = Math.Abs(Parameters.Hysteresis);
        if (_startsOn)
        {
            return control > t + h ? ReallyOn : HysteresisOn;
        }

        return control < t - h ? ReallyOff : HysteresisOff;
    }

    private double Next(double control, double previous, bool firstIteration)
    {
        double t = Parameters.Threshold;
        double h = Parameters.Hysteresis;
        if (h > 0)
        {
            return control > t + h ? ReallyOn : control < t - h ? ReallyOff : previous;
        }

        if (control > t - h)
        {
            return ReallyOn;
        }

        if (control < t + h)
        {
            return ReallyOff;
        }

        // Inside a negative band: a state already in the band stays; one entering it flips.
        return previous switch
        {
            HysteresisOn or HysteresisOff => previous,
            ReallyOn => firstIteration ? ReallyOff : HysteresisOff,
            _ => firstIteration ? ReallyOn : HysteresisOn,
        };
    }
}
