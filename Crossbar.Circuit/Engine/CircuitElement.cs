namespace Crossbar.Circuit.Engine;

/// <summary>
/// A compiled element: binds its nodes to unknowns, allocates handles to its matrix entries
/// once, and then only adds numbers in <see cref="Load"/> (SpiceSharp/Spice21 style). Reactive
/// elements keep charges in integrator state slots and never integrate themselves (Xyce style).
/// </summary>
public abstract class CircuitElement
{
    /// <summary>Creates the element with its netlist name.</summary>
    protected CircuitElement(string name) => Name = name;

    /// <summary>Element name as in the netlist (e.g. <c>R1</c>, <c>R.x1.R2</c>).</summary>
    public string Name { get; }

    /// <summary>True when the element's stamp depends on the solution (needs Newton iterations).</summary>
    public virtual bool IsNonlinear => false;

    /// <summary>
    /// True when <see cref="Load"/> adds the same numbers to the matrix at every call, whatever
    /// the analysis, time, iterate or source factor, and nothing to the right-hand side (linear
    /// resistors and controlled sources). The circuit loads such elements once and copies their
    /// sum before each load of the others.
    /// </summary>
    public virtual bool IsConstant => false;

    /// <summary>True when the element's stamp depends on time or the timestep (sources with waveforms, reactive parts).</summary>
    public virtual bool IsTimeDependent => false;

    /// <summary>
    /// About how many distinct off-diagonal matrix entries <see cref="Allocate"/> will ask for,
    /// known after <see cref="Bind"/>: sizes the pattern builder, which otherwise grows (and
    /// rehashes) past its guess. Two, as for a two-terminal element, unless overridden.
    /// </summary>
    public virtual int OffDiagonalEntryEstimate => 2;

    /// <summary>Resolves node names to unknowns and creates branch unknowns.</summary>
    public abstract void Bind(UnknownMap unknowns);

    /// <summary>Allocates matrix-entry handles and state slots (all unknowns exist now).</summary>
    public abstract void Allocate(AllocationContext context);

    /// <summary>Adds this element's Jacobian and right-hand side at the current iterate.</summary>
    public abstract void Load(LoadContext context);

    /// <summary>Adds this element's small-signal (AC) stamp, linearised at the operating point.</summary>
    public virtual void LoadAc(AcLoadContext context)
    {
    }

    /// <summary>Largest timestep the local truncation error of this element allows (∞ when not reactive).</summary>
    public virtual double TruncationTimestep(Integrator integrator) => double.PositiveInfinity;

    /// <summary>Tells time-dependent sources the transient's print step and stop time (SPICE defaults for PULSE/SIN).</summary>
    public virtual void PrepareTransient(double printStep, double stopTime)
    {
    }

    /// <summary>Adds the element's waveform corners in (from, to] to the breakpoint set.</summary>
    public virtual void AddBreakpoints(double from, double to, double printStep, SortedSet<double> breakpoints)
    {
    }

    /// <summary>Nodes this element connects, for the topology check: pairs joined by a DC path,
    /// pairs joined by a zero-impedance (voltage-defining) branch, and all terminals.</summary>
    public virtual void DescribeTopology(TopologyBuilder topology)
    {
    }
}
