using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Independent voltage source with its current as an unknown (current flows from + through the source to −).</summary>
public sealed class VoltageSource : CircuitElement
{
    private readonly string _nodeP;
    private readonly string _nodeN;
    private int _p;
    private int _n;
    private int _pb;
    private int _nb;
    private int _bp;
    private int _bn;

    /// <summary>Creates a voltage source.</summary>
    public VoltageSource(string name, string nodeP, string nodeN, SourceFunction function, double acMagnitude = 0, double acPhaseDegrees = 0)
        : base(name)
    {
        _nodeP = nodeP;
        _nodeN = nodeN;
        Function = function;
        AcMagnitude = acMagnitude;
        AcPhase = acPhaseDegrees;
    }

    /// <summary>DC value and waveform.</summary>
    public SourceFunction Function { get; }

    /// <summary>AC magnitude in V.</summary>
    public double AcMagnitude { get; }

    /// <summary>AC phase in degrees.</summary>
    public double AcPhase { get; }

    /// <summary>Index of the branch-current unknown.</summary>
    public int Branch { get; private set; }

    /// <inheritdoc />
    public override bool IsTimeDependent => Function.HasWaveform;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _p = unknowns.Node(_nodeP);
        _n = unknowns.Node(_nodeN);
        Branch = unknowns.Branch(Name);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _p = context.Slot(_p);
        _n = context.Slot(_n);
        _pb = context.Entry(_p, Branch);
        _nb = context.Entry(_n, Branch);
        _bp = context.Entry(Branch, _p);
        _bn = context.Entry(Branch, _n);
    }

    /// <summary>Value at the context's time and mode, before source stepping.</summary>
    public double ValueAt(LoadContext context)
        => context.SweepValueFor(this)
        ?? (context.Mode == AnalysisMode.Dc && !context.IsTransientOperatingPoint ? Function.DcValue : Function.Evaluate(context.Time));

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
        context.Rhs[Branch] += System.Numerics.Complex.FromPolarCoordinates(AcMagnitude, AcPhase * Math.PI / 180);
    }

    /// <inheritdoc />
    public override void PrepareTransient(double printStep, double stopTime) => Function.SetTransientTimes(printStep, stopTime);

    /// <inheritdoc />
    public override void AddBreakpoints(double from, double to, double printStep, SortedSet<double> breakpoints)
        => Function.AddBreakpoints(from, to, breakpoints);

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.VoltageBranch(_p, _n, Name);
}
