using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Linear resistor: i = (v(a) − v(b))/R, stamped as a conductance (four adds per load).</summary>
public sealed class Resistor : CircuitElement
{
    private readonly string _nodeA;
    private readonly string _nodeB;
    private int _a;
    private int _b;
    private int _aa;
    private int _ab;
    private int _ba;
    private int _bb;

    /// <summary>Creates a resistor.</summary>
    /// <param name="name">Element name.</param>
    /// <param name="nodeA">Positive node.</param>
    /// <param name="nodeB">Negative node.</param>
    /// <param name="resistance">Resistance in Ω (non-zero).</param>
    public Resistor(string name, string nodeA, string nodeB, double resistance)
        : base(name)
    {
        if (resistance == 0 || !double.IsFinite(resistance))
        {
            throw new ArgumentException($"resistor {name}: resistance must be finite and non-zero, got {resistance}", nameof(resistance));
        }

        _nodeA = nodeA;
        _nodeB = nodeB;
        Conductance = 1.0 / resistance;
    }

    /// <summary>Conductance in S.</summary>
    public double Conductance { get; }

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _a = unknowns.Node(_nodeA);
        _b = unknowns.Node(_nodeB);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _a = context.Slot(_a);
        _b = context.Slot(_b);
        _aa = context.Entry(_a, _a);
        _ab = context.Entry(_a, _b);
        _ba = context.Entry(_b, _a);
        _bb = context.Entry(_b, _b);
    }

    /// <inheritdoc />
    public override bool IsConstant => true;

    /// <inheritdoc />
    public override void Load(LoadContext context)
        => Stamp.Admittance(context.Matrix, _aa, _ab, _ba, _bb, Conductance);

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
        => Stamp.Admittance(context.Matrix, _aa, _ab, _ba, _bb, (System.Numerics.Complex)Conductance);

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.DcPath(_a, _b);
}
