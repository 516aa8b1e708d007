namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Ranges of element and source values that keep the solution finite: the reader checks each value at its token, the
/// flattener checks values a subcircuit instance's parameters give.
/// </summary>
internal static class ValueLimits
{
    /// <summary>Resistance magnitudes accepted in Ω: 1 nΩ to 1 EΩ (1/R and R·I stay far from overflow).</summary>
    public const double MinResistance = 1e-9, MaxResistance = 1e18;

    /// <summary>Largest capacitance (F) and inductance (H) magnitude: C/Δt and L/Δt stay finite for any step.</summary>
    public const double MaxReactance = 1e6;

    /// <summary>Largest source level (V or A): DC value, AC magnitude, PULSE/SIN/PWL values.</summary>
    public const double MaxSourceLevel = 1e12;

    /// <summary>Waveform times (s), other than 0: 1e-18 s (a slope over it stays finite) to 1e12 s.</summary>
    public const double MinWaveformTime = 1e-18, MaxWaveformTime = 1e12;

    /// <summary>Largest SIN frequency (Hz) and damping factor (1/s).</summary>
    public const double MaxSinRate = 1e15;

    /// <summary>One checked quantity: its name, unit and range (0 passes when <paramref name="ZeroAllowed"/>).</summary>
    public readonly record struct Limit(string Quantity, string Unit, double Min, double Max, bool ZeroAllowed);

    /// <summary>The limit of an R, C or L value.</summary>
    public static Limit Passive(char kind) => char.ToUpperInvariant(kind) switch
    {
        'R' => new("resistance", "Ω", MinResistance, MaxResistance, false),
        'C' => new("capacitance", "F", 0, MaxReactance, true),
        _ => new("inductance", "H", 0, MaxReactance, true),
    };

    /// <summary>The limit of a source level (V for a V source, A for an I source).</summary>
    public static Limit Level(char kind, string quantity) => new(quantity, char.ToUpperInvariant(kind) == 'I' ? "A" : "V", 0, MaxSourceLevel, true);

    /// <summary>The limit of argument <paramref name="k"/> of a PULSE, SIN or PWL waveform, or null (not checked).</summary>
    public static Limit? Waveform(char kind, string waveform, int k)
    {
        var what = $"{waveform} {WaveformParameterName(waveform, k)}";
        return (waveform, k) switch
        {
            ("PULSE", < 2) or ("SIN", < 2) => Level(kind, what),
            ("PULSE", _) or ("SIN", 3) => Time(what),
            ("SIN", 2) => new(what, "Hz", 0, MaxSinRate, true),
            ("SIN", 4) => new(what, "1/s", 0, MaxSinRate, true),
            ("EXP", < 2) or ("SFFM", < 2) or ("AM", < 2) => Level(kind, what),
            ("EXP", _) or ("AM", 4) => Time(what),
            ("SFFM", 2) or ("SFFM", 4) or ("AM", 2) or ("AM", 3) => new(what, "Hz", 0, MaxSinRate, true),
            ("SFFM", 3) => new(what, "rad", 0, MaxSinRate, true),
            ("PWL", _) when k % 2 == 0 => Time(what),
            ("PWL", _) => Level(kind, what),
            _ => null,
        };
    }

    /// <summary>The error text for <paramref name="value"/> outside <paramref name="limit"/>, or null.</summary>
    public static string? Violation(string element, Limit limit, double value)
    {
        double magnitude = Math.Abs(value);
        if (magnitude == 0 ? limit.ZeroAllowed : magnitude >= limit.Min && magnitude <= limit.Max)
        {
            return null;
        }

        string range = limit.Min > 0
            ? $"{(limit.ZeroAllowed ? "0 or " : string.Empty)}a magnitude from {SpiceNumber.Format(limit.Min)} to {SpiceNumber.Format(limit.Max)} {limit.Unit}"
            : $"a magnitude of at most {SpiceNumber.Format(limit.Max)} {limit.Unit}";
        return $"{element}: {limit.Quantity} {SpiceNumber.Format(value)} {limit.Unit} is out of range: expected {range}";
    }

    /// <summary>Checks every value of a (flattened) element card, throwing at the card.</summary>
    public static void CheckElement(ElementCard card)
    {
        void Check(Limit? limit, ParamValue? value)
        {
            if (limit is { } l && value is { } v && Violation(card.Name, l, v.Value) is { } message)
            {
                throw new NetlistException(card.Location, message);
            }
        }

        switch (card.Kind)
        {
            case 'R' or 'C' or 'L':
                Check(Passive(card.Kind), card.Value);
                break;
            case 'V' or 'I':
                Check(Level(card.Kind, "DC value"), card.Value);
                Check(Level(card.Kind, "AC magnitude"), card.AcMagnitude);
                var args = card.Waveform switch
                {
                    PulseWaveform p => ("PULSE", new[] { p.Initial, p.Pulsed, p.Delay, p.RiseTime, p.FallTime, p.Width, p.Period }),
                    SinWaveform s => ("SIN", new[] { s.Offset, s.Amplitude, s.Frequency, s.Delay, s.Damping }),
                    PwlWaveform w => ("PWL", w.Points.SelectMany(x => new[] { x.Time, x.Value }).ToArray()),
                    ExpWaveform e => ("EXP", new[] { e.Initial, e.Pulsed, e.RiseDelay, e.RiseTimeConstant, e.FallDelay, e.FallTimeConstant }),
                    SffmWaveform f => ("SFFM", new[] { f.Offset, f.Amplitude, f.CarrierFrequency, f.ModulationIndex, f.SignalFrequency }),
                    AmWaveform a => ("AM", new[] { a.Amplitude, a.Offset, a.ModulationFrequency, a.CarrierFrequency, a.Delay }),
                    _ => (string.Empty, Array.Empty<ParamValue>()),
                };
                for (var k = 0; k < args.Item2.Length; k++)
                {
                    Check(Waveform(card.Kind, args.Item1, k), args.Item2[k]);
                }

                break;
        }
    }

    private static Limit Time(string quantity) => new(quantity, "s", MinWaveformTime, MaxWaveformTime, true);

    private static string WaveformParameterName(string kind, int k) => kind switch
    {
        "PULSE" => k < 7 ? new[] { "v1", "v2", "td", "tr", "tf", "pw", "per" }[k] : "value",
        "SIN" => k < 6 ? new[] { "vo", "va", "freq", "td", "theta", "phase" }[k] : "value",
        "EXP" => k < 6 ? new[] { "v1", "v2", "td1", "tau1", "td2", "tau2" }[k] : "value",
        "SFFM" => k < 7 ? new[] { "vo", "va", "fc", "mdi", "fs", "phasec", "phases" }[k] : "value",
        "AM" => k < 7 ? new[] { "va", "vo", "mf", "fc", "td", "phasem", "phasec" }[k] : "value",
        "PWL" => k % 2 == 0 ? $"t{(k / 2) + 1}" : $"v{(k / 2) + 1}",
        _ => "value",
    };
}
