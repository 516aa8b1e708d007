using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Linear capacitor: q = C·(v(a) − v(b)), i = dq/dt by the integrator; open at DC.</summary>
public sealed class Capacitor : CircuitElement
{
    private readonly string _nodeA;
    private readonly string _nodeB;
    private NodePair _nodes;
    private int _state;

    /// <summary>Creates a capacitor.</summary>
    /// <param name="name">Element name.</param>
    /// <param name="nodeA">Positive node.</param>
    /// <param name="nodeB">Negative node.</param>
    /// <param name="capacitance">Capacitance in F.</param>
    /// <param name="initialVoltage">Initial voltage in V used with UIC, or null.</param>
    public Capacitor(string name, string nodeA, string nodeB, double capacitance, double? initialVoltage = null)
        : base(name)
    {
        if (!double.IsFinite(capacitance))
        {
            throw new ArgumentException($"capacitor {name}: capacitance must be finite, got {capacitance}", nameof(capacitance));
        }

        _nodeA = nodeA;
        _nodeB = nodeB;
        Capacitance = capacitance;
        InitialVoltage = initialVoltage;
    }

    /// <summary>Capacitance in F.</summary>
    public double Capacitance { get; }

    /// <summary>Initial voltage in V for UIC, or null.</summary>
    public double? InitialVoltage { get; }

    /// <inheritdoc />
    public override bool IsTimeDependent => true;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _nodes.Bind(unknowns, _nodeA, _nodeB);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _nodes.Allocate(context);
        _state = context.AllocateStates(2);
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] x = context.Solution;
        double v = x[_nodes.A] - x[_nodes.B];
        if (context.UseInitialConditions && InitialVoltage is { } ic)
        {
            v = ic;
        }

        Integrator integrator = context.Integrator;
        integrator.State0[_state] = Capacitance * v;
        if (context.Mode == AnalysisMode.Dc)
        {
            return;
        }

        double ceq = integrator.Integrate(_state);
        double geq = integrator.Coefficient0 * Capacitance;
        _nodes.Load(context.Matrix, geq);
        context.Rhs[_nodes.A] -= ceq;
        context.Rhs[_nodes.B] += ceq;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
        => _nodes.Load(context.Matrix, new System.Numerics.Complex(0, context.Omega * Capacitance));

    /// <inheritdoc />
    public override double TruncationTimestep(Integrator integrator) => integrator.TruncationTimestep(_state);
}
