namespace Crossbar.Circuit.Engine;

/// <summary>
/// What an element sees while loading: the matrix values (by handle), the right-hand side and
/// the current iterate (each with a spare ground slot), the analysis mode and time, and the
/// integrator for charges.
/// </summary>
public sealed class LoadContext
{
    internal LoadContext(int size, int entries, int states, SimulationOptions options)
    {
        Matrix = new double[entries + 1];
        Rhs = new double[size + 1];
        Solution = new double[size + 1];
        Options = options;
        Integrator = new Integrator(states, options);
    }

    /// <summary>Matrix values by handle (slot 0 is trash).</summary>
    public double[] Matrix { get; }

    /// <summary>Right-hand side (last slot is the ground trash).</summary>
    public double[] Rhs { get; }

    /// <summary>The iterate the load linearises around (last slot is ground, always 0).</summary>
    public double[] Solution { get; }

    /// <summary>Simulator options.</summary>
    public SimulationOptions Options { get; }

    /// <summary>DC or transient.</summary>
    public AnalysisMode Mode { get; internal set; }

    /// <summary>True on the first Newton iteration of an operating point: junctions start from their initial voltages.</summary>
    public bool InitializeJunctions { get; internal set; }

    /// <summary>True while a transient starts from user initial conditions (UIC): reactive elements use IC values.</summary>
    public bool UseInitialConditions { get; internal set; }

    /// <summary>True for the operating point that starts a transient: sources take their waveform value at t = 0
    /// (ngspice MODETRANOP), not their DC value.</summary>
    public bool IsTransientOperatingPoint { get; internal set; }

    /// <summary>Scale of all independent sources (source stepping; 1 normally).</summary>
    public double SourceFactor { get; internal set; } = 1;

    /// <summary>Time of the point being solved, in s (0 for DC).</summary>
    public double Time { get; internal set; }

    /// <summary>The print step of the transient (used for zero PULSE rise/fall times).</summary>
    public double PrintStep { get; internal set; }

    /// <summary>Integrator that owns the charge history and the method.</summary>
    public Integrator Integrator { get; }

    /// <summary>Set by nonlinear elements when they limited a junction voltage this iteration (not converged yet).</summary>
    public bool Limited { get; set; }

    /// <summary>
    /// Set by the first element whose value at this iterate is infinite or NaN (a behavioural
    /// expression out of its domain), naming it: Newton treats the iterate as failed.
    /// </summary>
    public string? NonFinite { get; set; }

    /// <summary>Clears matrix and right-hand side before a load.</summary>
    internal void Clear()
    {
        Array.Clear(Matrix);
        Array.Clear(Rhs);
        Limited = false;
        NonFinite = null;
    }
}
