using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Current-controlled current source (F): a current β·i(Vctrl) flows from p through the source to n.</summary>
public sealed class Cccs : CircuitElement
{
    private readonly string _nodeP;
    private readonly string _nodeN;
    private readonly string _control;
    private int _p;
    private int _n;
    private int _pc;
    private int _nc;

    /// <summary>Creates a CCCS controlled by the current of voltage source <paramref name="controlSource"/>.</summary>
    public Cccs(string name, string nodeP, string nodeN, string controlSource, double gain)
        : base(name)
    {
        _nodeP = nodeP;
        _nodeN = nodeN;
        _control = controlSource;
        Gain = gain;
    }

    /// <summary>Current gain (dimensionless).</summary>
    public double Gain { get; }

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _p = unknowns.Node(_nodeP);
        _n = unknowns.Node(_nodeN);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        int control = context.ControllingBranch(Name, _control);
        _pc = context.Entry(context.Slot(_p), control);
        _nc = context.Entry(context.Slot(_n), control);
    }

    /// <inheritdoc />
    public override bool IsConstant => true;

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        context.Matrix[_pc] += Gain;
        context.Matrix[_nc] -= Gain;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        context.Matrix[_pc] += Gain;
        context.Matrix[_nc] -= Gain;
    }
}
