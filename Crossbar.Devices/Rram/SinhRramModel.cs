namespace Crossbar.Devices.Rram;

/// <summary>
/// Non-linear RRAM read model I = I0·sinh(V/V0), scaled so that the chord conductance at the read
/// voltage equals the state's nominal conductance.
/// </summary>
/// <remarks>
/// I(V) = I0·sinh(V/V0) with I0 = G·V_read / sinh(V_read/V0), so I(V_read)/V_read = G and I(−V) = −I(V).
/// dI/dV = (I0/V0)·cosh(V/V0). The sinh form is the usual compact description of the read I–V of
/// filamentary oxide RRAM (tunnelling/hopping through the gap; e.g. Yu and Wong, IEEE TED 58, 1352, 2011;
/// the Stanford-PKU model). As V0 → ∞ it tends to the linear model.
/// <para>
/// Overflow guard: beyond |V/V0| = u_max = <see cref="LinearContinuationRatio"/> (40, i.e. 10 V at V0 = 0.25 V, far
/// outside any read) the curve continues along its tangent at the limit,
/// I = I0·(sinh(±u_max) + cosh(u_max)·(V/V0 ∓ u_max)), dI/dV = I0·cosh(u_max)/V0, so current and slope are continuous
/// and a wild early Newton iterate of a circuit cannot overflow cosh (which it would beyond |V/V0| ≈ 710).
/// </para>
/// </remarks>
public sealed class SinhRramModel : IRramReadModel
{
    /// <summary>|V/V0| beyond which the I–V continues linearly with the slope it has there (overflow guard).</summary>
    public const double LinearContinuationRatio = 40.0;

    private readonly double _scale;

    /// <summary>Creates the model.</summary>
    /// <param name="characteristicVoltage">V0 (V), the voltage scale of the non-linearity; must be positive.</param>
    /// <param name="readVoltage">V_read (V), the voltage at which the nominal conductance is defined; must be positive.</param>
    /// <exception cref="ArgumentException">A parameter is not positive and finite.</exception>
    public SinhRramModel(double characteristicVoltage = 0.25, double readVoltage = 0.2)
    {
        CharacteristicVoltage = Guard.Positive(characteristicVoltage);
        ReadVoltage = Guard.Positive(readVoltage);
        _scale = readVoltage / Math.Sinh(readVoltage / characteristicVoltage);
    }

    /// <summary>V0, the characteristic voltage of the sinh non-linearity.</summary>
    /// <value>Volts.</value>
    public double CharacteristicVoltage { get; }

    /// <summary>V_read, the voltage at which I(V_read)/V_read equals the nominal conductance.</summary>
    /// <value>Volts.</value>
    public double ReadVoltage { get; }

    /// <inheritdoc />
    public bool IsLinear => false;

    /// <summary>Pre-factor I0 for a state of nominal conductance <paramref name="conductance"/>.</summary>
    /// <param name="conductance">Nominal conductance G (S).</param>
    /// <returns>I0 = G·V_read/sinh(V_read/V0) (A).</returns>
    public double CurrentScale(double conductance) => conductance * _scale;

    /// <inheritdoc />
    /// <remarks>I0·sinh(V/V0), continued linearly beyond |V/V0| = <see cref="LinearContinuationRatio"/>.</remarks>
    public double Current(double voltage, double conductance)
    {
        double u = voltage / CharacteristicVoltage;
        double i0 = conductance * _scale;
        if (Math.Abs(u) <= LinearContinuationRatio)
        {
            return i0 * Math.Sinh(u);
        }

        double edge = Math.CopySign(LinearContinuationRatio, u);
        return i0 * (Math.Sinh(edge) + (Math.Cosh(edge) * (u - edge)));
    }

    /// <inheritdoc />
    /// <remarks>(I0/V0)·cosh(V/V0), constant beyond |V/V0| = <see cref="LinearContinuationRatio"/>.</remarks>
    public double Conductance(double voltage, double conductance)
    {
        double u = Math.Min(Math.Abs(voltage / CharacteristicVoltage), LinearContinuationRatio);
        return conductance * _scale * Math.Cosh(u) / CharacteristicVoltage;
    }
}
