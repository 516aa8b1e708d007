namespace Crossbar.Circuit.Netlists;

/// <summary>Time-dependent part of an independent source (SPICE PULSE, PWL, SIN, EXP, SFFM, AM; ngspice TRNOISE).</summary>
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

/// <summary>
/// SPICE <c>EXP(v1 v2 td1 tau1 td2 tau2)</c>: v1 until td1, then v1 + (v2 − v1)(1 − e^{−(t−td1)/tau1}), from td2
/// on plus (v1 − v2)(1 − e^{−(t−td2)/tau2}). Zero or absent td1, tau1 and tau2 mean the print step and td2 means
/// td1 + the print step (ngspice 39).
/// </summary>
public sealed record ExpWaveform(
    ParamValue Initial, ParamValue Pulsed, ParamValue RiseDelay, ParamValue RiseTimeConstant,
    ParamValue FallDelay, ParamValue FallTimeConstant, int GivenCount = 6) : SourceWaveform;

/// <summary>
/// SPICE <c>SFFM(vo va fc mdi fs [phasec phases])</c>, single-frequency FM:
/// vo + va·sin(2π·fc·t + phasec + mdi·sin(2π·fs·t + phases)), phases in degrees. Zero or absent fc and fs mean
/// 1/tstop (ngspice 39).
/// </summary>
public sealed record SffmWaveform(
    ParamValue Offset, ParamValue Amplitude, ParamValue CarrierFrequency, ParamValue ModulationIndex,
    ParamValue SignalFrequency, ParamValue CarrierPhase, ParamValue SignalPhase, int GivenCount = 7) : SourceWaveform;

/// <summary>
/// ngspice <c>AM(va vo mf fc td [phasem phasec])</c>, amplitude modulation: 0 until td, then
/// va·(vo + sin(2π·mf·(t−td) + φ))·sin(2π·fc·(t−td) + φ). As ngspice 39 evaluates it (measured), φ is the seventh
/// value for both sines and the sixth is read but unused. Zero or absent mf means 1/tstop.
/// </summary>
public sealed record AmWaveform(
    ParamValue Amplitude, ParamValue Offset, ParamValue ModulationFrequency, ParamValue CarrierFrequency,
    ParamValue Delay, ParamValue ModulationPhase, ParamValue CarrierPhase, int GivenCount = 7) : SourceWaveform;
