using System.CommandLine;
using System.Globalization;
using Crossbar.Circuit.Amc;
using Crossbar.Devices.OpAmps;

namespace Crossbar.Cli.Commands;

/// <summary>Options shared by the AMC commands (hpinv, mimo) and their translation into backend settings.</summary>
internal sealed class AmcOptions
{
    public Option<int> ArraySize { get; } = new("--array-size") { Description = "largest crossbar array dimension (cells); larger problems run through BlockAMC", DefaultValueFactory = _ => 8 };

    public Option<int> Bits { get; } = new("--bits") { Description = "bits per cell and per slice", DefaultValueFactory = _ => 3 };

    public Option<int> Slices { get; } = new("--slices") { Description = "bit slices of the HP-MVM matrix (9 × 3 bits = 27 bits)", DefaultValueFactory = _ => 9 };

    public Option<string> Fidelity { get; } = new("--fidelity") { Description = "ideal | op | tran", DefaultValueFactory = _ => "ideal" };

    public Option<int> Seed { get; } = new("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };

    public Option<DirectoryInfo> Out { get; } = new("--out", "-o") { Description = "output directory", Required = true };

    public Option<double> ProgSigma { get; } = new("--prog-sigma") { Description = "relative programming error σ of the LP-INV arrays", DefaultValueFactory = _ => 0.02 };

    public Option<double> MvmProgSigma { get; } = new("--mvm-prog-sigma") { Description = "relative programming error σ of the write-verified HP-MVM arrays", DefaultValueFactory = _ => 0.005 };

    public Option<double> ReadNoise { get; } = new("--read-noise") { Description = "relative white read noise σ per operation", DefaultValueFactory = _ => 0.0 };

    public Option<int> DacBits { get; } = new("--dac-bits") { Description = "input DAC bits (0 = ideal)", DefaultValueFactory = _ => 8 };

    public Option<int> AdcBits { get; } = new("--adc-bits") { Description = "output ADC bits (0 = ideal)", DefaultValueFactory = _ => 8 };

    public Option<string> OpAmp { get; } = new("--opamp") { Description = "op-amp model of the circuit backends: ideal | gain | pole", DefaultValueFactory = _ => "ideal" };

    public Option<double> Gbw { get; } = new("--gbw") { Description = "op-amp gain-bandwidth product <Hz> (with --opamp pole)", DefaultValueFactory = _ => 16e6 };

    public Option<string> SliceRounding { get; } = new("--slice-rounding") { Description = "round | truncate", DefaultValueFactory = _ => "round" };

    public Option<int> InputBits { get; } = new("--input-bits") { Description = "bits of the bit-serial HP-MVM input", DefaultValueFactory = _ => 32 };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { ArraySize, Bits, Slices, Fidelity, Seed, Out, ProgSigma, MvmProgSigma, ReadNoise, DacBits, AdcBits, OpAmp, Gbw, SliceRounding, InputBits })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>HP-INV options (backends included) from the parsed command line.</summary>
    public HpInvOptions Build(ParseResult parse, int maxIterations, double target)
    {
        var fidelity = parse.GetValue(Fidelity) switch
        {
            "ideal" => Circuit.Amc.Fidelity.Ideal,
            "op" => Circuit.Amc.Fidelity.OperatingPoint,
            "tran" => Circuit.Amc.Fidelity.Transient,
            var f => throw new UsageException($"--fidelity: '{f}' is not one of ideal, op, tran."),
        };
        var rounding = parse.GetValue(SliceRounding) switch
        {
            "round" => Circuit.Amc.SliceRounding.Round,
            "truncate" => Circuit.Amc.SliceRounding.Truncate,
            var r => throw new UsageException($"--slice-rounding: '{r}' is not one of round, truncate."),
        };
        double gbw = parse.GetValue(Gbw);
        if (!(gbw > 0.0) || !double.IsFinite(gbw))
        {
            throw new UsageException($"--gbw: must be a positive frequency in Hz, got {gbw.ToString(CultureInfo.InvariantCulture)}.");
        }

        var opamp = parse.GetValue(OpAmp) switch
        {
            "ideal" => OpAmpModel.Ideal(),
            "gain" => OpAmpModel.WithFiniteGain(1e5),
            "pole" => OpAmpModel.WithSinglePole(1e5, gbw),
            var m => throw new UsageException($"--opamp: '{m}' is not one of ideal, gain, pole."),
        };
        int arraySize = Positive(parse.GetValue(ArraySize), "--array-size");
        int bits = parse.GetValue(Bits);
        int slices = parse.GetValue(Slices);
        if (bits < 1 || bits > 8)
        {
            throw new UsageException($"--bits: must lie in [1, 8], got {bits}.");
        }

        if (slices < 1 || bits * slices > 52)
        {
            throw new UsageException($"--slices: need at least 1 and bits·slices ≤ 52, got {slices} × {bits} bits.");
        }

        int inputBits = parse.GetValue(InputBits);
        if (inputBits < 1 || inputBits > 52)
        {
            throw new UsageException($"--input-bits: must lie in [1, 52], got {inputBits}.");
        }

        var common = new AnalogBackendOptions
        {
            DacBits = parse.GetValue(DacBits),
            AdcBits = parse.GetValue(AdcBits),
            ReadNoiseSigma = NonNegative(parse.GetValue(ReadNoise), "--read-noise"),
            OpAmp = opamp,
        };
        var inv = common with { ProgrammingSigma = NonNegative(parse.GetValue(ProgSigma), "--prog-sigma") };
        var mvm = common with { ProgrammingSigma = NonNegative(parse.GetValue(MvmProgSigma), "--mvm-prog-sigma") };
        try
        {
            inv.Validate();
            return new HpInvOptions
            {
                Backend = AnalogBackendFactory.Create(fidelity, inv),
                MvmBackend = AnalogBackendFactory.Create(fidelity, mvm),
                ArraySize = arraySize,
                BitsPerSlice = bits,
                Slices = slices,
                Rounding = rounding,
                MaxIterations = maxIterations,
                TargetRelativeError = target,
                Mvm = new HpMvmOptions { InputBits = inputBits },
                Seed = parse.GetValue(Seed),
            };
        }
        catch (NotSupportedException ex)
        {
            throw new UsageException($"--fidelity: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    public static int Positive(int value, string name) =>
        value >= 1 ? value : throw new UsageException($"{name}: must be a positive integer, got {value}.");

    public static double NonNegative(double value, string name) =>
        value >= 0.0 && double.IsFinite(value) ? value : throw new UsageException($"{name}: must be finite and non-negative, got {value.ToString(CultureInfo.InvariantCulture)}.");
}
