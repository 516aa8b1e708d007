using System.Numerics;

namespace Crossbar.Devices.OpAmps;

/// <summary>
/// Behavioural op-amp: open-loop gain model, output rails, slew rate, input offset and input noise.
/// </summary>
/// <remarks>
/// Gain: <see cref="OpAmpKind.Ideal"/> is a nullor; <see cref="OpAmpKind.FiniteGain"/> has A(s) = A0;
/// <see cref="OpAmpKind.SinglePole"/> has A(s) = A0/(1 + s/ωp) with ωp = 2π·GBW/A0, times 1/(1 + s/ω2) when a second
/// pole f2 is given. For the closed-loop INV circuit (Sun et al., PNAS 116, 4123, 2019; IEEE TED 67, 2020; docs/design.md §2.2)
/// with single-pole amplifiers and μ_k the eigenvalues of D⁻¹G, the loop poles are s_k = −2π·GBW·(μ_k + 1/A0), the
/// circuit is stable iff Re μ_k &gt; −1/A0 for all k, and the slowest time constant is τ = 1/(2π·GBW·Re μ_min)
/// (the 1/A0 term dropped, as in the paper). Defaults describe an AD823-class part (GBW 16 MHz, A0 = 10⁵) with no
/// rails, no slew limit, no offset and no noise. Rails, knee and slew limit are applied by the circuit side with
/// <see cref="LimitOutput(double, out double)"/> and <see cref="LimitSlewRate(double, out double)"/>.
/// </remarks>
public sealed record OpAmpModel
{
    /// <summary>Gain model.</summary>
    public OpAmpKind Kind { get; init; } = OpAmpKind.SinglePole;

    /// <summary>A0, the DC open-loop gain (ignored for <see cref="OpAmpKind.Ideal"/>); positive and finite.</summary>
    /// <value>V/V.</value>
    public double DcGain { get; init => field = Guard.Positive(value, nameof(DcGain)); } = 1e5;

    /// <summary>GBW, the gain-bandwidth product (used by <see cref="OpAmpKind.SinglePole"/>); positive and finite.</summary>
    /// <value>Hz.</value>
    public double GainBandwidth { get; init => field = Guard.Positive(value, nameof(GainBandwidth)); } = 16e6;

    /// <summary>f2, an optional second pole (used by <see cref="OpAmpKind.SinglePole"/>); null for none.</summary>
    /// <value>Hz.</value>
    public double? SecondPoleFrequency { get; init => field = value is { } f ? Guard.Positive(f, nameof(SecondPoleFrequency)) : null; }

    /// <summary>Upper output rail V_pos; +∞ for none.</summary>
    /// <value>Volts.</value>
    public double PositiveRail { get; init => field = double.IsNaN(value) || double.IsNegativeInfinity(value) ? throw new ArgumentException($"PositiveRail must be finite or +∞, got {Guard.Format(value)}.", nameof(PositiveRail)) : value; } = double.PositiveInfinity;

    /// <summary>Lower output rail V_neg; −∞ for none.</summary>
    /// <value>Volts.</value>
    public double NegativeRail { get; init => field = double.IsNaN(value) || double.IsPositiveInfinity(value) ? throw new ArgumentException($"NegativeRail must be finite or −∞, got {Guard.Format(value)}.", nameof(NegativeRail)) : value; } = double.NegativeInfinity;

    /// <summary>Width δ of the soft knee below each rail (see <see cref="SoftLimiter"/>); positive.</summary>
    /// <value>Volts.</value>
    public double RailKnee { get; init => field = Guard.Positive(value, nameof(RailKnee)); } = 0.1;

    /// <summary>Slew-rate limit of the output; +∞ for none.</summary>
    /// <value>V/s.</value>
    public double SlewRate { get; init => field = Guard.PositiveOrInfinity(value, nameof(SlewRate)); } = double.PositiveInfinity;

    /// <summary>Input offset voltage, added in series with the non-inverting input.</summary>
    /// <value>Volts.</value>
    public double InputOffsetVoltage { get; init => field = Guard.Finite(value, nameof(InputOffsetVoltage)); }

    /// <summary>Input-referred white voltage-noise density; non-negative.</summary>
    /// <value>V/√Hz.</value>
    public double InputNoiseDensity { get; init => field = Guard.NonNegative(value, nameof(InputNoiseDensity)); }

    /// <summary>True when both rails are finite.</summary>
    public bool HasRails => double.IsFinite(PositiveRail) && double.IsFinite(NegativeRail);

    /// <summary>A nullor.</summary>
    /// <returns>An ideal op-amp.</returns>
    public static OpAmpModel Ideal() => new() { Kind = OpAmpKind.Ideal };

    /// <summary>A frequency-independent gain.</summary>
    /// <param name="dcGain">A0 (V/V).</param>
    /// <returns>The model.</returns>
    public static OpAmpModel WithFiniteGain(double dcGain) => new() { Kind = OpAmpKind.FiniteGain, DcGain = dcGain };

    /// <summary>A single-pole (optionally two-pole) amplifier.</summary>
    /// <param name="dcGain">A0 (V/V).</param>
    /// <param name="gainBandwidth">GBW (Hz).</param>
    /// <param name="secondPoleFrequency">f2 (Hz) or null.</param>
    /// <returns>The model.</returns>
    public static OpAmpModel WithSinglePole(double dcGain, double gainBandwidth, double? secondPoleFrequency = null) =>
        new() { Kind = OpAmpKind.SinglePole, DcGain = dcGain, GainBandwidth = gainBandwidth, SecondPoleFrequency = secondPoleFrequency };

    /// <summary>Checks the parameters against each other.</summary>
    /// <exception cref="ArgumentException">Only one rail is finite, the rails are not ordered, or the knee exceeds half the swing.</exception>
    public void Validate()
    {
        if (double.IsFinite(PositiveRail) != double.IsFinite(NegativeRail))
        {
            throw new ArgumentException("PositiveRail and NegativeRail must both be finite or both infinite.", nameof(PositiveRail));
        }

        if (HasRails)
        {
            if (!(PositiveRail > NegativeRail))
            {
                throw new ArgumentException(
                    $"PositiveRail ({Guard.Format(PositiveRail)} V) must exceed NegativeRail ({Guard.Format(NegativeRail)} V).", nameof(PositiveRail));
            }

            if (RailKnee > 0.5 * (PositiveRail - NegativeRail))
            {
                throw new ArgumentException(
                    $"RailKnee ({Guard.Format(RailKnee)} V) must not exceed half the output swing.", nameof(RailKnee));
            }
        }
    }

    /// <summary>ωp/2π = GBW/A0, the dominant (open-loop) pole frequency.</summary>
    /// <value>Hz.</value>
    /// <exception cref="InvalidOperationException">The model is not <see cref="OpAmpKind.SinglePole"/>.</exception>
    public double DominantPoleFrequency => Kind == OpAmpKind.SinglePole
        ? GainBandwidth / DcGain
        : throw new InvalidOperationException($"A {Kind} op-amp has no dominant pole.");

    /// <summary>Open-loop gain A(s).</summary>
    /// <param name="s">Complex frequency (rad/s).</param>
    /// <returns>A(s); +∞ for the ideal kind.</returns>
    public Complex OpenLoopGainAt(Complex s)
    {
        switch (Kind)
        {
            case OpAmpKind.Ideal:
                return new Complex(double.PositiveInfinity, 0.0);
            case OpAmpKind.FiniteGain:
                return new Complex(DcGain, 0.0);
            default:
                double wp = 2.0 * Math.PI * GainBandwidth / DcGain;
                Complex a = DcGain / (1.0 + (s / wp));
                if (SecondPoleFrequency is { } f2)
                {
                    a /= 1.0 + (s / (2.0 * Math.PI * f2));
                }

                return a;
        }
    }

    /// <summary>Open-loop gain on the imaginary axis, A(j·2π·f).</summary>
    /// <param name="frequency">Frequency (Hz).</param>
    /// <returns>A(j2πf).</returns>
    public Complex OpenLoopGainAtFrequency(double frequency) => OpenLoopGainAt(new Complex(0.0, 2.0 * Math.PI * frequency));

    /// <summary>Output after the soft rails, V_neg &lt; y &lt; V_pos (identity without rails).</summary>
    /// <param name="voltage">Unlimited output voltage (V).</param>
    /// <param name="derivative">dy/dv.</param>
    /// <returns>Limited output voltage (V).</returns>
    public double LimitOutput(double voltage, out double derivative)
    {
        if (double.IsInfinity(PositiveRail) && double.IsInfinity(NegativeRail))
        {
            derivative = 1.0;
            return voltage;
        }

        Validate();
        return SoftLimiter.LimitUnchecked(voltage, NegativeRail, PositiveRail, RailKnee, out derivative);
    }

    /// <summary>Output after the soft rails (value only).</summary>
    /// <param name="voltage">Unlimited output voltage (V).</param>
    /// <returns>Limited output voltage (V).</returns>
    public double LimitOutput(double voltage) => LimitOutput(voltage, out _);

    /// <summary>
    /// Output rate after the slew limit: identity up to 0.9·SR, then a tanh knee of width 0.1·SR to ±SR
    /// (<see cref="SoftLimiter"/>); identity when SR is infinite.
    /// </summary>
    /// <param name="rate">Demanded dv_out/dt (V/s).</param>
    /// <param name="derivative">d(limited)/d(rate).</param>
    /// <returns>Limited rate (V/s).</returns>
    public double LimitSlewRate(double rate, out double derivative)
    {
        if (double.IsPositiveInfinity(SlewRate))
        {
            derivative = 1.0;
            return rate;
        }

        return SoftLimiter.LimitUnchecked(rate, -SlewRate, SlewRate, 0.1 * SlewRate, out derivative);
    }

    /// <summary>Input noise rms over a bandwidth: e_n·√B.</summary>
    /// <param name="bandwidth">Noise bandwidth B (Hz).</param>
    /// <returns>Volts rms.</returns>
    public double InputNoiseRms(double bandwidth) => InputNoiseDensity * Math.Sqrt(Guard.NonNegative(bandwidth));

    /// <summary>
    /// The TRNOISE white amplitude NA that reproduces the input noise density when sampled every
    /// <paramref name="sampleTime"/>: NA = e_n/√(2·NT) (one-sided density e_n² up to the Nyquist frequency 1/(2·NT)).
    /// </summary>
    /// <param name="sampleTime">NT (s).</param>
    /// <returns>NA (V rms).</returns>
    public double InputNoiseSampleAmplitude(double sampleTime) => InputNoiseDensity / Math.Sqrt(2.0 * Guard.Positive(sampleTime));

    /// <summary>Poles of the closed-loop INV circuit, s_k = −2π·GBW·(μ_k + 1/A0).</summary>
    /// <param name="eigenvalues">μ_k, eigenvalues of D⁻¹G.</param>
    /// <returns>s_k (rad/s).</returns>
    /// <exception cref="InvalidOperationException">The model is not <see cref="OpAmpKind.SinglePole"/>.</exception>
    public Complex[] InvLoopPoles(ReadOnlySpan<Complex> eigenvalues)
    {
        RequireSinglePole();
        var poles = new Complex[eigenvalues.Length];
        double w = 2.0 * Math.PI * GainBandwidth;
        for (int k = 0; k < eigenvalues.Length; k++)
        {
            poles[k] = -w * (eigenvalues[k] + (1.0 / DcGain));
        }

        return poles;
    }

    /// <summary>Whether the INV loop is stable: Re μ_k &gt; −1/A0 for every k (Re μ_k &gt; 0 for ideal gain).</summary>
    /// <param name="eigenvalues">μ_k, eigenvalues of D⁻¹G.</param>
    /// <returns>True when every loop pole lies in the open left half plane.</returns>
    public bool IsInvLoopStable(ReadOnlySpan<Complex> eigenvalues)
    {
        double bound = Kind == OpAmpKind.Ideal ? 0.0 : -1.0 / DcGain;
        foreach (var mu in eigenvalues)
        {
            if (!(mu.Real > bound))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>τ = 1/(2π·GBW·Re μ_min), the slowest INV settling time constant.</summary>
    /// <param name="minimumRealEigenvalue">Re μ_min, the smallest real part among the eigenvalues of D⁻¹G; positive.</param>
    /// <returns>τ (s).</returns>
    /// <exception cref="InvalidOperationException">The model is not <see cref="OpAmpKind.SinglePole"/>.</exception>
    public double InvTimeConstant(double minimumRealEigenvalue)
    {
        RequireSinglePole();
        return InvTimeConstant(GainBandwidth, minimumRealEigenvalue);
    }

    /// <summary>τ = 1/(2π·GBW·Re μ_min) for a given GBW.</summary>
    /// <param name="gainBandwidth">GBW (Hz).</param>
    /// <param name="minimumRealEigenvalue">Re μ_min; positive.</param>
    /// <returns>τ (s).</returns>
    public static double InvTimeConstant(double gainBandwidth, double minimumRealEigenvalue) =>
        1.0 / (2.0 * Math.PI * Guard.Positive(gainBandwidth) * Guard.Positive(minimumRealEigenvalue));

    /// <summary>Time to settle to relative error ε, τ·ln(1/ε).</summary>
    /// <param name="minimumRealEigenvalue">Re μ_min; positive.</param>
    /// <param name="relativeError">ε in (0, 1).</param>
    /// <returns>Seconds.</returns>
    public double InvSettlingTime(double minimumRealEigenvalue, double relativeError)
    {
        if (!(relativeError > 0.0 && relativeError < 1.0))
        {
            throw new ArgumentException($"relativeError must lie in (0, 1), got {Guard.Format(relativeError)}.", nameof(relativeError));
        }

        return InvTimeConstant(minimumRealEigenvalue) * Math.Log(1.0 / relativeError);
    }

    private void RequireSinglePole()
    {
        if (Kind != OpAmpKind.SinglePole)
        {
            throw new InvalidOperationException($"INV loop dynamics need a SinglePole op-amp; this one is {Kind}.");
        }
    }
}
