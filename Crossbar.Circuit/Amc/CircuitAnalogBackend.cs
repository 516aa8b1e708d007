using Crossbar.Circuit.Builders;

namespace Crossbar.Circuit.Amc;

/// <summary>
/// Runs every analogue operation through the circuit engine: an MVM or INV circuit is generated
/// on the programmed conductances and simulated at its operating point or in transient (which
/// also gives the settling time). Programming (levels, error) is shared with
/// <see cref="IdealAnalogBackend"/>, and so is white read noise (drawn per operation), so the
/// two fidelities see the same conductances and agree where the circuit is ideal.
/// </summary>
public sealed class CircuitAnalogBackend : IAnalogBackend
{
    private readonly IdealAnalogBackend _programming;

    /// <summary>Creates the backend.</summary>
    /// <param name="fidelity"><see cref="Fidelity.OperatingPoint"/> or <see cref="Fidelity.Transient"/>.</param>
    /// <param name="options">Levels, converters, timing and op-amp.</param>
    /// <param name="circuit">Cell, wire and device choices of the generated circuits (default: 1R cells, ideal wires).</param>
    public CircuitAnalogBackend(Fidelity fidelity, AnalogBackendOptions? options = null, CrossbarBuildOptions? circuit = null)
    {
        if (fidelity == Fidelity.Ideal)
        {
            throw new ArgumentException("the circuit backend runs at operating-point or transient fidelity", nameof(fidelity));
        }

        Fidelity = fidelity;
        Options = options ?? new AnalogBackendOptions();
        _programming = new IdealAnalogBackend(Options);
        Circuit = (circuit ?? new CrossbarBuildOptions
        {
            Cell = Netlists.CrossbarCellKind.Resistor,
            Wires = Devices.Wires.WireModel.Ideal,
        }) with
        {
            OpAmp = Options.OpAmp,
            ProgrammingSigma = 0,
        };
    }

    /// <inheritdoc />
    public Fidelity Fidelity { get; }

    /// <summary>Levels, converters, timing and op-amp.</summary>
    public AnalogBackendOptions Options { get; }

    /// <summary>Generated-circuit choices.</summary>
    public CrossbarBuildOptions Circuit { get; }

    /// <inheritdoc />
    public IProgrammedArray Program(double[,] matrix, int bits, int seed)
    {
        var programmed = (IdealProgrammedArray)_programming.Program(matrix, bits, seed);
        return new CircuitProgrammedArray(this, programmed);
    }
}
