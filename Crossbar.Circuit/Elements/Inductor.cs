using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Linear inductor with its current as an unknown: v(a) − v(b) = dΦ/dt, Φ = L·i; a short at DC.
/// </summary>
public sealed class Inductor : CircuitElement
{
    private readonly string _nodeA;
    private readonly string _nodeB;
    private int _a;
    private int _b;
    private int _branch;
    private int _ab;
    private int _bb;
    private int _ba;
    private int _bbr;
    private int _brbr;
    private int _state;

    /// <summary>Creates an inductor.</summary>
    /// <param name="name">Element name.</param>
    /// <param name="nodeA">Positive node.</param>
    /// <param name="nodeB">Negative node.</param>
    /// <param name="inductance">Inductance in H.</param>
    /// <param name="initialCurrent">Initial current in A used with UIC, or null.</param>
    public Inductor(string name, string nodeA, string nodeB, double inductance, double? initialCurrent = null)
        : base(name)
    {
        if (!double.IsFinite(inductance))
        {
            throw new ArgumentException($"inductor {name}: inductance must be finite, got {inductance}", nameof(inductance));
        }

        _nodeA = nodeA;
        _nodeB = nodeB;
        Inductance = inductance;
        InitialCurrent = initialCurrent;
    }

    /// <summary>Inductance in H.</summary>
    public double Inductance { get; }

    /// <summary>Initial current in A for UIC, or null.</summary>
    public double? InitialCurrent { get; }

    /// <inheritdoc />
    public override bool IsTimeDependent => true;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _a = unknowns.Node(_nodeA);
        _b = unknowns.Node(_nodeB);
        _branch = unknowns.Branch(Name);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _a = context.Slot(_a);
        _b = context.Slot(_b);
        _ab = context.Entry(_a, _branch);
        _bb = context.Entry(_b, _branch);
        _ba = context.Entry(_branch, _a);
        _bbr = context.Entry(_branch, _b);
        _brbr = context.Entry(_branch, _branch);
        _state = context.AllocateStates(2);
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] m = context.Matrix;
        Stamp.Branch(m, _ab, _bb, _ba, _bbr, 1.0);
        double i = context.Solution[_branch];
        if (context.UseInitialConditions && InitialCurrent is { } ic)
        {
            i = ic;
        }

        Integrator integrator = context.Integrator;
        integrator.State0[_state] = Inductance * i;
        if (context.Mode == AnalysisMode.Dc)
        {
            return;
        }

        double ceq = integrator.Integrate(_state);
        m[_brbr] -= integrator.Coefficient0 * Inductance;
        context.Rhs[_branch] += ceq;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        var m = context.Matrix;
        Stamp.Branch(m, _ab, _bb, _ba, _bbr, System.Numerics.Complex.One);
        m[_brbr] -= new System.Numerics.Complex(0, context.Omega * Inductance);
    }

    /// <inheritdoc />
    public override double TruncationTimestep(Integrator integrator) => integrator.TruncationTimestep(_state);

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.VoltageBranch(_a, _b, Name);
}
