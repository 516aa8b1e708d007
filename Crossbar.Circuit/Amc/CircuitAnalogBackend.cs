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
    private readonly IdealAnalogBackend _programming;
    private int _operations;
    private int _inverseOperations;

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
        };
    }

    /// <inheritdoc />
    public Fidelity Fidelity { get; }

    /// <summary>Levels, converters, noise and timing.</summary>
    public AnalogBackendOptions Options { get; }

    /// <summary>Generated-circuit choices.</summary>
    public CrossbarBuildOptions Circuit { get; }

    /// <summary>
    /// Which operation to capture as a netlist: 1-based over the operations this backend runs (MVM and INV, in
    /// execution order), or 0 for the first INV; null captures nothing.
    /// </summary>
    public int? CaptureOperation { get; set; }

    /// <summary>The captured operation's circuit, built for its actual input and conductances (null until it ran).</summary>
    public Netlist? Captured { get; private set; }

    /// <summary>Kind and 1-based index of the captured operation.</summary>
    public (OperationKind Kind, int Index)? CapturedOperation { get; private set; }

    /// <summary>Operations run so far (MVM and INV that reached a circuit).</summary>
    public int Operations => _operations;

    /// <inheritdoc />
    public IProgrammedArray Program(double[,] matrix, int bits, int seed)
    {
        var programmed = (IdealProgrammedArray)_programming.Program(matrix, bits, seed);
        return new CircuitProgrammedArray(this, programmed);
    }

    /// <summary>Counts an operation; returns where to hand its circuit when it is the one to capture.</summary>
    internal Action<Netlist>? Capture(OperationKind kind)
    {
        _operations++;
        if (kind == OperationKind.Inv)
        {
            _inverseOperations++;
        }

        bool hit = CaptureOperation switch
        {
            null => false,
            0 => kind == OperationKind.Inv && _inverseOperations == 1,
            int k => _operations == k,
        };
        if (!hit || Captured is not null)
        {
            return null;
        }

        int index = _operations;
        return netlist =>
        {
            Captured = netlist;
            CapturedOperation = (kind, index);
        };
    }
}
