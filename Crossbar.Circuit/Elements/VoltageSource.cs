using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Independent voltage source with its current as an unknown (current flows from + through the source to −).</summary>
public sealed class VoltageSource : IndependentSource
{
    private int _pb;
    private int _nb;
    private int _bp;
    private int _bn;

    /// <summary>Creates a voltage source (AC magnitude in V).</summary>
    public VoltageSource(string name, string nodeP, string nodeN, SourceFunction function, double acMagnitude = 0, double acPhaseDegrees = 0)
        : base(name, nodeP, nodeN, function, acMagnitude, acPhaseDegrees)
    {
    }

    /// <summary>Index of the branch-current unknown.</summary>
    public int Branch { get; private set; }

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        base.Bind(unknowns);
        Branch = unknowns.Branch(Name);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        base.Allocate(context);
        _pb = context.Entry(PlusNode, Branch);
        _nb = context.Entry(MinusNode, Branch);
        _bp = context.Entry(Branch, PlusNode);
        _bn = context.Entry(Branch, MinusNode);
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        Stamp.Branch(context.Matrix, _pb, _nb, _bp, _bn, 1.0);
        context.Rhs[Branch] += ValueAt(context) * context.SourceFactor;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        Stamp.Branch(context.Matrix, _pb, _nb, _bp, _bn, System.Numerics.Complex.One);
        context.Rhs[Branch] += AcPhasor;
    }

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.VoltageBranch(PlusNode, MinusNode, Name);
}
