using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Linear resistor: i = (v(a) − v(b))/R, stamped as a conductance (four adds per load).</summary>
public sealed class Resistor : CircuitElement
{
    private readonly string _nodeA;
    private readonly string _nodeB;
    private NodePair _nodes;

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
        _nodes.Bind(unknowns, _nodeA, _nodeB);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _nodes.Allocate(context);
    }

    /// <inheritdoc />
    public override bool IsConstant => true;

    /// <inheritdoc />
    public override void Load(LoadContext context)
        => _nodes.Load(context.Matrix, Conductance);

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
        => _nodes.Load(context.Matrix, (System.Numerics.Complex)Conductance);

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.DcPath(_nodes.A, _nodes.B);
}
