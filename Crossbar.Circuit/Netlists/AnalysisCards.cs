namespace Crossbar.Circuit.Netlists;

/// <summary>An analysis request (<c>.op</c>, <c>.dc</c>, <c>.tran</c>, <c>.ac</c>).</summary>
public abstract record AnalysisCard
{
    /// <summary>Where the card was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;
}

/// <summary><c>.op</c>.</summary>
public sealed record OpAnalysisCard : AnalysisCard;

/// <summary>One swept source of a <c>.dc</c> line.</summary>
public sealed record DcSweep(string Source, ParamValue Start, ParamValue Stop, ParamValue Step);

/// <summary><c>.dc src start stop step [src2 start2 stop2 step2]</c>: the first sweep is the inner loop.</summary>
public sealed record DcAnalysisCard(IReadOnlyList<DcSweep> Sweeps) : AnalysisCard;

/// <summary><c>.tran tstep tstop [tstart [tmax]] [uic]</c>.</summary>
public sealed record TranAnalysisCard(ParamValue Step, ParamValue Stop, ParamValue? Start, ParamValue? MaxStep, bool UseInitialConditions) : AnalysisCard;

/// <summary>Frequency grid of an AC analysis.</summary>
public enum AcSweepKind
{
    /// <summary>Points per decade.</summary>
    Decade,

    /// <summary>Points per octave.</summary>
    Octave,

    /// <summary>Total points, linear.</summary>
    Linear,
}

/// <summary><c>.ac dec|oct|lin n fstart fstop</c>.</summary>
public sealed record AcAnalysisCard(AcSweepKind Kind, int Points, ParamValue StartFrequency, ParamValue StopFrequency) : AnalysisCard;
