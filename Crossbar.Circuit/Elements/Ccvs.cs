using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Current-controlled voltage source (H): v(p) − v(n) = R·i(Vctrl), output current an unknown.</summary>
public sealed class Ccvs : CircuitElement
{
    private readonly string _nodeP;
    private readonly string _nodeN;
    private readonly string _control;
    private int _p;
    private int _n;
    private int _branch;
    private int _pb;
    private int _nb;
    private int _bp;
    private int _bn;
    private int _bc;

    /// <summary>Creates a CCVS with transresistance <paramref name="transresistance"/> in Ω.</summary>
    public Ccvs(string name, string nodeP, string nodeN, string controlSource, double transresistance)
        : base(name)
    {
        _nodeP = nodeP;
        _nodeN = nodeN;
        _control = controlSource;
        Transresistance = transresistance;
    }

    /// <summary>Transresistance in Ω.</summary>
    public double Transresistance { get; }

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _p = unknowns.Node(_nodeP);
        _n = unknowns.Node(_nodeN);
        _branch = unknowns.Branch(Name);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        int control = context.ControllingBranch(Name, _control);
        _pb = context.Entry(context.Slot(_p), _branch);
        _nb = context.Entry(context.Slot(_n), _branch);
        _bp = context.Entry(_branch, context.Slot(_p));
        _bn = context.Entry(_branch, context.Slot(_n));
        _bc = context.Entry(_branch, control);
    }

    /// <inheritdoc />
    public override bool IsConstant => true;

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        Stamp.Branch(context.Matrix, _pb, _nb, _bp, _bn, 1.0);
        context.Matrix[_bc] -= Transresistance;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        Stamp.Branch(context.Matrix, _pb, _nb, _bp, _bn, System.Numerics.Complex.One);
        context.Matrix[_bc] -= Transresistance;
    }

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.VoltageBranch(_p, _n, Name);
}
