using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Independent current source: the current flows from + through the source to − (leaves the + node).</summary>
public sealed class CurrentSource : CircuitElement
{
    private readonly string _nodeP;
    private readonly string _nodeN;
    private int _p;
    private int _n;

    /// <summary>Creates a current source.</summary>
    public CurrentSource(string name, string nodeP, string nodeN, SourceFunction function, double acMagnitude = 0, double acPhaseDegrees = 0)
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

    /// <summary>AC magnitude in A.</summary>
    public double AcMagnitude { get; }

    /// <summary>AC phase in degrees.</summary>
    public double AcPhase { get; }

    /// <inheritdoc />
    public override bool IsTimeDependent => Function.HasWaveform;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _p = unknowns.Node(_nodeP);
        _n = unknowns.Node(_nodeN);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _p = context.Slot(_p);
        _n = context.Slot(_n);
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double value = (context.SweepValueFor(this)
            ?? (context.Mode == AnalysisMode.Dc && !context.IsTransientOperatingPoint ? Function.DcValue : Function.Evaluate(context.Time))) * context.SourceFactor;
        context.Rhs[_p] -= value;
        context.Rhs[_n] += value;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        var value = System.Numerics.Complex.FromPolarCoordinates(AcMagnitude, AcPhase * Math.PI / 180);
        context.Rhs[_p] -= value;
        context.Rhs[_n] += value;
    }

    /// <inheritdoc />
    public override void PrepareTransient(double printStep, double stopTime) => Function.SetTransientTimes(printStep, stopTime);

    /// <inheritdoc />
    public override void AddBreakpoints(double from, double to, double printStep, SortedSet<double> breakpoints)
        => Function.AddBreakpoints(from, to, breakpoints);
}
