using Crossbar.Circuit.Netlists;
using Crossbar.Devices.Noise;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Value of an independent source over time, as ngspice evaluates it: PULSE (zero rise/fall
/// become the print step, width and period default to the stop time), PWL (held constant
/// outside its points), SIN (held at its t = td value before the delay), EXP, SFFM and AM with
/// ngspice 39's defaults (see <see cref="ExpWaveform"/>, <see cref="SffmWaveform"/>, <see cref="AmWaveform"/>). DC uses the
/// explicit DC value, or the waveform at t = 0 when none was given (ngspice's rule).
/// TRNOISE adds a seeded <see cref="TransientNoiseSource"/> realisation to the DC value in
/// transient (0 at DC and at t = 0, as in ngspice); its statistics follow ngspice's TRNOISE but
/// the random numbers differ, so compare noise with ngspice statistically, never sample by sample.
/// </summary>
public sealed class SourceFunction
{
    private readonly double _dc;
    private readonly SourceWaveform? _waveform;
    private readonly TransientNoiseSource? _noise;
    private double _printStep;
    private double _stopTime;

    /// <summary>Creates the function from a card's DC value and waveform.</summary>
    /// <param name="dc">Explicit DC value, or null.</param>
    /// <param name="waveform">Waveform, or null.</param>
    /// <param name="seed">Seed of a TRNOISE realisation (same seed, same waveform).</param>
    public SourceFunction(double? dc, SourceWaveform? waveform, int seed = 0)
    {
        if (waveform is TrNoiseWaveform n)
        {
            var parameters = TransientNoiseParameters.FromTrnoise(
                n.WhiteAmplitude.Value, n.Step.Value, n.FlickerExponent.Value, n.FlickerAmplitude.Value,
                n.RtsAmplitude.Value, n.RtsCaptureTime.Value, n.RtsEmissionTime.Value);
            if (parameters.HasWhite || parameters.HasFlicker || parameters.HasRts)
            {
                _noise = new TransientNoiseSource(parameters, seed);
            }
        }

        _waveform = waveform is TrNoiseWaveform ? null : waveform;
        _dc = dc ?? 0;
        DcGiven = dc.HasValue;
    }

    /// <summary>True when the card gave an explicit DC value.</summary>
    public bool DcGiven { get; }

    /// <summary>True when the value changes with time.</summary>
    public bool HasWaveform => _waveform is not null || _noise is not null;

    /// <summary>Sets the transient's print step and stop time (SPICE defaults for PULSE and SIN).</summary>
    public void SetTransientTimes(double printStep, double stopTime)
    {
        _printStep = printStep;
        _stopTime = stopTime;
    }

    /// <summary>The DC value: explicit, or the waveform at t = 0.</summary>
    public double DcValue => DcGiven || _waveform is null ? _dc : Evaluate(0);

    /// <summary>The noise realisation of a TRNOISE source, or null.</summary>
    public TransientNoiseSource? Noise => _noise;

    /// <summary>Value at time t in V or A.</summary>
    public double Evaluate(double time)
    {
        if (_noise is not null)
        {
            return _dc + _noise.Value(Math.Max(time, 0));
        }

        switch (_waveform)
        {
            case PulseWaveform p:
                return EvaluatePulse(p, time);
            case PwlWaveform w:
                return EvaluatePwl(w, time);
            case SinWaveform s:
                return EvaluateSin(s, time);
            case ExpWaveform e:
                return EvaluateExp(e, time);
            case SffmWaveform f:
                return EvaluateSffm(f, time);
            case AmWaveform a:
                return EvaluateAm(a, time);
            default:
                return _dc;
        }
    }

    /// <summary>Adds waveform corners in (from, to] to the breakpoints.</summary>
    public void AddBreakpoints(double from, double to, SortedSet<double> breakpoints)
    {
        if (_noise is { Parameters.SampleTime: > 0 } noise && (noise.Parameters.HasWhite || noise.Parameters.HasFlicker))
        {
            double nt = noise.Parameters.SampleTime;
            for (long k = Math.Max(0, (long)Math.Floor(from / nt)); k * nt <= to; k++)
            {
                double t = k * nt;
                if (t > from)
                {
                    breakpoints.Add(t);
                }
            }
        }

        switch (_waveform)
        {
            case PulseWaveform p:
            {
                (double td, double tr, double tf, double pw, double per) = PulseTimes(p);
                double[] corners = [0, tr, tr + pw, tr + pw + tf];
                if (per <= 0)
                {
                    break;
                }

                double start = Math.Max(0, Math.Floor((from - td) / per) - 1);
                for (double k = start; td + (k * per) <= to; k++)
                {
                    foreach (double c in corners)
                    {
                        double t = td + (k * per) + c;
                        if (t > from && t <= to)
                        {
                            breakpoints.Add(t);
                        }
                    }
                }

                break;
            }

            case PwlWaveform w:
                foreach (var (time, _) in w.Points)
                {
                    if (time.Value > from && time.Value <= to)
                    {
                        breakpoints.Add(time.Value);
                    }
                }

                break;
            case SinWaveform s:
                AddIfInside(s.Delay.Value, from, to, breakpoints);
                break;
            case ExpWaveform e:
            {
                // The curve turns at td1 (rise starts) and td2 (fall starts).
                (double td1, _, double td2, _) = ExpTimes(e);
                AddIfInside(td1, from, to, breakpoints);
                AddIfInside(td2, from, to, breakpoints);
                break;
            }

            case AmWaveform a:
                AddIfInside(a.Delay.Value, from, to, breakpoints);
                break;
        }
    }

    private static void AddIfInside(double t, double from, double to, SortedSet<double> breakpoints)
    {
        if (t > from && t <= to)
        {
            breakpoints.Add(t);
        }
    }

    private (double Td1, double Tau1, double Td2, double Tau2) ExpTimes(ExpWaveform e)
    {
        double Or(ParamValue value, double fallback) => value.Value != 0 ? value.Value : fallback;
        double td1 = Or(e.RiseDelay, _printStep);
        return (td1, Or(e.RiseTimeConstant, _printStep), Or(e.FallDelay, td1 + _printStep), Or(e.FallTimeConstant, _printStep));
    }

    /// <summary>EXP as ngspice 39: v1 until td1, the rise toward v2 with tau1, from td2 the fall back with tau2 added.</summary>
    private double EvaluateExp(ExpWaveform e, double time)
    {
        double v1 = e.Initial.Value;
        double v2 = e.Pulsed.Value;
        (double td1, double tau1, double td2, double tau2) = ExpTimes(e);
        if (time <= td1)
        {
            return v1;
        }

        double value = v1 + ((v2 - v1) * (1 - Math.Exp(-(time - td1) / tau1)));
        return time <= td2 ? value : value + ((v1 - v2) * (1 - Math.Exp(-(time - td2) / tau2)));
    }

    /// <summary>SFFM: vo + va·sin(2π·fc·t + φc + mdi·sin(2π·fs·t + φs)); fc and fs default to 1/tstop.</summary>
    private double EvaluateSffm(SffmWaveform f, double time)
    {
        double fallback = _stopTime > 0 ? 1 / _stopTime : 0;
        double fc = f.CarrierFrequency.Value != 0 ? f.CarrierFrequency.Value : fallback;
        double fs = f.SignalFrequency.Value != 0 ? f.SignalFrequency.Value : fallback;
        double carrier = (2 * Math.PI * fc * time) + (f.CarrierPhase.Value * Math.PI / 180);
        double signal = (2 * Math.PI * fs * time) + (f.SignalPhase.Value * Math.PI / 180);
        return f.Offset.Value + (f.Amplitude.Value * Math.Sin(carrier + (f.ModulationIndex.Value * Math.Sin(signal))));
    }

    /// <summary>
    /// AM: 0 until td, then va·(vo + sin(2π·mf·t' + φ))·sin(2π·fc·t' + φ), t' = t − td; φ is the seventh value for both
    /// sines as ngspice 39 evaluates it (measured); mf defaults to 1/tstop.
    /// </summary>
    private double EvaluateAm(AmWaveform a, double time)
    {
        double t = time - a.Delay.Value;
        if (t <= 0)
        {
            return 0;
        }

        double mf = a.ModulationFrequency.Value != 0 ? a.ModulationFrequency.Value : (_stopTime > 0 ? 1 / _stopTime : 0);
        double phase = a.CarrierPhase.Value * Math.PI / 180;
        return a.Amplitude.Value * (a.Offset.Value + Math.Sin((2 * Math.PI * mf * t) + phase)) * Math.Sin((2 * Math.PI * a.CarrierFrequency.Value * t) + phase);
    }

    private (double Td, double Tr, double Tf, double Pw, double Per) PulseTimes(PulseWaveform p)
    {
        double tr = p.RiseTime.Value > 0 ? p.RiseTime.Value : _printStep;
        double tf = p.FallTime.Value > 0 ? p.FallTime.Value : _printStep;
        double pw = p.GivenCount >= 6 && p.Width.Value > 0 ? p.Width.Value : _stopTime;
        double per = p.GivenCount >= 7 && p.Period.Value > 0 ? p.Period.Value : _stopTime;
        return (p.Delay.Value, tr, tf, pw, per);
    }

    private double EvaluatePulse(PulseWaveform p, double time)
    {
        double v1 = p.Initial.Value;
        double v2 = p.Pulsed.Value;
        (double td, double tr, double tf, double pw, double per) = PulseTimes(p);
        if (time <= td)
        {
            return v1;
        }

        double t = time - td;
        if (per > 0 && t > per)
        {
            t -= per * Math.Floor(t / per);
        }

        if (t < tr)
        {
            return v1 + ((v2 - v1) * t / tr);
        }

        if (t <= tr + pw)
        {
            return v2;
        }

        if (t < tr + pw + tf)
        {
            return v2 + ((v1 - v2) * (t - tr - pw) / tf);
        }

        return v1;
    }

    private static double EvaluatePwl(PwlWaveform w, double time)
    {
        var points = w.Points;
        if (points.Count == 0)
        {
            return 0;
        }

        if (time <= points[0].Time.Value)
        {
            return points[0].Value.Value;
        }

        for (int i = 1; i < points.Count; i++)
        {
            double t1 = points[i].Time.Value;
            if (time <= t1)
            {
                double t0 = points[i - 1].Time.Value;
                double v0 = points[i - 1].Value.Value;
                double v1 = points[i].Value.Value;
                return t1 == t0 ? v1 : v0 + ((v1 - v0) * (time - t0) / (t1 - t0));
            }
        }

        return points[^1].Value.Value;
    }

    private double EvaluateSin(SinWaveform s, double time)
    {
        double freq = s.GivenCount >= 3 && s.Frequency.Value != 0 ? s.Frequency.Value : (_stopTime > 0 ? 1 / _stopTime : 0);
        double td = s.Delay.Value;
        double phase = s.Phase.Value * Math.PI / 180;
        if (time <= td)
        {
            return s.Offset.Value + (s.Amplitude.Value * Math.Sin(phase));
        }

        double t = time - td;
        return s.Offset.Value + (s.Amplitude.Value * Math.Sin((2 * Math.PI * freq * t) + phase) * Math.Exp(-t * s.Damping.Value));
    }
}
