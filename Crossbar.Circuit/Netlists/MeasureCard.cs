namespace Crossbar.Circuit.Netlists;

/// <summary>What a <c>.measure</c> card computes.</summary>
public enum MeasureKind
{
    /// <summary><c>TRIG … TARG …</c>: target time (or sweep value) minus trigger time.</summary>
    TrigTarg,

    /// <summary><c>FIND vector WHEN …</c> or <c>FIND vector AT=x</c>: a vector's value at a point.</summary>
    Find,

    /// <summary><c>WHEN vector=value</c>: the time (or sweep value) of a crossing.</summary>
    When,

    /// <summary><c>AVG</c>: trapezoidal mean over the window.</summary>
    Average,

    /// <summary><c>RMS</c>: root of the mean of the square over the window.</summary>
    Rms,

    /// <summary><c>MIN</c>: smallest value in the window.</summary>
    Minimum,

    /// <summary><c>MAX</c>: largest value in the window.</summary>
    Maximum,

    /// <summary><c>MIN_AT</c>: where (time, sweep value, frequency) the smallest value in the window is.</summary>
    MinimumAt,

    /// <summary><c>MAX_AT</c>: where the largest value in the window is.</summary>
    MaximumAt,

    /// <summary><c>PP</c>: largest minus smallest value in the window.</summary>
    PeakToPeak,

    /// <summary><c>INTEG</c>: integral over the window.</summary>
    Integral,

    /// <summary><c>DERIV</c>: slope of a vector at a point (<c>AT=</c> or <c>WHEN …</c>).</summary>
    Derivative,

    /// <summary><c>PARAM='expression'</c> over earlier measures and <c>.param</c>s.</summary>
    Param,
}

/// <summary>Which crossings of a level a condition counts.</summary>
public enum CrossingEdge
{
    /// <summary>No RISE/FALL/CROSS given: the first crossing either way.</summary>
    First,

    /// <summary><c>RISE=n</c>: the n-th upward crossing.</summary>
    Rise,

    /// <summary><c>FALL=n</c>: the n-th downward crossing.</summary>
    Fall,

    /// <summary><c>CROSS=n</c>: the n-th crossing either way.</summary>
    Cross,
}

/// <summary>
/// A measured vector: <c>v(node)</c>, <c>v(a,b)</c> or <c>i(vsource)</c>, and for AC which part of the complex value
/// (<c>vm</c> magnitude, <c>vp</c> phase in radians (as ngspice 39's <c>.meas</c>), <c>vdb</c> 20·log10 of the magnitude, <c>vr</c> real, <c>vi</c>
/// imaginary; plain <c>v</c> is the real part, as in ngspice).
/// </summary>
/// <param name="Vector">The output vector.</param>
/// <param name="Part">'r', 'i', 'm', 'p' or 'd' ('r' for tran, dc and op).</param>
public sealed record MeasureVector(OutputVector Vector, char Part = 'r')
{
    /// <summary>As written, lower case: <c>v(out)</c>, <c>vdb(out)</c>.</summary>
    public override string ToString()
    {
        string column = Vector.ColumnName;
        string prefix = Part switch { 'm' => "m", 'p' => "p", 'd' => "db", 'i' => "i", _ => string.Empty };
        return Part == 'r' ? column : $"{column[0]}{prefix}{column[1..]}";
    }
}

/// <summary>
/// Where a condition holds: the <paramref name="Count"/>-th (0 = last) crossing of <paramref name="Vector"/> through
/// <paramref name="Level"/> (or through <paramref name="LevelVector"/>), counted from <paramref name="Delay"/> on;
/// or, when <paramref name="At"/> is set, simply that time (sweep value).
/// </summary>
/// <param name="Vector">The vector whose crossing is sought (null with <paramref name="At"/>).</param>
/// <param name="Level">VAL= or the right-hand side of <c>WHEN v(x)=value</c>.</param>
/// <param name="LevelVector">Right-hand side of <c>WHEN v(x)=v(y)</c>, or null.</param>
/// <param name="Edge">RISE, FALL, CROSS, or the first crossing.</param>
/// <param name="Count">Which crossing, from 1; <see cref="Last"/> for LAST.</param>
/// <param name="Delay">TD=: crossings before it are not counted (tran only).</param>
/// <param name="At">AT=: the point itself, no crossing sought.</param>
public sealed record MeasureCondition(MeasureVector? Vector, double Level, MeasureVector? LevelVector, CrossingEdge Edge, int Count, double Delay, double? At)
{
    /// <summary>The <see cref="Count"/> of RISE=LAST, FALL=LAST, CROSS=LAST.</summary>
    public const int Last = 0;
}

/// <summary>
/// A <c>.measure</c> (<c>.meas</c>) card: <c>.meas tran|dc|ac|op name function …</c>, evaluated on the results of
/// every analysis of its kind (<see cref="Measurements.MeasureEvaluator"/>).
/// </summary>
/// <param name="Analysis">op, dc, tran or ac.</param>
/// <param name="Name">Result name, lower case.</param>
/// <param name="Kind">What is computed.</param>
public sealed record MeasureCard(string Analysis, string Name, MeasureKind Kind)
{
    /// <summary>The measured vector (FIND, AVG, RMS, MIN, MAX, PP, INTEG, DERIV), or null.</summary>
    public MeasureVector? Vector { get; init; }

    /// <summary>TRIG condition; the WHEN or AT= point of FIND, WHEN and DERIV.</summary>
    public MeasureCondition? Trigger { get; init; }

    /// <summary>TARG condition of TRIG/TARG, or null.</summary>
    public MeasureCondition? Target { get; init; }

    /// <summary>FROM=: start of the window (null: the first point).</summary>
    public double? From { get; init; }

    /// <summary>TO=: end of the window (null: the last point).</summary>
    public double? To { get; init; }

    /// <summary>Expression of PARAM= (without quotes or braces), or null.</summary>
    public string? Expression { get; init; }

    /// <summary>The card as written (continuation lines joined), printed back by the writer.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Where the card was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;

    /// <summary>Every vector the measure reads (measured vector, trigger, target, level vectors).</summary>
    public IEnumerable<MeasureVector> Vectors()
    {
        MeasureVector?[] all = [Vector, Trigger?.Vector, Trigger?.LevelVector, Target?.Vector, Target?.LevelVector];
        return all.OfType<MeasureVector>();
    }
}
