namespace Crossbar.Circuit.Amc;

/// <summary>How faithfully an analogue operation is computed.</summary>
public enum Fidelity
{
    /// <summary>Exact matrix arithmetic on the programmed (quantised, mis-programmed) conductances, with read noise.</summary>
    Ideal,

    /// <summary>Operating point of the generated circuit.</summary>
    OperatingPoint,

    /// <summary>Transient of the generated circuit (gives the settling time).</summary>
    Transient,
}

/// <summary>
/// Runs analogue matrix operations (MVM and closed-loop INV) on programmed arrays. The
/// algorithms (bit slicing, HP-INV, BlockAMC) see only this, so the same algorithm runs at every
/// fidelity. Values are in matrix units: the backend maps them to conductances and voltages.
/// </summary>
public interface IAnalogBackend
{
    /// <summary>The fidelity this backend computes at.</summary>
    Fidelity Fidelity { get; }

    /// <summary>
    /// Programs a matrix (signed entries become differential pairs) onto an array and returns
    /// a handle for repeated operations. <paramref name="bits"/> = 0 means continuous conductances.
    /// </summary>
    /// <param name="matrix">Matrix in matrix units (rows × columns).</param>
    /// <param name="bits">Bits per cell (levels over [Gmin, Gmax]); 0 = unquantised.</param>
    /// <param name="seed">Seed of the programming error and read noise of this array.</param>
    IProgrammedArray Program(double[,] matrix, int bits, int seed);
}

/// <summary>A matrix programmed onto conductances.</summary>
public interface IProgrammedArray
{
    /// <summary>Number of rows.</summary>
    int Rows { get; }

    /// <summary>Number of columns.</summary>
    int Columns { get; }

    /// <summary>The matrix the conductances actually realise, in matrix units (after quantisation and programming error).</summary>
    double[,] Realized { get; }

    /// <summary>
    /// The matrix the array's MVM realises as the hardware computes it, without read noise or converters: y per unit of
    /// x, from the circuit's operating point at <see cref="Fidelity.OperatingPoint"/> and <see cref="Fidelity.Transient"/>
    /// fidelity (one operation per column), <see cref="Realized"/> at <see cref="Fidelity.Ideal"/>.
    /// </summary>
    double[,] EffectiveMatrix();

    /// <summary>The inverse the array's closed-loop INV realises (x per unit of b), measured like <see cref="EffectiveMatrix"/>; square arrays only.</summary>
    double[,] EffectiveInverse();

    /// <summary>y ≈ Ã·x (open-loop MVM). |x| is expected within the input full scale (±1 in matrix units).</summary>
    AnalogResult Multiply(ReadOnlySpan<double> x);

    /// <summary>x ≈ Ã⁻¹·b (closed-loop INV; square arrays only). The caller scales b into the input range.</summary>
    AnalogResult Solve(ReadOnlySpan<double> b);
}

/// <summary>Result of one analogue operation.</summary>
/// <param name="Values">Output in matrix units.</param>
/// <param name="SettleTime">Settling time in s (transient fidelity), or the nominal per-operation time otherwise.</param>
/// <param name="Saturated">True when an output hit the op-amp rails or the ADC full scale.</param>
public readonly record struct AnalogResult(double[] Values, double SettleTime, bool Saturated);
