using System.CommandLine;
using System.Globalization;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Netlists;
using Crossbar.Cli.Commands;
using Crossbar.Devices.Noise;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Rram;
using Crossbar.Devices.Wires;

namespace Crossbar.Cli.Options;

/// <summary>Cell of the arrays: RRAM alone, or RRAM in series with a level-1 NMOS access transistor.</summary>
public enum CellChoice
{
    /// <summary><c>1r</c>.</summary>
    OneResistor,

    /// <summary><c>1t1r</c>.</summary>
    OneTransistorOneResistor,
}

/// <summary>Read I–V of the RRAM cells.</summary>
public enum RramChoice
{
    /// <summary>I = G·V.</summary>
    Linear,

    /// <summary>I = I0·sinh(V/V0).</summary>
    Sinh,
}

/// <summary>Op-amp model.</summary>
public enum OpAmpChoice
{
    /// <summary>Nullor.</summary>
    Ideal,

    /// <summary>Finite DC gain.</summary>
    Gain,

    /// <summary>Single pole (A0, GBWP).</summary>
    Pole,
}

/// <summary>
/// The hardware as every command that runs arrays sees it (<c>inv</c>, <c>mvm</c>, <c>ginv</c>, <c>hpinv</c>,
/// <c>mimo</c> and <c>export</c>): cells, RRAM read model, wires, op-amps, conductance levels, programming error, read
/// noise, converters, drift and the seed. Parsed and validated here, once, with defaults that describe the paper's chip
/// (3-bit 1T1R TaOx cells over 0.5–35 µS, 2% programming error, 1.73 Ω wire per cell, AD823-class single-pole op-amps
/// with A0 = 1e5 and 16 MHz GBWP, 8-bit converters); see docs/design.md.
/// </summary>
public sealed class HardwareOptions
{
    private static readonly (string, CellChoice)[] Cells = [("1r", CellChoice.OneResistor), ("1t1r", CellChoice.OneTransistorOneResistor)];
    private static readonly (string, RramChoice)[] Rrams = [("linear", RramChoice.Linear), ("sinh", RramChoice.Sinh)];
    private static readonly (string, OpAmpChoice)[] OpAmps = [("ideal", OpAmpChoice.Ideal), ("gain", OpAmpChoice.Gain), ("pole", OpAmpChoice.Pole)];

    /// <summary>Creates the option set (one instance per command).</summary>
    public HardwareOptions()
    {
        Cell = ChoiceOption.Create("--cell", "cell: RRAM alone (1r) or RRAM with a level-1 NMOS access transistor, gate 3.3 V (1t1r)", CellChoice.OneTransistorOneResistor, Cells);
        Rram = ChoiceOption.Create("--rram", "RRAM read I–V: linear, or I = I0·sinh(V/V0) with the nominal conductance at 0.2 V", RramChoice.Linear, Rrams);
        RramV0 = Number("--rram-v0", "V", "V0 of the sinh read model in V", 0.25);
        WireResistance = Number("--wire-r", "ohms", "row and column wire resistance per cell pitch in Ω", 1.73);
        WireCapacitance = Number("--wire-c", "farads", "row and column wire capacitance per cell pitch in F", 0.0);
        OpAmp = ChoiceOption.Create("--opamp", "op-amp model: nullor, finite DC gain --a0, or single pole (--a0, --gbw)", OpAmpChoice.Pole, OpAmps);
        DcGain = Number("--a0", "V/V", "op-amp open-loop DC gain (dimensionless)", 1e5);
        GainBandwidth = Number("--gbw", "Hz", "op-amp gain–bandwidth product in Hz", 16e6);
        Offset = Number("--opamp-offset", "V", "op-amp input offset voltage in V (a source in series with the + input)", 0.0);
        InputNoise = Number("--opamp-noise", "V/√Hz", "op-amp input voltage noise density in V/√Hz (transient only: a TRNOISE source on the + input)", 0.0);
        Bits = new Option<int>("--bits") { HelpName = "n", Description = "bits per cell: 2^n linear conductance levels over [--g-min, --g-max] (0 = continuous)", DefaultValueFactory = _ => 3 };
        MinConductance = Number("--g-min", "S", "lowest conductance level in S", 0.5e-6);
        MaxConductance = Number("--g-max", "S", "highest conductance level in S", 35e-6);
        ProgrammingSigma = Number("--prog-sigma", "rel", "relative σ of the programming error per cell (dimensionless)", 0.02);
        ReadNoise = Number("--read-noise", "rel", "relative σ of white read noise per cell, drawn per operation (dimensionless)", 0.0);
        DacBits = new Option<int>("--dac-bits") { HelpName = "n", Description = "input DAC bits (0 = ideal)", DefaultValueFactory = _ => 8 };
        AdcBits = new Option<int>("--adc-bits") { HelpName = "n", Description = "output ADC bits (0 = ideal)", DefaultValueFactory = _ => 8 };
        DriftTime = Number("--drift-time", "s", "time since programming at which the arrays are read, in s: conductances relax (power-law drift with a spread growing per decade; docs/design.md)", 0.0);
        Seed = new Option<int>("--seed") { HelpName = "n", Description = "seed of everything random (matrix, vector, programming error, noise)", DefaultValueFactory = _ => 1 };
        CellNoiseWhite = Number("--cell-noise-white", "rel", "transient read noise of every cell relative to its current: rms of the white samples, TRNOISE NA of n(t) in i = I_cell·(1 + n(t)) (dimensionless; 0 = off)", 0.0);
        CellNoiseFlicker = Number("--cell-noise-flicker", "rel", "transient cell read noise: relative 1/f amplitude, TRNOISE NAMP of n(t) (dimensionless; 0 = off)", 0.0);
        CellNoiseAlpha = Number("--cell-noise-alpha", "exponent", "transient cell read noise: exponent α of the 1/f^α spectrum, TRNOISE NALPHA, in (0, 2)", 1.0);
        CellNoiseRtn = Number("--cell-noise-rtn", "rel", "transient cell read noise: relative random-telegraph step, TRNOISE RTSAM of n(t) (dimensionless; 0 = off)", 0.0);
        CellNoiseRtnCapture = Number("--cell-noise-rtn-capture", "s", "transient cell read noise: mean telegraph capture time (dwell low), TRNOISE RTSCAPT, in s", 1e-6);
        CellNoiseRtnEmission = Number("--cell-noise-rtn-emission", "s", "transient cell read noise: mean telegraph emission time (dwell high), TRNOISE RTSEMT, in s", 1e-6);
        CellNoiseSampleTime = Number("--cell-noise-nt", "s", "transient cell read noise: time between noise samples, TRNOISE NT, in s (the timestep is limited to it)", 10e-9);
    }

    /// <summary><c>--cell 1r|1t1r</c>.</summary>
    public ChoiceOption<CellChoice> Cell { get; }

    /// <summary><c>--rram linear|sinh</c>.</summary>
    public ChoiceOption<RramChoice> Rram { get; }

    /// <summary><c>--rram-v0 &lt;V&gt;</c>.</summary>
    public Option<double> RramV0 { get; }

    /// <summary><c>--wire-r &lt;ohms&gt;</c>.</summary>
    public Option<double> WireResistance { get; }

    /// <summary><c>--wire-c &lt;farads&gt;</c>.</summary>
    public Option<double> WireCapacitance { get; }

    /// <summary><c>--opamp ideal|gain|pole</c>.</summary>
    public ChoiceOption<OpAmpChoice> OpAmp { get; }

    /// <summary><c>--a0</c>.</summary>
    public Option<double> DcGain { get; }

    /// <summary><c>--gbw &lt;Hz&gt;</c>.</summary>
    public Option<double> GainBandwidth { get; }

    /// <summary><c>--opamp-offset &lt;V&gt;</c>.</summary>
    public Option<double> Offset { get; }

    /// <summary><c>--opamp-noise &lt;V/√Hz&gt;</c>.</summary>
    public Option<double> InputNoise { get; }

    /// <summary><c>--bits &lt;n&gt;</c>.</summary>
    public Option<int> Bits { get; }

    /// <summary><c>--g-min &lt;S&gt;</c>.</summary>
    public Option<double> MinConductance { get; }

    /// <summary><c>--g-max &lt;S&gt;</c>.</summary>
    public Option<double> MaxConductance { get; }

    /// <summary><c>--prog-sigma &lt;rel&gt;</c>.</summary>
    public Option<double> ProgrammingSigma { get; }

    /// <summary><c>--read-noise &lt;rel&gt;</c>.</summary>
    public Option<double> ReadNoise { get; }

    /// <summary><c>--dac-bits &lt;n&gt;</c>.</summary>
    public Option<int> DacBits { get; }

    /// <summary><c>--adc-bits &lt;n&gt;</c>.</summary>
    public Option<int> AdcBits { get; }

    /// <summary><c>--drift-time &lt;s&gt;</c>.</summary>
    public Option<double> DriftTime { get; }

    /// <summary><c>--seed &lt;n&gt;</c>.</summary>
    public Option<int> Seed { get; }

    /// <summary><c>--cell-noise-white &lt;rel&gt;</c>.</summary>
    public Option<double> CellNoiseWhite { get; }

    /// <summary><c>--cell-noise-flicker &lt;rel&gt;</c>.</summary>
    public Option<double> CellNoiseFlicker { get; }

    /// <summary><c>--cell-noise-alpha &lt;exponent&gt;</c>.</summary>
    public Option<double> CellNoiseAlpha { get; }

    /// <summary><c>--cell-noise-rtn &lt;rel&gt;</c>.</summary>
    public Option<double> CellNoiseRtn { get; }

    /// <summary><c>--cell-noise-rtn-capture &lt;s&gt;</c>.</summary>
    public Option<double> CellNoiseRtnCapture { get; }

    /// <summary><c>--cell-noise-rtn-emission &lt;s&gt;</c>.</summary>
    public Option<double> CellNoiseRtnEmission { get; }

    /// <summary><c>--cell-noise-nt &lt;s&gt;</c>.</summary>
    public Option<double> CellNoiseSampleTime { get; }

    /// <summary>Adds every option to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { CellNoiseWhite, CellNoiseFlicker, CellNoiseAlpha, CellNoiseRtn, CellNoiseRtnCapture, CellNoiseRtnEmission, CellNoiseSampleTime })
        {
            command.Options.Add(option);
        }

        Option[] all = [Cell, Rram, RramV0, WireResistance, WireCapacitance, OpAmp, DcGain, GainBandwidth, Offset, InputNoise, Bits, MinConductance, MaxConductance, ProgrammingSigma, ReadNoise, DacBits, AdcBits, DriftTime, Seed];
        foreach (Option option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads and validates the hardware; every value is recorded in <see cref="Hardware.Parameters"/>.</summary>
    /// <exception cref="UsageException">A value is out of range; the message names the option.</exception>
    public Hardware Read(ParseResult parse)
    {
        CellChoice cell = Cell.ValueIn(parse);
        RramChoice rram = Rram.ValueIn(parse);
        OpAmpChoice opAmp = OpAmp.ValueIn(parse);
        double v0 = parse.GetValue(RramV0);
        double wireR = parse.GetValue(WireResistance);
        double wireC = parse.GetValue(WireCapacitance);
        double a0 = parse.GetValue(DcGain);
        double gbw = parse.GetValue(GainBandwidth);
        double offset = parse.GetValue(Offset);
        double noise = parse.GetValue(InputNoise);
        int bits = parse.GetValue(Bits);
        double gmin = parse.GetValue(MinConductance);
        double gmax = parse.GetValue(MaxConductance);
        double sigma = parse.GetValue(ProgrammingSigma);
        double readNoise = parse.GetValue(ReadNoise);
        int dac = parse.GetValue(DacBits);
        int adc = parse.GetValue(AdcBits);
        double drift = parse.GetValue(DriftTime);
        int seed = parse.GetValue(Seed);

        Require(v0 > 0 && double.IsFinite(v0), "--rram-v0", v0, "a finite voltage > 0 V");
        Require(wireR >= 0 && double.IsFinite(wireR), "--wire-r", wireR, "a finite resistance ≥ 0 Ω");
        Require(wireC >= 0 && double.IsFinite(wireC), "--wire-c", wireC, "a finite capacitance ≥ 0 F");
        Require(a0 > 0 && double.IsFinite(a0), "--a0", a0, "a finite gain > 0");
        Require(gbw > 0 && double.IsFinite(gbw), "--gbw", gbw, "a finite frequency > 0 Hz");
        Require(double.IsFinite(offset) && Math.Abs(offset) < 1, "--opamp-offset", offset, "a finite voltage below 1 V in magnitude");
        Require(noise >= 0 && double.IsFinite(noise), "--opamp-noise", noise, "a finite density ≥ 0 V/√Hz");
        Require(gmin > 0 && double.IsFinite(gmin), "--g-min", gmin, "a finite conductance > 0 S");
        Require(gmax > gmin && double.IsFinite(gmax), "--g-max", gmax, Invariant($"a finite conductance above --g-min ({gmin:R} S)"));
        Require(sigma >= 0 && sigma < 1, "--prog-sigma", sigma, "a relative σ in [0, 1)");
        Require(readNoise >= 0 && readNoise < 1, "--read-noise", readNoise, "a relative σ in [0, 1)");
        Require(drift >= 0 && double.IsFinite(drift), "--drift-time", drift, "a finite time ≥ 0 s");
        if (bits is < 0 or > 16)
        {
            throw new UsageException($"--bits must be between 0 (continuous) and 16, got {bits}");
        }

        if (dac != 0 && dac is < 2 or > 24)
        {
            throw new UsageException($"--dac-bits must be 0 (ideal) or between 2 and 24, got {dac}");
        }

        if (adc != 0 && adc is < 2 or > 32)
        {
            throw new UsageException($"--adc-bits must be 0 (ideal) or between 2 and 32, got {adc}");
        }

        if (noise > 0 && opAmp != OpAmpChoice.Pole)
        {
            throw new UsageException("--opamp-noise needs --opamp pole (the noise source is sampled at 20·GBWP)");
        }

        OpAmpModel model = (opAmp switch
        {
            OpAmpChoice.Ideal => OpAmpModel.Ideal(),
            OpAmpChoice.Gain => OpAmpModel.WithFiniteGain(a0),
            _ => OpAmpModel.WithSinglePole(a0, gbw),
        }) with { InputOffsetVoltage = offset, InputNoiseDensity = noise };

        var levels = new ConductanceLevels(bits, gmin, gmax);
        var circuit = new CrossbarBuildOptions
        {
            Cell = cell == CellChoice.OneResistor ? CrossbarCellKind.Resistor : CrossbarCellKind.Transistor,
            Rram = rram == RramChoice.Sinh ? new SinhRramModel(v0, 0.2) : LinearRramModel.Instance,
            Levels = levels,
            ProgrammingSigma = sigma,
            ReadNoiseSigma = readNoise,
            DriftTime = drift,
            DacBits = dac,
            AdcBits = adc,
            Seed = seed,
            OpAmp = model,
            Wires = new WireModel
            {
                RowResistancePerCell = wireR,
                ColumnResistancePerCell = wireR,
                RowCapacitancePerCell = wireC,
                ColumnCapacitancePerCell = wireC,
            },
        };
        var backend = new AnalogBackendOptions
        {
            MinConductance = gmin,
            MaxConductance = gmax,
            ProgrammingSigma = sigma,
            ReadNoiseSigma = readNoise,
            DriftTime = drift,
            DacBits = dac,
            AdcBits = adc,
        };

        List<KeyValuePair<string, string>> parameters =
        [
            new("seed", Text(seed)),
            new("cell", ChoiceOption.Word(cell, Cells)),
            new("rram", ChoiceOption.Word(rram, Rrams)),
            new("rram_v0_V", Text(v0)),
            new("wire_r_ohm", Text(wireR)),
            new("wire_c_F", Text(wireC)),
            new("opamp", ChoiceOption.Word(opAmp, OpAmps)),
            new("a0", Text(a0)),
            new("gbw_Hz", Text(gbw)),
            new("opamp_offset_V", Text(offset)),
            new("opamp_noise_V_per_rtHz", Text(noise)),
            new("bits", Text(bits)),
            new("g_min_S", Text(gmin)),
            new("g_max_S", Text(gmax)),
            new("prog_sigma", Text(sigma)),
            new("read_noise", Text(readNoise)),
            new("dac_bits", Text(dac)),
            new("adc_bits", Text(adc)),
            new("drift_time_s", Text(drift)),
            new("gate_voltage_V", Text(circuit.GateVoltage)),
            new("signal_voltage_V", Text(circuit.SignalVoltage)),
        ];
        (CellReadNoise? cellNoise, IEnumerable<KeyValuePair<string, string>> cellNoiseParameters) = ReadCellNoise(parse);
        circuit = circuit with { CellNoise = cellNoise };
        parameters.AddRange(cellNoiseParameters);
        return new Hardware(circuit, backend, seed, parameters);
    }

    /// <summary>The <c>--cell-noise-*</c> options as a <see cref="CellReadNoise"/> (null when all amplitudes are 0), validated, and as metadata.</summary>
    /// <exception cref="UsageException">A value is out of range; the message names the option.</exception>
    private (CellReadNoise? Noise, IEnumerable<KeyValuePair<string, string>> Parameters) ReadCellNoise(ParseResult parse)
    {
        double white = parse.GetValue(CellNoiseWhite);
        double flicker = parse.GetValue(CellNoiseFlicker);
        double alpha = parse.GetValue(CellNoiseAlpha);
        double rtn = parse.GetValue(CellNoiseRtn);
        double capture = parse.GetValue(CellNoiseRtnCapture);
        double emission = parse.GetValue(CellNoiseRtnEmission);
        double nt = parse.GetValue(CellNoiseSampleTime);
        Require(white >= 0 && white < 1, "--cell-noise-white", white, "a relative σ in [0, 1)");
        Require(flicker >= 0 && flicker < 1, "--cell-noise-flicker", flicker, "a relative amplitude in [0, 1)");
        Require(alpha > 0 && alpha < 2, "--cell-noise-alpha", alpha, "an exponent in (0, 2)");
        Require(rtn >= 0 && rtn < 1, "--cell-noise-rtn", rtn, "a relative step in [0, 1)");
        Require(capture > 0 && double.IsFinite(capture), "--cell-noise-rtn-capture", capture, "a finite time > 0 s");
        Require(emission > 0 && double.IsFinite(emission), "--cell-noise-rtn-emission", emission, "a finite time > 0 s");
        Require(nt > 0 && double.IsFinite(nt), "--cell-noise-nt", nt, "a finite time > 0 s");
        var noise = new CellReadNoise
        {
            WhiteSigma = white,
            SampleTime = nt,
            FlickerExponent = alpha,
            FlickerAmplitude = flicker,
            RtsAmplitude = rtn,
            RtsCaptureTime = capture,
            RtsEmissionTime = emission,
        };
        KeyValuePair<string, string>[] parameters =
        [
            new("cell_noise_white", Text(white)),
            new("cell_noise_flicker", Text(flicker)),
            new("cell_noise_alpha", Text(alpha)),
            new("cell_noise_rtn", Text(rtn)),
            new("cell_noise_rtn_capture_s", Text(capture)),
            new("cell_noise_rtn_emission_s", Text(emission)),
            new("cell_noise_nt_s", Text(nt)),
        ];
        return (noise.IsActive ? noise : null, parameters);
    }

    private static Option<double> Number(string name, string unit, string description, double defaultValue) => new(name)
    {
        HelpName = unit,
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    };

    private static void Require(bool ok, string option, double value, string what)
    {
        if (!ok)
        {
            throw new UsageException($"{option} must be {what}, got {Text(value)}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The parsed hardware: the circuit description, the matching AMC backend settings, the seed and every value as text.</summary>
/// <param name="Circuit">Cells, read model, wires, op-amps, levels, programming error, noise, drift, converters, seed.</param>
/// <param name="Backend">The same levels, programming error, noise, drift and converters for the AMC backends.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Parameters">Every option as key and value text, for run.json.</param>
public sealed record Hardware(CrossbarBuildOptions Circuit, AnalogBackendOptions Backend, int Seed, IReadOnlyList<KeyValuePair<string, string>> Parameters);
