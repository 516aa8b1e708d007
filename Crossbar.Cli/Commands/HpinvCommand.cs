using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Crossbar.Circuit.Amc;
using Crossbar.Cli.Input;
using Crossbar.Cli.Options;
using Crossbar.Cli.Output;
using Crossbar.Devices;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar hpinv</c>: solves A·x = b by HP-INV (bit-sliced HP-MVM + LP-INV through BlockAMC) on the shared hardware
/// description and writes iterations.csv, solution.csv, summary.csv and run.json (every parameter, and the report's numbers
/// under <c>results</c>); the report goes to stderr, one progress line per refinement iteration before it. A single-shot
/// analogue INV is reported side by side.
/// </summary>
public static class HpinvCommand
{
    /// <summary>Columns of iterations.csv, in order.</summary>
    public static readonly IReadOnlyList<string> IterationColumns = ["iteration", "rel_error", "residual_norm", "settle_time_s", "mvm_ops", "adc_conversions", "correction", "rel_residual", "outer", "equilibrate"];

    /// <summary>Columns of summary.csv, in order.</summary>
    public static readonly IReadOnlyList<string> SummaryColumns = ["size", "bits", "iterations_to_target", "final_rel_error", "analog_time_s", "digital_time_s", "energy_J", "iterations", "stop", "spectral_radius", "spectral_radius_programmed", "single_shot_rel_error", "outer", "equilibrate", "digital_flops"];

    /// <summary>The matrix and right-hand-side options of hpinv (and export hpinv).</summary>
    internal sealed class ProblemOptions
    {
        private static readonly (string, HpInvOuter)[] Outers = [("refine", HpInvOuter.Refine), ("fgmres", HpInvOuter.Fgmres)];
        private static readonly (string, EquilibrationKind)[] Equilibrations = [("none", EquilibrationKind.None), ("rows", EquilibrationKind.Rows), ("rowcol", EquilibrationKind.RowColumn)];

        public ChoiceOption<HpInvOuter> Outer { get; } = ChoiceOption.Create("--outer", "outer iteration around the LP-INV: refine (x += LPINV(b − A·x), needs ρ(I − Ã0⁻¹A) < 1) or fgmres (flexible GMRES right-preconditioned by the LP-INV)", HpInvOuter.Refine, Outers);

        public Option<int?> SchurBits { get; } = new("--schur-bits") { HelpName = "n", Description = "conductance bits of the arrays holding BlockAMC's Schur complements [default: --bits]" };

        public Option<int> Restart { get; } = new("--restart") { HelpName = "m", Description = "FGMRES restart length (LP-INV calls per cycle)", DefaultValueFactory = _ => 20 };

        public ChoiceOption<EquilibrationKind> Equilibrate { get; } = ChoiceOption.Create("--equilibrate", "diagonal power-of-two scaling Â = R·A·C before slicing (rows: row max-norms to (1/2, 1]; rowcol: a row then a column pass)", EquilibrationKind.RowColumn, Equilibrations);

        public static string OuterWord(HpInvOuter outer) => ChoiceOption.Word(outer, Outers);

        public static string EquilibrateWord(EquilibrationKind kind) => ChoiceOption.Word(kind, Equilibrations);

        public Option<int?> Size { get; } = new("--size") { HelpName = "n", Description = "N, size of a generated matrix [default: 16; must match --matrix when both are given]" };

        public Option<FileInfo?> Matrix { get; } = new("--matrix") { HelpName = "file.csv", Description = "A as CSV: N lines of N comma-separated numbers, no header" };

        public Option<FileInfo?> Rhs { get; } = new("--rhs") { HelpName = "file.csv", Description = "b as CSV: one number per line [default: uniform(−1, 1) drawn from --seed]" };

        public Option<MatrixKind?> Kind { get; } = MatrixKinds.Option();

        public Option<double?> Condition { get; } = new("--condition") { HelpName = "k", Description = "2-norm condition number of a generated spd matrix [default: 10]" };

        public Option<int> MaxIterations { get; } = new("--max-iterations") { HelpName = "n", Description = "iteration limit", DefaultValueFactory = _ => 20 };

        public Option<double> Target { get; } = new("--target") { HelpName = "rel", Description = "target of the correction ‖Δx‖/‖x‖ and the residual ‖b − A·x‖/‖b‖ (2^-24 by default)", DefaultValueFactory = _ => Math.Pow(2.0, -24) };

        public void AddTo(Command command)
        {
            foreach (Option o in new Option[] { Size, Matrix, Rhs, Kind, Condition, MaxIterations, Target, Outer, Restart, Equilibrate, SchurBits })
            {
                command.Options.Add(o);
            }
        }

        /// <summary>Reads A, b and the HP-INV options; a singular A is an input error.</summary>
        public (double[,] A, double[] B, double[] Exact, string Description, HpInvOptions Options, Hardware Hardware) Read(ParseResult parse, AmcOptions common)
        {
            int iterations = parse.GetValue(MaxIterations);
            if (iterations < 0)
            {
                throw new UsageException($"--max-iterations: must be non-negative, got {iterations}.");
            }

            double target = parse.GetValue(Target);
            if (!(target >= 0.0) || !double.IsFinite(target))
            {
                throw new UsageException($"--target: must be a finite non-negative relative error, got {target.ToString(CultureInfo.InvariantCulture)}.");
            }

            int restart = parse.GetValue(Restart);
            if (restart < 1)
            {
                throw new UsageException($"--restart: must be positive, got {restart}.");
            }

            var (options, hardware) = common.Build(parse, iterations, target);
            int? schurBits = parse.GetValue(SchurBits);
            if (schurBits is < 1 or > 16)
            {
                throw new UsageException($"--schur-bits: must lie in [1, 16], got {schurBits}.");
            }

            options = options with { Outer = Outer.ValueIn(parse), Restart = restart, Equilibrate = Equilibrate.ValueIn(parse), SchurBits = schurBits };
            var (a, description) = LoadMatrix(parse.GetValue(Matrix), parse.GetValue(Size), parse.GetValue(Kind), parse.GetValue(Condition), options.Seed);
            double[] b = LoadRhs(parse.GetValue(Rhs), a.GetLength(0), options.Seed);
            double[] exact = CrossbarCircuit.ExactSolve(a, b);
            var parameters = new List<KeyValuePair<string, string>>(hardware.Parameters)
            {
                new("matrix", description),
                new("size", a.GetLength(0).ToString(CultureInfo.InvariantCulture)),
                new("rhs", parse.GetValue(Rhs)?.FullName ?? "uniform(-1,1) from seed"),
                new("target", target.ToString("R", CultureInfo.InvariantCulture)),
                new("max_iterations", iterations.ToString(CultureInfo.InvariantCulture)),
                new("outer", OuterWord(options.Outer)),
                new("restart", restart.ToString(CultureInfo.InvariantCulture)),
                new("schur_bits", (schurBits ?? options.BitsPerSlice).ToString(CultureInfo.InvariantCulture)),
                new("equilibrate", EquilibrateWord(options.Equilibrate)),
            };
            return (a, b, exact, description, options, hardware with { Parameters = parameters });
        }
    }

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var common = new AmcOptions();
        var problem = new ProblemOptions();
        var command = new Command("hpinv", "solve A·x = b by high-precision analogue iterative refinement (HP-INV with BlockAMC)");
        problem.AddTo(command);
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var (a, b, exact, description, options, hardware) = problem.Read(parse, common);
            return Execute(a, b, exact, description, options, hardware, parse.GetValue(common.Out)!, AmcOptions.FidelityWord(common.Fidelity.ValueIn(parse)));
        }));
        return command;
    }

    private static int Execute(double[,] a, double[] b, double[] exact, string description, HpInvOptions options, Hardware hardware, DirectoryInfo outDir, string fidelity)
    {
        DateTimeOffset start = DateTimeOffset.UtcNow;
        using var folder = OutputFolder.Begin(outDir.FullName);
        int n = a.GetLength(0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        options = options with
        {
            OnIteration = it => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hpinv: iteration {it.Iteration}, rel_error {it.RelativeError:G4}, rel_residual {it.RelativeResidual:G4}, {clock.Elapsed.TotalSeconds:F1} s elapsed")),
        };
        int bits = options.BitsPerSlice;
        HpInvResult result;
        SingleShotResult single;
        try
        {
            result = HpInvSolver.Solve(a, b, options);
            single = SingleShotInv.Solve(a, b, options.Backend, options.ArraySize, bits, options.Seed);
        }
        catch (InvalidOperationException ex)
        {
            string message = $"simulation failed: {UsageException.Plain(ex)}";
            Console.Error.WriteLine(message);
            CommandContext.Report(RunStatus.NotConverged, message);
            return ExitCodes.SimulationFailure;
        }

        double digital = DigitalReference.MeasureLuSolveTime(a, b);
        var energy = new EnergyModel();
        var cost = result.Cost;
        double joules = energy.Estimate(cost);
        string stop = result.Stop switch
        {
            HpInvStop.Converged => "converged",
            HpInvStop.Stagnated => "stagnated",
            HpInvStop.Diverged => "diverged",
            _ => "iteration_limit",
        };
        string outer = ProblemOptions.OuterWord(options.Outer);
        string equilibrate = ProblemOptions.EquilibrateWord(options.Equilibrate);
        CsvTableWriter.Write(folder.File("iterations.csv"), IterationColumns, result.Iterations.Select(it => new object[]
        {
            it.Iteration, it.RelativeError, it.ResidualNorm, it.SettleTime, it.MvmOperations, it.AdcConversions, it.Correction, it.RelativeResidual, outer, equilibrate,
        }));
        CsvTableWriter.Write(folder.File("solution.csv"), CrossbarRun.SolutionHeader,
            Enumerable.Range(0, n).Select(i => CrossbarRun.SolutionRow(i, exact[i], result.Solution[i])));
        CsvTableWriter.Write(folder.File("summary.csv"), SummaryColumns, [
            [n, bits, result.IterationsToTarget is { } k ? k : string.Empty, result.FinalRelativeError, cost.AnalogTime, digital, joules,
                result.Iterations.Count - 1, stop, result.SpectralRadius, result.ProgrammedSpectralRadius, single.RelativeError, outer, equilibrate, cost.DigitalFlops],
        ]);

        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine(inv, $"# crossbar hpinv, version {typeof(HpinvCommand).Assembly.GetName().Version}");
        report.AppendLine(inv, $"matrix = {description}");
        report.AppendLine(inv, $"size = {n}; array_size = {options.ArraySize}; blockamc_stages = {result.Stages}; fidelity = {fidelity}; seed = {options.Seed}");
        report.AppendLine(inv, $"hardware = {string.Join(", ", hardware.Parameters.Take(21).Select(p => $"{p.Key} {p.Value}"))}");
        report.AppendLine(inv, $"bits = {options.BitsPerSlice}; slices = {options.Slices}; slice_rounding = {options.Rounding}; slice_unit = {result.Slices.Unit:G6}; slice_reconstruction_error = {result.Slices.ResidualError:G4}");
        report.AppendLine(inv, $"input_bits = {options.Mvm.InputBits}; target = {options.TargetRelativeError:G6}; max_iterations = {options.MaxIterations}; outer = {outer}{(options.Outer == HpInvOuter.Fgmres ? $" (restart {options.Restart})" : string.Empty)}; equilibrate = {equilibrate}");
        report.AppendLine(inv, $"spectral_radius = {result.SpectralRadius:G6} (as realised); programmed = {result.ProgrammedSpectralRadius:G6}; diverged = {(result.Diverged ? "true" : "false")}{(result.Message is null ? string.Empty : "; " + result.Message)}");
        report.AppendLine(inv, $"single_shot_inv: rel_error = {single.RelativeError:G4} ({-Math.Log2(single.RelativeError):F1} bits), settle_time_s = {single.SettleTime:G4}");
        report.AppendLine(inv, $"hp_inv: rel_error = {result.FinalRelativeError:G4} ({-Math.Log2(Math.Max(result.FinalRelativeError, 1e-300)):F1} bits) after {result.Iterations.Count - 1} iterations ({stop}), to_target = {(result.IterationsToTarget?.ToString(inv) ?? "not reached")}");
        report.AppendLine(inv, $"cost: mvm_ops = {cost.MvmOperations}; inv_ops = {cost.InvOperations}; dac = {cost.DacConversions}; adc = {cost.AdcConversions}; saturated_ops = {cost.SaturatedOperations}; arrays = {cost.ProgrammedArrays}; cells = {cost.ProgrammedCells}; schur_programmed = {cost.SchurComplementsProgrammed}; digital_flops = {cost.DigitalFlops}");
        report.AppendLine(inv, $"time: analog_time_s (sum of settling times) = {cost.AnalogTime:G4}; digital_time_s (MathNet LU, this machine) = {digital:G4}; ratio analog/digital = {cost.AnalogTime / digital:G4}");
        report.AppendLine(inv, $"energy_J = {joules:G4} (DAC {energy.DacEnergy:G3} J, ADC {energy.AdcEnergy:G3} J per conversion, op-amp {energy.OpAmpPower:G3} W, read {energy.ReadVoltage:G3} V: assumptions, see EnergyModel)");
        RunJson.Write(folder.File(RunJson.FileName), "hpinv", hardware.Parameters, start, DateTimeOffset.UtcNow, new JsonObject
        {
            ["results"] = Results(result, single, stop, digital, joules, energy),
        });
        Plots.IterationPlot.TrySave(folder.File("iterations.png"), [.. result.Iterations.Select(it => it.Iteration)], [.. result.Iterations.Select(it => it.RelativeError)], single.RelativeError, $"HP-INV, {description}");
        folder.Commit();
        Console.Error.Write(report.ToString());
        Console.Error.WriteLine($"wrote {Path.Combine(folder.Target, "iterations.csv")}, {Path.Combine(folder.Target, "summary.csv")}");
        if (result.Diverged)
        {
            Console.Error.WriteLine($"simulation failed: {result.Message}");
            CommandContext.Report(RunStatus.Diverged, result.Message ?? "HP-INV diverged");
            return ExitCodes.SimulationFailure;
        }

        if (result.Stop != HpInvStop.Converged)
        {
            string message = $"HP-INV did not reach the target: {result.Message ?? $"stopped at the iteration limit ({options.MaxIterations})"}";
            Console.Error.WriteLine($"warning: {message}");
            CommandContext.Report(RunStatus.NotConverged, message);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The numbers of the report for run.json: spectral radii, slicing, single-shot and HP-INV errors, cost counts, times and energy.</summary>
    private static JsonObject Results(HpInvResult result, SingleShotResult single, string stop, double digital, double joules, EnergyModel energy)
    {
        var cost = result.Cost;
        return new JsonObject
        {
            ["spectral_radius"] = RunJson.Number(result.SpectralRadius),
            ["spectral_radius_programmed"] = RunJson.Number(result.ProgrammedSpectralRadius),
            ["diverged"] = result.Diverged,
            ["message"] = result.Message,
            ["blockamc_stages"] = result.Stages,
            ["slice_unit"] = RunJson.Number(result.Slices.Unit),
            ["slice_reconstruction_error"] = RunJson.Number(result.Slices.ResidualError),
            ["single_shot_rel_error"] = RunJson.Number(single.RelativeError),
            ["single_shot_settle_time_s"] = RunJson.Number(single.SettleTime),
            ["final_rel_error"] = RunJson.Number(result.FinalRelativeError),
            ["iterations"] = result.Iterations.Count - 1,
            ["iterations_to_target"] = result.IterationsToTarget,
            ["stop"] = stop,
            ["cost"] = new JsonObject
            {
                ["mvm_ops"] = cost.MvmOperations,
                ["inv_ops"] = cost.InvOperations,
                ["dac_conversions"] = cost.DacConversions,
                ["adc_conversions"] = cost.AdcConversions,
                ["saturated_ops"] = cost.SaturatedOperations,
                ["programmed_arrays"] = cost.ProgrammedArrays,
                ["programmed_cells"] = cost.ProgrammedCells,
                ["schur_complements_programmed"] = cost.SchurComplementsProgrammed,
                ["digital_flops"] = cost.DigitalFlops,
            },
            ["analog_time_s"] = RunJson.Number(cost.AnalogTime),
            ["digital_time_s"] = RunJson.Number(digital),
            ["energy_J"] = RunJson.Number(joules),
            ["energy_model"] = new JsonObject
            {
                ["dac_energy_J"] = RunJson.Number(energy.DacEnergy),
                ["adc_energy_J"] = RunJson.Number(energy.AdcEnergy),
                ["opamp_power_W"] = RunJson.Number(energy.OpAmpPower),
                ["read_voltage_V"] = RunJson.Number(energy.ReadVoltage),
            },
        };
    }

    private static (double[,] Matrix, string Description) LoadMatrix(FileInfo? file, int? size, MatrixKind? kind, double? condition, int seed)
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
        // A, its slices (9 by default) and the dense work of refinement and BlockAMC: about 20 N×N matrices.
        double bytes = 20.0 * 8 * n * (double)n;
        if (bytes > 0.8 * ResourceEstimate.AvailableBytes)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"a {n}×{n} HP-INV needs about {bytes / 1e9:G3} GB of memory (estimate: about 20 dense N×N matrices); this machine offers {ResourceEstimate.AvailableBytes / 1e9:G3} GB: use a smaller --size"));
        }

        MatrixKind k = kind ?? (condition is null ? MatrixKind.DiagonallyDominant : MatrixKind.Spd);
        if (condition is { } c && (!(c >= 1.0) || !double.IsFinite(c)))
        {
            throw new UsageException($"--condition: must be a finite number ≥ 1, got {c.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (condition is not null && k != MatrixKind.Spd)
        {
            throw new UsageException($"--condition applies to --kind spd, not {MatrixKinds.Word(k)}.");
        }

        double kappa = condition ?? 10.0;
        string what = k switch
        {
            MatrixKind.Spd => $"spd {n}x{n}, condition {kappa.ToString(CultureInfo.InvariantCulture)} (seed {seed})",
            MatrixKind.Wishart => $"wishart {n}x{n}, {MatrixKinds.WishartSamplesPerDimension * n} samples (seed {seed})",
            _ => $"diagdom {n}x{n} (seed {seed})",
        };
        return (MatrixKinds.Generate(k, n, kappa, seed), what);
    }

    /// <summary>b from a CSV file, or uniform(−1, 1) drawn from the seed when <paramref name="file"/> is null.</summary>
    internal static double[] LoadRhs(FileInfo? file, int n, int seed)
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
