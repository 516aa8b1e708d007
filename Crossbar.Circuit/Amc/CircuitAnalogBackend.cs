using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Amc;

/// <summary>The kind of one analogue operation.</summary>
public enum OperationKind
{
    /// <summary>Open-loop matrix–vector multiplication.</summary>
    Mvm,

    /// <summary>Closed-loop inversion.</summary>
    Inv,
}

/// <summary>
/// Runs every analogue operation through the circuit engine: each programmed array's MVM and INV circuits are generated
/// with the backend's hardware (<see cref="Circuit"/>: cells, RRAM read model, wires, op-amps — what <c>crossbar
/// inv</c>/<c>mvm</c> build from the same options) on the programmed conductances, compiled once, and solved at their
/// operating point or in transient (which also gives the settling time) for each input. Programming (levels, error,
/// drift) is shared with <see cref="IdealAnalogBackend"/>, and so is white read noise (drawn per operation), so the two
/// fidelities see the same conductances and agree where the circuit is ideal.
/// </summary>
public sealed class CircuitAnalogBackend : IAnalogBackend
{
    /// <summary>Window of each operation's transient in loop time constants: settling to 2⁻⁸ takes about 5.5 of the
    /// slowest, so 10 leave room for slower secondary poles while keeping the thousands of HP-MVM transients short.</summary>
    public const double TransientTimeConstants = 10;

    /// <summary>Print points of each operation's transient: a step of 0.2 loop time constants, which places the
    /// settling time within a few percent.</summary>
    public const int TransientPoints = 50;

    private readonly IdealAnalogBackend _programming;

    /// <summary>Creates the backend.</summary>
    /// <param name="fidelity"><see cref="Fidelity.OperatingPoint"/> or <see cref="Fidelity.Transient"/>.</param>
    /// <param name="options">Levels, converters, noise, timing.</param>
    /// <param name="circuit">Cells, read model, wires and op-amps of the generated circuits (default: the
    /// <see cref="CrossbarBuildOptions"/> defaults: 1T1R, 1.73 Ω wires, single-pole op-amps). Its programming error and
    /// converters are ignored: programming follows <paramref name="options"/>, converters act in matrix units.</param>
    public CircuitAnalogBackend(Fidelity fidelity, AnalogBackendOptions? options = null, CrossbarBuildOptions? circuit = null)
    {
        if (fidelity == Fidelity.Ideal)
        {
            throw new ArgumentException("the circuit backend runs at operating-point or transient fidelity", nameof(fidelity));
        }

        Fidelity = fidelity;
        Options = options ?? new AnalogBackendOptions();
        _programming = new IdealAnalogBackend(Options);
        Circuit = (circuit ?? new CrossbarBuildOptions()) with
        {
            ProgrammingSigma = 0,
            DacBits = 0,
            AdcBits = 0,
            TransientPoints = TransientPoints,
            TransientTimeConstants = TransientTimeConstants,
        };
    }

    /// <inheritdoc />
    public Fidelity Fidelity { get; }

    /// <summary>Levels, converters, noise and timing.</summary>
    public AnalogBackendOptions Options { get; }

    /// <summary>Generated-circuit choices.</summary>
    public CrossbarBuildOptions Circuit { get; }

    /// <summary>
    /// True (default): each array's circuits are compiled once and re-solved for every operation. False: every operation
    /// builds and simulates its own circuit from scratch (slow; the reference the reuse is tested against).
    /// </summary>
    public bool ReuseCircuits { get; init; } = true;

    /// <summary>Where this backend's operations are counted and one of them captured as a netlist (null: nothing recorded).
    /// Backends of one run share one log, so operations are numbered in execution order across them; run the HP-MVM
    /// with <see cref="HpMvmOptions.Parallelism"/> 1 while a log is attached (it is not thread-safe).</summary>
    public OperationLog? Log { get; set; }

    /// <inheritdoc />
    public IProgrammedArray Program(double[,] matrix, int bits, int seed)
    {
        var programmed = (IdealProgrammedArray)_programming.Program(matrix, bits, seed);
        return new CircuitProgrammedArray(this, programmed);
    }

    /// <summary>Counts an operation; returns where to hand its circuit when it is the one to capture.</summary>
    internal Action<Netlist>? Capture(OperationKind kind) => Log?.Record(kind);
}

/// <summary>
/// Counts the analogue operations of a run in execution order (MVM and INV that reached a circuit) and captures one of
/// them as the netlist of its circuit, built for its actual input and conductances.
/// </summary>
/// <param name="target">1-based index of the operation to capture, or 0 for the first INV (the first LP-INV of HP-INV).</param>
public sealed class OperationLog(int target)
{
    private int _inverse;

    /// <summary>Operations recorded so far.</summary>
    public int Count { get; private set; }

    /// <summary>The captured circuit (null until the target operation ran).</summary>
    public Netlist? Captured { get; private set; }

    /// <summary>Kind and 1-based index of the captured operation.</summary>
    public (OperationKind Kind, int Index)? CapturedOperation { get; private set; }

    /// <summary>Counts one operation; returns where to hand its circuit when it is the target.</summary>
    internal Action<Netlist>? Record(OperationKind kind)
    {
        Count++;
        if (kind == OperationKind.Inv)
        {
            _inverse++;
        }

        bool hit = Captured is null && (target == 0 ? kind == OperationKind.Inv && _inverse == 1 : Count == target);
        if (!hit)
        {
            return null;
        }

        int index = Count;
        return netlist =>
        {
            Captured = netlist;
            CapturedOperation = (kind, index);
        };
    }
}
