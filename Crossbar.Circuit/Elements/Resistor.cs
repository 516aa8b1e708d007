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
    /// <param name="acResistance">
    /// Resistance in Ω seen by the AC analysis only (ngspice's instance parameter <c>ac=</c>: a resistor whose
    /// small-signal value differs from its DC one, e.g. a bias resistor bypassed at signal frequencies), or null for
    /// <paramref name="resistance"/>.
    /// </param>
    public Resistor(string name, string nodeA, string nodeB, double resistance, double? acResistance = null)
        : base(name)
    {
        foreach (double r in new[] { resistance, acResistance ?? resistance })
        {
            if (r == 0 || !double.IsFinite(r))
            {
                throw new ArgumentException($"resistor {name}: resistance must be finite and non-zero, got {r}", nameof(resistance));
            }
        }

        AcConductance = 1.0 / (acResistance ?? resistance);

        _nodeA = nodeA;
        _nodeB = nodeB;
        Conductance = 1.0 / resistance;
    }

    /// <summary>Conductance in S.</summary>
    public double Conductance { get; }

    /// <summary>Conductance in S in the AC analysis.</summary>
    public double AcConductance { get; }

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
        => _nodes.Load(context.Matrix, (System.Numerics.Complex)AcConductance);

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.DcPath(_nodes.A, _nodes.B);
}
