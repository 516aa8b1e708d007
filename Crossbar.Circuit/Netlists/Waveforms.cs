namespace Crossbar.Circuit.Netlists;

/// <summary>Time-dependent part of an independent source (SPICE PULSE, PWL, SIN).</summary>
public abstract record SourceWaveform;

/// <summary>SPICE <c>PULSE(v1 v2 td tr tf pw per)</c>. Zero tr/tf mean "the print step" in SPICE; the
/// engine substitutes tstep as ngspice does. Zero or absent period means a single pulse.</summary>
public sealed record PulseWaveform(
    ParamValue Initial, ParamValue Pulsed, ParamValue Delay, ParamValue RiseTime,
    ParamValue FallTime, ParamValue Width, ParamValue Period, int GivenCount = 7) : SourceWaveform;

/// <summary>SPICE <c>PWL(t1 v1 t2 v2 ...)</c>; times strictly increasing.</summary>
public sealed record PwlWaveform(IReadOnlyList<(ParamValue Time, ParamValue Value)> Points) : SourceWaveform;

/// <summary>SPICE <c>SIN(vo va freq td theta phase)</c>: vo + va·e^{−θ(t−td)}·sin(2π f (t−td) + phase°) after td.</summary>
public sealed record SinWaveform(
    ParamValue Offset, ParamValue Amplitude, ParamValue Frequency, ParamValue Delay,
    ParamValue Damping, ParamValue Phase, int GivenCount = 6) : SourceWaveform;

/// <summary>ngspice <c>TRNOISE(na nt nalpha namp rtscapt rtsemt)</c> transient noise source.</summary>
public sealed record TrNoiseWaveform(
    ParamValue WhiteAmplitude, ParamValue Step, ParamValue FlickerExponent, ParamValue FlickerAmplitude,
    ParamValue RtsAmplitude, ParamValue RtsCaptureTime, ParamValue RtsEmissionTime) : SourceWaveform;
