using System.CommandLine;
using System.Globalization;
using System.Text;
using Crossbar.Circuit.Amc;
using Crossbar.Cli.Input;
using Crossbar.Cli.Output;
using Crossbar.Devices;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar hpinv</c>: solves A·x = b by HP-INV (bit-sliced HP-MVM + LP-INV through BlockAMC) and writes
/// iterations.csv, summary.csv and a parameters sidecar; a single-shot analogue INV is reported side by side.
/// </summary>
public static class HpinvCommand
{
    /// <summary>Columns of iterations.csv, in order.</summary>
    public static readonly IReadOnlyList<string> IterationColumns = ["iteration", "rel_error", "residual_norm", "settle_time_s", "mvm_ops", "adc_conversions"];

    /// <summary>Columns of summary.csv, in order.</summary>
    public static readonly IReadOnlyList<string> SummaryColumns = ["size", "bits", "iterations_to_target", "final_rel_error", "analog_time_s", "digital_time_s", "energy_J"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var common = new AmcOptions();
        var size = new Option<int?>("--size") { Description = "N, size of a generated matrix (default 16; must match --matrix when both are given)" };
        var maxIterations = new Option<int>("--max-iterations") { Description = "iteration limit", DefaultValueFactory = _ => 20 };
        var matrix = new Option<FileInfo?>("--matrix") { Description = "A as CSV: N lines of N comma-separated numbers, no header" };
        var rhs = new Option<FileInfo?>("--rhs") { Description = "b as CSV: one number per line (default: random, seeded)" };
        var kind = new Option<string?>("--kind") { Description = "generated matrix: diagdom | spd | wishart (default diagdom, spd with --condition)" };
        var condition = new Option<double?>("--condition") { Description = "2-norm condition number of a generated spd matrix" };
        var target = new Option<double>("--target") { Description = "target relative error ‖x − x*‖/‖x*‖", DefaultValueFactory = _ => Math.Pow(2.0, -24) };
        var command = new Command("hpinv", "solve A·x = b by high-precision analogue iterative refinement (HP-INV with BlockAMC)")
        {
            size, maxIterations, matrix, rhs, kind, condition, target,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            int iterations = parse.GetValue(maxIterations);
            if (iterations < 0)
            {
                throw new UsageException($"--max-iterations: must be non-negative, got {iterations}.");
            }

            double tgt = parse.GetValue(target);
            if (!(tgt >= 0.0) || !double.IsFinite(tgt))
            {
                throw new UsageException($"--target: must be a finite non-negative relative error, got {tgt.ToString(CultureInfo.InvariantCulture)}.");
            }

            var options = common.Build(parse, iterations, tgt);
            var (a, description) = LoadMatrix(parse.GetValue(matrix), parse.GetValue(size), parse.GetValue(kind), parse.GetValue(condition), options.Seed);
            double[] b = LoadRhs(parse.GetValue(rhs), a.GetLength(0), options.Seed);
            return Execute(a, b, description, options, parse.GetValue(common.Out)!, parse.GetValue(common.Bits), parse.GetValue(common.Fidelity)!);
        }));
        return command;
    }

    private static int Execute(double[,] a, double[] b, string description, HpInvOptions options, DirectoryInfo outDir, int bits, string fidelity)
    {
        int n = a.GetLength(0);
        HpInvResult result;
        SingleShotResult single;
        try
        {
            result = HpInvSolver.Solve(a, b, options);
            single = SingleShotInv.Solve(a, b, options.Backend, options.ArraySize, bits, options.Seed);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"simulation failed: {ex.Message}");
            return ExitCodes.SimulationFailure;
        }

        double digital = DigitalReference.MeasureLuSolveTime(a, b);
        var energy = new EnergyModel();
        var cost = result.Cost;
        double joules = energy.Estimate(cost);
        Directory.CreateDirectory(outDir.FullName);
        string iterPath = Path.Combine(outDir.FullName, "iterations.csv");
        CsvTableWriter.Write(iterPath, IterationColumns, result.Iterations.Select(it => new object[]
        {
            it.Iteration, it.RelativeError, it.ResidualNorm, it.SettleTime, it.MvmOperations, it.AdcConversions,
        }));
        string summaryPath = Path.Combine(outDir.FullName, "summary.csv");
        CsvTableWriter.Write(summaryPath, SummaryColumns, [
            [n, bits, result.IterationsToTarget is { } k ? k : string.Empty, result.FinalRelativeError, cost.AnalogTime, digital, joules],
        ]);

        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine(inv, $"# crossbar hpinv, version {typeof(HpinvCommand).Assembly.GetName().Version}");
        report.AppendLine(inv, $"matrix = {description}");
        report.AppendLine(inv, $"size = {n}; array_size = {options.ArraySize}; blockamc_stages = {result.Stages}; fidelity = {fidelity}; seed = {options.Seed}");
        report.AppendLine(inv, $"bits = {options.BitsPerSlice}; slices = {options.Slices}; slice_rounding = {options.Rounding}; slice_unit = {result.Slices.Unit:G6}; slice_reconstruction_error = {result.Slices.ResidualError:G4}");
        report.AppendLine(inv, $"input_bits = {options.Mvm.InputBits}; target = {options.TargetRelativeError:G6}; max_iterations = {options.MaxIterations}");
        report.AppendLine(inv, $"spectral_radius = {result.SpectralRadius:G6}; diverged = {(result.Diverged ? "true" : "false")}{(result.Message is null ? string.Empty : "; " + result.Message)}");
        report.AppendLine(inv, $"single_shot_inv: rel_error = {single.RelativeError:G4} ({-Math.Log2(single.RelativeError):F1} bits), settle_time_s = {single.SettleTime:G4}");
        report.AppendLine(inv, $"hp_inv: rel_error = {result.FinalRelativeError:G4} ({-Math.Log2(Math.Max(result.FinalRelativeError, 1e-300)):F1} bits) after {result.Iterations.Count - 1} iterations, to_target = {(result.IterationsToTarget?.ToString(inv) ?? "not reached")}");
        report.AppendLine(inv, $"cost: mvm_ops = {cost.MvmOperations}; inv_ops = {cost.InvOperations}; dac = {cost.DacConversions}; adc = {cost.AdcConversions}; saturated_ops = {cost.SaturatedOperations}; arrays = {cost.ProgrammedArrays}; cells = {cost.ProgrammedCells}; schur_programmed = {cost.SchurComplementsProgrammed}");
        report.AppendLine(inv, $"time: analog_time_s (sum of settling times) = {cost.AnalogTime:G4}; digital_time_s (MathNet LU, this machine) = {digital:G4}; ratio analog/digital = {cost.AnalogTime / digital:G4}");
        report.AppendLine(inv, $"energy_J = {joules:G4} (DAC {energy.DacEnergy:G3} J, ADC {energy.AdcEnergy:G3} J per conversion, op-amp {energy.OpAmpPower:G3} W, read {energy.ReadVoltage:G3} V: assumptions, see EnergyModel)");
        AtomicFile.WriteAllText(Path.Combine(outDir.FullName, "parameters.txt"), report.ToString());
        Console.Error.Write(report.ToString());
        Console.Error.WriteLine($"wrote {iterPath}, {summaryPath}");
        if (result.Diverged)
        {
            Console.Error.WriteLine($"simulation failed: {result.Message}");
            return ExitCodes.SimulationFailure;
        }

        return ExitCodes.Ok;
    }

    private static (double[,] Matrix, string Description) LoadMatrix(FileInfo? file, int? size, string? kind, double? condition, int seed)
    {
        if (file is not null)
        {
            if (kind is not null || condition is not null)
            {
                throw new UsageException("--matrix cannot be combined with --kind or --condition.");
            }

            var a = NumberCsvReader.ReadMatrix(file.FullName);
            if (a.GetLength(0) != a.GetLength(1))
            {
                throw new UsageException($"{file.FullName}: a {a.GetLength(0)}×{a.GetLength(1)} matrix; HP-INV needs a square one.");
            }

            if (size is { } s && s != a.GetLength(0))
            {
                throw new UsageException($"--size {s} does not match {file.FullName}, which holds a {a.GetLength(0)}×{a.GetLength(0)} matrix.");
            }

            return (a, file.FullName);
        }

        int n = AmcOptions.Positive(size ?? 16, "--size");
        string k = kind ?? (condition is null ? "diagdom" : "spd");
        if (condition is { } c && (!(c >= 1.0) || !double.IsFinite(c)))
        {
            throw new UsageException($"--condition: must be a finite number ≥ 1, got {c.ToString(CultureInfo.InvariantCulture)}.");
        }

        return k switch
        {
            "diagdom" when condition is null => (MatrixGenerators.DiagonallyDominant(n, seed), $"diagdom {n}x{n} (seed {seed})"),
            "spd" => (MatrixGenerators.SpdWithCondition(n, condition ?? 10.0, seed), $"spd {n}x{n}, condition {(condition ?? 10.0).ToString(CultureInfo.InvariantCulture)} (seed {seed})"),
            "wishart" when condition is null => (MatrixGenerators.Wishart(n, 4 * n, seed), $"wishart {n}x{n}, {4 * n} samples (seed {seed})"),
            "diagdom" or "wishart" => throw new UsageException($"--condition applies to --kind spd, not {k}."),
            _ => throw new UsageException($"--kind: '{k}' is not one of diagdom, spd, wishart."),
        };
    }

    private static double[] LoadRhs(FileInfo? file, int n, int seed)
    {
        if (file is not null)
        {
            var b = NumberCsvReader.ReadVector(file.FullName);
            if (b.Length != n)
            {
                throw new UsageException($"{file.FullName}: {b.Length} numbers, expected {n} (one per matrix row).");
            }

            return b;
        }

        var rng = SeededRandom.Create(seed, 200);
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (2.0 * rng.NextDouble()) - 1.0;
        }

        return v;
    }
}
