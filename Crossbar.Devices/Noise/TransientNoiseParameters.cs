namespace Crossbar.Devices.Noise;

/// <summary>
/// The parameters of ngspice's transient noise source TRNOISE(NA NT NALPHA NAMP RTSAM RTSCAPT RTSEMT), with its
/// meaning (ngspice manual §4.1.7; <c>src/frontend/trannoise/1-f-code.c</c>).
/// </summary>
/// <remarks>
/// White and 1/f noise are sampled every NT; the waveform is linear between samples, and the sample at t = 0 is 0.
/// 1/f noise is on when NALPHA &gt; 0 and NAMP &gt; 0 (as in ngspice); RTS is on when RTSAM &gt; 0. Units are those of the
/// source (V for a voltage source, A for a current source).
/// </remarks>
public sealed record TransientNoiseParameters
{
    /// <summary>NA, rms amplitude of the white noise samples; non-negative.</summary>
    /// <value>V or A rms.</value>
    public double WhiteAmplitude { get; init => field = Guard.NonNegative(value, nameof(WhiteAmplitude)); }

    /// <summary>NT, the time between noise samples; positive (required when white or 1/f noise is on).</summary>
    /// <value>Seconds.</value>
    public double SampleTime { get; init => field = Guard.NonNegative(value, nameof(SampleTime)); }

    /// <summary>NALPHA, the 1/f exponent α: the spectrum falls as f^(−α); 0 (off) or in (0, 2).</summary>
    /// <value>Dimensionless.</value>
    public double FlickerExponent { get; init => field = value == 0.0 ? 0.0 : Guard.InOpenRange(value, 0.0, 2.0, nameof(FlickerExponent)); }

    /// <summary>NAMP, the 1/f amplitude: the standard deviation of the white sequence that Kasdin's 1/f^α filter shapes; non-negative.</summary>
    /// <value>V or A.</value>
    public double FlickerAmplitude { get; init => field = Guard.NonNegative(value, nameof(FlickerAmplitude)); }

    /// <summary>RTSAM, the random-telegraph step height; non-negative.</summary>
    /// <value>V or A.</value>
    public double RtsAmplitude { get; init => field = Guard.NonNegative(value, nameof(RtsAmplitude)); }

    /// <summary>RTSCAPT, mean capture time: mean dwell in the low (0) state; non-negative.</summary>
    /// <value>Seconds.</value>
    public double RtsCaptureTime { get; init => field = Guard.NonNegative(value, nameof(RtsCaptureTime)); }

    /// <summary>RTSEMT, mean emission time: mean dwell in the high (RTSAM) state; non-negative.</summary>
    /// <value>Seconds.</value>
    public double RtsEmissionTime { get; init => field = Guard.NonNegative(value, nameof(RtsEmissionTime)); }

    /// <summary>Whether white noise is on (NA &gt; 0).</summary>
    public bool HasWhite => WhiteAmplitude > 0.0;

    /// <summary>Whether 1/f noise is on (NALPHA &gt; 0 and NAMP &gt; 0).</summary>
    public bool HasFlicker => FlickerExponent > 0.0 && FlickerAmplitude > 0.0;

    /// <summary>Whether random telegraph noise is on (RTSAM &gt; 0).</summary>
    public bool HasRts => RtsAmplitude > 0.0;

    /// <summary>Creates the parameters in TRNOISE's argument order.</summary>
    /// <param name="na">NA (rms).</param>
    /// <param name="nt">NT (s).</param>
    /// <param name="nalpha">NALPHA.</param>
    /// <param name="namp">NAMP.</param>
    /// <param name="rtsam">RTSAM.</param>
    /// <param name="rtscapt">RTSCAPT (s).</param>
    /// <param name="rtsemt">RTSEMT (s).</param>
    /// <returns>The parameters.</returns>
    public static TransientNoiseParameters FromTrnoise(
        double na, double nt, double nalpha = 0.0, double namp = 0.0, double rtsam = 0.0, double rtscapt = 0.0, double rtsemt = 0.0) =>
        new()
        {
            WhiteAmplitude = na,
            SampleTime = nt,
            FlickerExponent = nalpha,
            FlickerAmplitude = namp,
            RtsAmplitude = rtsam,
            RtsCaptureTime = rtscapt,
            RtsEmissionTime = rtsemt,
        };
}
