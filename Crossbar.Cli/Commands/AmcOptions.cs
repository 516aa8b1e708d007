using System.CommandLine;
using Crossbar.Circuit.Amc;
using Crossbar.Cli.Options;

namespace Crossbar.Cli.Commands;

/// <summary>
/// Options shared by the AMC commands (hpinv, mimo, export hpinv): the shared <see cref="HardwareOptions"/> plus how the
/// algorithms use it (array size, slices, fidelity), and their translation into <see cref="HpInvOptions"/>.
/// </summary>
internal sealed class AmcOptions
{
    private static readonly (string, Fidelity)[] Fidelities = [("ideal", Circuit.Amc.Fidelity.Ideal), ("op", Circuit.Amc.Fidelity.OperatingPoint), ("tran", Circuit.Amc.Fidelity.Transient)];
    private static readonly (string, SliceRounding)[] Roundings = [("round", Circuit.Amc.SliceRounding.Round), ("truncate", Circuit.Amc.SliceRounding.Truncate)];

    public HardwareOptions Hardware { get; } = new();

    public Option<int> ArraySize { get; } = new("--array-size") { HelpName = "n", Description = "largest crossbar array dimension (cells); larger problems run through BlockAMC", DefaultValueFactory = _ => 8 };

    public Option<int> Slices { get; } = new("--slices") { HelpName = "k", Description = "bit slices of the HP-MVM matrix (9 × 3 bits = 27 bits)", DefaultValueFactory = _ => 9 };

    public ChoiceOption<Fidelity> Fidelity { get; } = ChoiceOption.Create("--fidelity", "ideal: exact arithmetic on the programmed conductances; op/tran: every MVM and INV is the generated circuit (operating point, or transient with settling times)", Circuit.Amc.Fidelity.Ideal, Fidelities);

    public Option<DirectoryInfo> Out { get; } = new("--out", "-o") { HelpName = "dir", Description = "directory for the results (hpinv: iterations.csv, solution.csv, summary.csv, run.json; mimo: ber.csv, run.json), replaced as a whole", Required = true };

    public Option<double> MvmProgSigma { get; } = new("--mvm-prog-sigma") { HelpName = "rel", Description = "relative programming error σ of the write-verified HP-MVM slice arrays", DefaultValueFactory = _ => 0.005 };

    public ChoiceOption<SliceRounding> SliceRounding { get; } = ChoiceOption.Create("--slice-rounding", "digit policy of the slices", Circuit.Amc.SliceRounding.Round, Roundings);

    public Option<int> InputBits { get; } = new("--input-bits") { HelpName = "n", Description = "bits of the bit-serial HP-MVM input", DefaultValueFactory = _ => 32 };

    public Option<bool> Force { get; } = new("--force") { Description = "run LP-INV circuits that fail the stability check (their answers are the latched ones)" };

    public static string FidelityWord(Fidelity fidelity) => ChoiceOption.Word(fidelity, Fidelities);

    /// <summary>Adds the options to a command (<paramref name="withOutput"/>: the <c>--out</c> directory too).</summary>
    public void AddTo(Command command, bool withOutput = true)
    {
        foreach (Option o in new Option[] { ArraySize, Slices, Fidelity, MvmProgSigma, SliceRounding, InputBits, Force })
        {
            command.Options.Add(o);
        }

        if (withOutput)
        {
            command.Options.Add(Out);
        }

        Hardware.AddTo(command);
    }

    /// <summary>HP-INV options (backends included) and the hardware they were built from.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="maxIterations">Iteration limit.</param>
    /// <param name="target">Target of correction and residual.</param>
    /// <param name="fidelityOverride">Fidelity to use instead of <c>--fidelity</c>.</param>
    public (HpInvOptions Options, Hardware Hardware) Build(ParseResult parse, int maxIterations, double target, Fidelity? fidelityOverride = null)
    {
        Hardware hardware = Hardware.Read(parse);
        int arraySize = Positive(parse.GetValue(ArraySize), "--array-size");
        int bits = hardware.Circuit.Levels.Bits;
        int slices = parse.GetValue(Slices);
        if (bits < 1 || bits > 8)
        {
            throw new UsageException($"--bits: the AMC commands need 1 to 8 bits per cell and slice, got {bits}.");
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

        Fidelity fidelity = fidelityOverride ?? Fidelity.ValueIn(parse);
        var circuit = hardware.Circuit with { Force = parse.GetValue(Force) };
        var inv = hardware.Backend;
        var mvm = hardware.Backend with { ProgrammingSigma = NonNegative(parse.GetValue(MvmProgSigma), "--mvm-prog-sigma") };
        try
        {
            var options = new HpInvOptions
            {
                Backend = AnalogBackendFactory.Create(fidelity, inv, circuit),
                MvmBackend = AnalogBackendFactory.Create(fidelity, mvm, circuit),
                ArraySize = arraySize,
                BitsPerSlice = bits,
                Slices = slices,
                Rounding = SliceRounding.ValueIn(parse),
                MaxIterations = maxIterations,
                TargetRelativeError = target,
                Mvm = new HpMvmOptions { InputBits = inputBits, Parallelism = Math.Max(1, CommandContext.Threads) },
                Seed = hardware.Seed,
            };
            List<KeyValuePair<string, string>> parameters =
            [
                .. hardware.Parameters,
                new("fidelity", FidelityWord(fidelity)),
                new("array_size", arraySize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("slices", slices.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("slice_rounding", ChoiceOption.Word(options.Rounding, Roundings)),
                new("input_bits", inputBits.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("mvm_prog_sigma", mvm.ProgrammingSigma.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
                new("force", circuit.Force ? "true" : "false"),
            ];
            return (options, hardware with { Circuit = circuit, Parameters = parameters });
        }
        catch (ArgumentException ex)
        {
            throw UsageException.From(ex);
        }
    }

    public static int Positive(int value, string name) =>
        value >= 1 ? value : throw new UsageException($"{name}: must be a positive integer, got {value}.");

    public static double NonNegative(double value, string name) =>
        value >= 0.0 && double.IsFinite(value) ? value : throw new UsageException($"{name}: must be finite and non-negative, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
}
