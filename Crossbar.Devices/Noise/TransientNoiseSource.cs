namespace Crossbar.Devices.Noise;

/// <summary>
/// A seeded realisation of a TRNOISE waveform: white + 1/f noise sampled every NT with linear interpolation,
/// plus random telegraph noise, evaluated at any time t ≥ 0.
/// </summary>
/// <remarks>
/// <para><b>Samples.</b> As in ngspice (<c>trnoise_state_gen</c>), sample k sits at t = k·NT, sample 0 is 0 and
/// sample k ≥ 1 is NA·n_k + x_k − x_0 with n_k ~ N(0, 1) and x the 1/f sequence; between samples the waveform is
/// linear: v(t) = v_k + (v_(k+1) − v_k)·(t/NT − k).</para>
/// <para><b>1/f noise.</b> ngspice filters a block of white noise of standard deviation NAMP with Kasdin's
/// (1 − z⁻¹)^(−α/2) filter (Kasdin, Proc. IEEE 83, 802, 1995), whose one-sided density at f ≪ 1/NT is
/// S(f) = 2·NT·NAMP²·(2π·f·NT)^(−α). That needs the simulation length in advance; here the same density is produced
/// by a streaming sum of Ornstein–Uhlenbeck (first-order filtered white) processes with corner frequencies f_j spaced
/// three per decade from <c>flickerMinimumFrequency</c> to 1/(2·NT) and variances v_j = (π/2)·C'·f_j^(1−α),
/// C' = S-coefficient·ln(r)·(2/π)·sin(πα/2), r = 10^(1/3) (a sum of Lorentzians with weights ∝ f_j^(−α) approximates
/// f^(−α) between the extreme corners; ripple about ±0.5 dB). Each process is advanced exactly,
/// y ← a·y + √(v(1 − a²))·n, a = exp(−2π·f_j·NT), and starts from its stationary distribution. Below the lowest
/// corner the spectrum flattens.</para>
/// <para><b>RTS.</b> The state starts low (0); dwell times are exponential with mean RTSCAPT in the low state and
/// RTSEMT in the high state (+RTSAM), as in ngspice, except that switching times here are exact rather than
/// quantised to the simulator's time points. RTSCAPT = RTSEMT = 0 gives a constant +RTSAM (ngspice's behaviour).</para>
/// <para><b>Reproducibility.</b> White, 1/f and RTS draw from separate sub-streams of the seed and are generated in
/// time order, so v(t) does not depend on the order or density of the queried times. Queries may go back in time (a
/// rejected transient step) to any point after the last <see cref="ForgetBefore"/>; history is kept until then. An instance is stateful and not thread-safe: use one per
/// source (and per thread).</para>
/// </remarks>
public sealed class TransientNoiseSource
{
    private const int WhiteStream = 1;
    private const int FlickerStream = 2;
    private const int RtsStream = 3;
    private const double PolesPerDecade = 3.0;

    private readonly Random _white;
    private readonly Random _flicker;
    private readonly Random _rts;
    private readonly double[] _poleDecay = [];
    private readonly double[] _poleDrive = [];
    private readonly double[] _poleState = [];
    private readonly double _flickerOrigin;
    private readonly List<double> _samples = [];
    private long _firstSampleIndex;
    private readonly List<double> _switchTimes = [];
    private long _droppedSwitches;
    private double _rtsNextStart;

    /// <summary>Creates a realisation.</summary>
    /// <param name="parameters">TRNOISE parameters.</param>
    /// <param name="seed">Seed; the same seed gives a bit-identical waveform.</param>
    /// <param name="flickerMinimumFrequency">
    /// Lowest corner of the 1/f synthesis (Hz); default 10⁻⁶/NT. Set it below 1/(simulated time) to keep the slope over
    /// the whole run; each decade costs three normal draws per sample.
    /// </param>
    /// <exception cref="ArgumentException">NT is zero while white or 1/f noise is on, or the minimum frequency is not below 1/(2·NT).</exception>
    public TransientNoiseSource(TransientNoiseParameters parameters, int seed, double? flickerMinimumFrequency = null)
    {
        Parameters = parameters;
        Seed = seed;
        _white = SeededRandom.Create(seed, WhiteStream);
        _flicker = SeededRandom.Create(seed, FlickerStream);
        _rts = SeededRandom.Create(seed, RtsStream);
        if ((parameters.HasWhite || parameters.HasFlicker) && !(parameters.SampleTime > 0.0))
        {
            throw new ArgumentException("SampleTime (NT) must be positive when white or 1/f noise is on.", nameof(parameters));
        }

        if (parameters.HasFlicker)
        {
            double nt = parameters.SampleTime;
            double fTop = 0.5 / nt;
            double fMin = flickerMinimumFrequency ?? (1e-6 / nt);
            if (!(fMin > 0.0 && fMin < fTop))
            {
                throw new ArgumentException(
                    $"flickerMinimumFrequency ({Guard.Format(fMin)} Hz) must lie in (0, 1/(2·NT) = {Guard.Format(fTop)} Hz).",
                    nameof(flickerMinimumFrequency));
            }

            double alpha = parameters.FlickerExponent;
            double ratio = Math.Pow(10.0, 1.0 / PolesPerDecade);
            int poles = 1 + (int)Math.Ceiling(Math.Log10(fTop / fMin) * PolesPerDecade);
            double target = 2.0 * nt * parameters.FlickerAmplitude * parameters.FlickerAmplitude * Math.Pow(2.0 * Math.PI * nt, -alpha);
            double weight = target * Math.Log(ratio) * (2.0 / Math.PI) * Math.Sin(Math.PI * alpha / 2.0);
            _poleDecay = new double[poles];
            _poleDrive = new double[poles];
            _poleState = new double[poles];
            double origin = 0.0;
            for (int j = 0; j < poles; j++)
            {
                double f = fTop / Math.Pow(ratio, j);
                double variance = 0.5 * Math.PI * weight * Math.Pow(f, 1.0 - alpha);
                double a = Math.Exp(-2.0 * Math.PI * f * nt);
                _poleDecay[j] = a;
                _poleDrive[j] = Math.Sqrt(variance * (1.0 - (a * a)));
                _poleState[j] = Math.Sqrt(variance) * SeededRandom.StandardNormal(_flicker);
                origin += _poleState[j];
            }

            _flickerOrigin = origin;
        }

        if (parameters.HasRts)
        {
            _rtsNextStart = 0.0;
        }

        _samples.Add(0.0);
    }

    /// <summary>The TRNOISE parameters.</summary>
    public TransientNoiseParameters Parameters { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Number of Ornstein–Uhlenbeck processes in the 1/f synthesis (0 when 1/f noise is off).</summary>
    public int FlickerPoleCount => _poleDecay.Length;

    /// <summary>The noise waveform at time t.</summary>
    /// <param name="time">t (s), non-negative and not before the last <see cref="ForgetBefore"/>.</param>
    /// <returns>Value in the source's unit.</returns>
    /// <exception cref="ArgumentException">t is negative, not finite, or in forgotten history.</exception>
    public double Value(double time)
    {
        Guard.NonNegative(time);
        double value = 0.0;
        var p = Parameters;
        if (p.HasWhite || p.HasFlicker)
        {
            double position = time / p.SampleTime;
            long k = (long)Math.Floor(position);
            double v1 = SampleAt(k, nameof(time));
            double v2 = SampleAt(k + 1, nameof(time));
            value = v1 + ((v2 - v1) * (position - k));
        }

        if (p.HasRts && IsRtsHigh(time))
        {
            value += p.RtsAmplitude;
        }

        return value;
    }

    /// <summary>The k-th noise sample (white + 1/f), at t = k·NT.</summary>
    /// <param name="index">k ≥ 0.</param>
    /// <returns>The sample.</returns>
    public double Sample(long index) => SampleAt(index, nameof(index));

    /// <summary>Switching times of the telegraph signal up to <paramref name="time"/> since the last <see cref="ForgetBefore"/>.</summary>
    /// <param name="time">End of the window (s).</param>
    /// <returns>Alternating low→high (capture) and high→low (emission) times, the first a capture when nothing was forgotten.</returns>
    public double[] RtsSwitchTimes(double time)
    {
        Guard.NonNegative(time);
        if (!Parameters.HasRts || (Parameters.RtsCaptureTime == 0.0 && Parameters.RtsEmissionTime == 0.0))
        {
            return [];
        }

        ExtendRts(time);
        return _switchTimes.Where(s => s <= time).ToArray();
    }

    /// <summary>Releases the history before <paramref name="time"/> (keep it as far back as a transient may reject).</summary>
    /// <param name="time">Earliest time that will still be queried (s).</param>
    public void ForgetBefore(double time)
    {
        Guard.NonNegative(time);
        if (Parameters.SampleTime > 0.0)
        {
            long keepFrom = Math.Min((long)Math.Floor(time / Parameters.SampleTime), _firstSampleIndex + _samples.Count - 1);
            int drop = (int)Math.Max(0, keepFrom - _firstSampleIndex);
            _samples.RemoveRange(0, drop);
            _firstSampleIndex += drop;
        }

        // Keep the last switch at or before the time so that the parity (low/high) stays known.
        int lastBefore = _switchTimes.FindLastIndex(s => s <= time);
        if (lastBefore > 0)
        {
            _switchTimes.RemoveRange(0, lastBefore);
            _droppedSwitches += lastBefore;
        }
    }

    private double SampleAt(long index, string parameterName)
    {
        if (index < _firstSampleIndex)
        {
            throw new ArgumentException(
                $"sample {index} precedes the kept history (first kept sample {_firstSampleIndex}); see ForgetBefore.", parameterName);
        }

        while (_firstSampleIndex + _samples.Count <= index)
        {
            _samples.Add(NextSample());
        }

        return _samples[(int)(index - _firstSampleIndex)];
    }

    private double NextSample()
    {
        var p = Parameters;
        double value = p.HasWhite ? p.WhiteAmplitude * SeededRandom.StandardNormal(_white) : 0.0;
        if (p.HasFlicker)
        {
            double sum = 0.0;
            for (int j = 0; j < _poleState.Length; j++)
            {
                double y = (_poleDecay[j] * _poleState[j]) + (_poleDrive[j] * SeededRandom.StandardNormal(_flicker));
                _poleState[j] = y;
                sum += y;
            }

            value += sum - _flickerOrigin;
        }

        return value;
    }

    private bool IsRtsHigh(double time)
    {
        var p = Parameters;
        if (p.RtsCaptureTime == 0.0 && p.RtsEmissionTime == 0.0)
        {
            return true;
        }

        ExtendRts(time);
        if (_switchTimes.Count > 0 && time < _switchTimes[0])
        {
            if (_droppedSwitches > 0)
            {
                throw new ArgumentException($"time {Guard.Format(time)} s precedes the kept history; see ForgetBefore.", nameof(time));
            }

            return false;
        }

        // Number of switches at or before t (upper bound): odd means high.
        int lo = 0, hi = _switchTimes.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_switchTimes[mid] <= time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return ((lo + _droppedSwitches) & 1) == 1;
    }

    private void ExtendRts(double time)
    {
        var p = Parameters;
        while (_switchTimes.Count == 0 || _switchTimes[^1] <= time)
        {
            double capture = _rtsNextStart + SeededRandom.Exponential(_rts, p.RtsCaptureTime);
            double emission = capture + SeededRandom.Exponential(_rts, p.RtsEmissionTime);
            _switchTimes.Add(capture);
            _switchTimes.Add(emission);
            _rtsNextStart = emission;
        }
    }
}
