using Crossbar.Circuit.Netlists;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Rram;
using Crossbar.Devices.Transistors;
using Crossbar.Devices.Wires;

namespace Crossbar.Circuit.Builders;

/// <summary>Device, op-amp and wire choices of a generated crossbar circuit.</summary>
public sealed record CrossbarBuildOptions
{
    /// <summary>Cell kind (default 1T1R with a level-1 access transistor).</summary>
    public CrossbarCellKind Cell { get; init; } = CrossbarCellKind.Transistor;

    /// <summary>Read I–V of the RRAM cells: <see cref="LinearRramModel"/> (default) or <see cref="SinhRramModel"/>
    /// (I = I0·sinh(V/V0), nominal conductance at the read voltage; exported as ngspice B sources).</summary>
    public IRramReadModel Rram { get; init; } = LinearRramModel.Instance;

    /// <summary>Conductance levels (default 3 bits over 0.5–35 µS; bits 0 = continuous).</summary>
    public ConductanceLevels Levels { get; init; } = new();

    /// <summary>Rounding (default) or truncation when mapping to levels.</summary>
    public QuantizationMode Quantization { get; init; } = QuantizationMode.Rounding;

    /// <summary>Relative σ of the programming error (achieved = target·(1 + σ·n)); 0 = exact.</summary>
    public double ProgrammingSigma { get; init; }

    /// <summary>Relative σ of white read noise: every cell read once per operation as G·(1 + σ·n) (<see cref="Devices.Noise.WhiteReadNoise"/>); 0 = none.</summary>
    public double ReadNoiseSigma { get; init; }

    /// <summary>
    /// Transient read noise of every cell, relative to its current (white, 1/f and telegraph noise with TRNOISE
    /// statistics; <see cref="Devices.Noise.CellReadNoise"/>), each array seeded from <see cref="Seed"/> and its name;
    /// null = none. Zero at the operating point.
    /// </summary>
    public Devices.Noise.CellReadNoise? CellNoise { get; init; }

    /// <summary>Time since programming at which the array is read, in s (0 = at programming): conductances relax by <see cref="Drift"/>.</summary>
    public double DriftTime { get; init; }

    /// <summary>Conductance drift and relaxation model applied at <see cref="DriftTime"/>.</summary>
    public ConductanceDrift Drift { get; init; } = new();

    /// <summary>Seed of everything random.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Op-amp model (default single pole, A0 = 1e5, GBWP = 16 MHz as the paper's AD823-class parts).</summary>
    public OpAmpModel OpAmp { get; init; } = OpAmpModel.WithSinglePole(1e5, 16e6);

    /// <summary>Wire parasitics (default 1.73 Ω per cell pitch, no capacitance).</summary>
    public WireModel Wires { get; init; } = new();

    /// <summary>Access transistor (default VTO 0.7 V, W/L 4 µm/40 nm, R_on ≈ 190 Ω at 3.3 V).</summary>
    public Mosfet1Parameters AccessTransistor { get; init; } = Mosfet1Parameters.AccessTransistor;

    /// <summary>Word-line voltage in V.</summary>
    public double GateVoltage { get; init; } = 3.3;

    /// <summary>Access-transistor bulk voltage in V (negative so the bulk junctions stay off).</summary>
    public double BulkVoltage { get; init; } = -3.3;

    /// <summary>Largest magnitude of the circuit's signal voltages (inputs and outputs) in V.</summary>
    public double SignalVoltage { get; init; } = 0.2;

    /// <summary>INV inputs: currents into the rows (default) or voltages through an input conductance.</summary>
    public bool VoltageInputs { get; init; }

    /// <summary>Input conductance for voltage inputs, in S (default Gmax).</summary>
    public double? InputConductance { get; init; }

    /// <summary>Resistance of the unity-gain inverters that drive negative arrays, in Ω.</summary>
    public double InverterResistance { get; init; } = 100e3;

    /// <summary>Input DAC bits for MVM drivers (0 = ideal sources).</summary>
    public int DacBits { get; init; }

    /// <summary>Output ADC bits (0 = no quantisation).</summary>
    public int AdcBits { get; init; }

    /// <summary>Transient stop time in s (null = long enough to settle: a multiple of the loop's time constant).</summary>
    public double? StopTime { get; init; }

    /// <summary>Default transient window in loop time constants when <see cref="StopTime"/> is not given (default 20; settling to 2⁻⁸ takes about 5.5).</summary>
    public double TransientTimeConstants { get; init; } = InvCircuitBuilder.DefaultStopTimeConstants;

    /// <summary>Print points of a generated transient: the print step and the largest time step are the stop time divided by this (default 500).</summary>
    public int TransientPoints { get; init; } = 500;

    /// <summary>
    /// Transient steps from the set tmax·2⁻ᵏ with chord Newton and one kept factorisation per step (the engine's
    /// quantised-step transient) instead of ngspice's step control; the crossbar commands' default (docs/large-arrays.md).
    /// </summary>
    public TransientSteps Steps { get; init; } = TransientSteps.Quantised;

    /// <summary>Run INV even when the stability check fails.</summary>
    public bool Force { get; init; }
}

/// <summary>How a generated circuit's transient chooses its time steps.</summary>
public enum TransientSteps
{
    /// <summary>The largest step halved k times, chord Newton, one kept factorisation per step (fast for large arrays).</summary>
    Quantised,

    /// <summary>ngspice's truncation-error step control and full Newton, as the exported deck runs in ngspice.</summary>
    Adaptive,
}
