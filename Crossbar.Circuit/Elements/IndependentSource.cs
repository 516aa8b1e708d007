using System.Numerics;
using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// What independent voltage and current sources share: two nodes, a DC value with waveform,
/// an AC phasor, the value rule of each analysis (DC sweep override, DC value at the operating
/// point, waveform at t = 0 for the transient's operating point, waveform in time), and
/// waveform breakpoints.
/// </summary>
public abstract class IndependentSource : CircuitElement, ISweepableSource
{
    private readonly string _nodeP;
    private readonly string _nodeN;

    /// <summary>Creates the source.</summary>
    protected IndependentSource(string name, string nodeP, string nodeN, SourceFunction function, double acMagnitude, double acPhaseDegrees)
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

    /// <summary>AC magnitude in V or A.</summary>
    public double AcMagnitude { get; }

    /// <summary>AC phase in degrees.</summary>
    public double AcPhase { get; }

    /// <inheritdoc />
    public override bool IsTimeDependent => Function.HasWaveform;

    /// <summary>Positive node (bound index, then vector slot after allocation).</summary>
    protected int PlusNode { get; private set; }

    /// <summary>Negative node (bound index, then vector slot after allocation).</summary>
    protected int MinusNode { get; private set; }

    /// <summary>The AC phasor.</summary>
    protected Complex AcPhasor => Complex.FromPolarCoordinates(AcMagnitude, AcPhase * Math.PI / 180);

    /// <summary>
    /// Factor on the value of the card (DC and waveform alike), 1 unless a circuit session reuses the
    /// compiled circuit for a new input: the same circuit then solves for new source values without being built again.
    /// </summary>
    public double Scale { get; set; } = 1;

    /// <inheritdoc />
    public double? SweepValue { get; set; }

    /// <summary>Value at the context's time and mode, before source stepping.</summary>
    public double ValueAt(LoadContext context)
        => SweepValue
        ?? (Scale * (context.Mode == AnalysisMode.Dc && !context.IsTransientOperatingPoint ? Function.DcValue : Function.Evaluate(context.Time)));

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        PlusNode = unknowns.Node(_nodeP);
        MinusNode = unknowns.Node(_nodeN);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        PlusNode = context.Slot(PlusNode);
        MinusNode = context.Slot(MinusNode);
    }

    /// <inheritdoc />
    public override void PrepareTransient(double printStep, double stopTime) => Function.SetTransientTimes(printStep, stopTime);

    /// <inheritdoc />
    public override void AddBreakpoints(double from, double to, double printStep, SortedSet<double> breakpoints)
        => Function.AddBreakpoints(from, to, breakpoints);
}
