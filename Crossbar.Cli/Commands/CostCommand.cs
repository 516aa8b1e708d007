using System.CommandLine;
using System.Globalization;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Cli.Options;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar cost</c>: time and energy of one N×N solve to 2⁻²⁴ on the analogue HP-INV (BlockAMC), MathNet LU on this
/// CPU and a GPU roofline, for a list of N; HP-INV is simulated (ideal fidelity by default) up to <c>--max-simulated</c>
/// and extrapolated above. Writes cost.csv and run.json and prints a table with the break-even N. Every assumed number is
/// in <see cref="CostAssumptions"/>.
/// </summary>
public static class CostCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var common = new AmcOptions();
        var sizes = new Option<string>("--size") { HelpName = "list", Description = "comma-separated N", DefaultValueFactory = _ => "16,64,128,256,1024" };
        var maxSimulated = new Option<int>("--max-simulated") { HelpName = "n", Description = "largest N run through HP-INV; above it iterations and operation counts are extrapolated", DefaultValueFactory = _ => 64 };
        var settle = new Option<string>("--settle") { HelpName = "nominal|tau", Description = "settling times: the backend's nominal ones (MVM 60 ns, INV 120 ns), or τ·ln(2^(ADC bits + 1)) from each circuit's τ: INV τ = 1/(2π·GBWP·μ_min) of the slowest LP-INV leaf of the simulated sizes, MVM τ = 2/(2π·GBWP) of the slowest TIA row", DefaultValueFactory = _ => "tau" };
        var command = new Command("cost", "time and energy per solve to 2^-24: analogue HP-INV with BlockAMC vs MathNet LU on this CPU vs a GPU roofline");
        command.Options.Add(sizes);
        command.Options.Add(maxSimulated);
        command.Options.Add(settle);
        var solver = new HpinvCommand.ProblemOptions();
        command.Options.Add(solver.Outer);
        command.Options.Add(solver.Restart);
        command.Options.Add(solver.Equilibrate);
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() =>
            Execute(parse, common, solver, ParseSizes(parse.GetValue(sizes)!), parse.GetValue(maxSimulated), SettleWord(parse.GetValue(settle)!))));
        return command;
    }

    private static int[] ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (string word in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
            {
                throw new UsageException($"--size: expected comma-separated positive integers, got '{word}'.");
            }

            sizes.Add(n);
        }

        return sizes.Count > 0 ? [.. sizes.Distinct().Order()] : throw new UsageException("--size: give at least one N.");
    }

    private static bool SettleWord(string word) => word switch
    {
        "tau" => true,
        "nominal" => false,
        _ => throw new UsageException($"--settle: '{word}' is not one of nominal, tau."),
    };

    /// <summary>
    /// The MVM settling time of the cost model: the backend's nominal time, or the slowest TIA row's τ
    /// (<see cref="MvmCircuitBuilder.TimeConstant"/>, noise gain 2 with the default Gf) settled to half an ADC step,
    /// τ·ln(2^(ADC bits + 1)), as <see cref="InvSettling"/> does for the INV leaves.
    /// </summary>
    private static double MvmTime(bool tau, Hardware hardware)
    {
        if (!tau)
        {
            return hardware.Backend.MvmTime;
        }

        int bits = hardware.Backend.AdcBits > 0 ? hardware.Backend.AdcBits : 8;
        return MvmCircuitBuilder.TimeConstant(2.0, hardware.Circuit.OpAmp.GainBandwidth) * Math.Log(Math.Pow(2.0, bits + 1));
    }

    /// <summary>The INV settling time of the cost model: the backend's nominal time, or the slowest LP-INV leaf's τ-based
    /// time over the simulated sizes (<see cref="InvSettling"/>).</summary>
    private static double InvTime(bool tau, int[] sizes, int maxSimulated, HpInvOptions options, Hardware hardware)
    {
        if (!tau)
        {
            return hardware.Backend.InvTime;
        }

        double longest = 0.0;
        foreach (int n in sizes.Where(n => n <= maxSimulated).DefaultIfEmpty(Math.Min(sizes[0], Math.Max(1, maxSimulated))))
        {
            var a = MatrixKinds.Generate(MatrixKind.DiagonallyDominant, n, 10.0, options.Seed);
            var top = BitSlicedMatrix.Create(a, options.BitsPerSlice, options.Slices, options.Rounding).Slice(0);
            longest = Math.Max(longest, InvSettling.Longest(top, options.ArraySize, hardware.Circuit, hardware.Backend.AdcBits));
        }

        return double.IsFinite(longest) && longest > 0 ? longest
            : throw new UsageException("--settle tau: an LP-INV leaf is not stable (μ_min ≤ −1/A0); use --settle nominal");
    }

    private static int Execute(ParseResult parse, AmcOptions common, HpinvCommand.ProblemOptions solver, int[] sizes, int maxSimulated, bool tau)
    {
        DateTimeOffset start = DateTimeOffset.UtcNow;
        var (options, hardware) = common.Build(parse, 20, Math.Pow(2.0, -24));
        int restart = parse.GetValue(solver.Restart);
        if (restart < 1)
        {
            throw new UsageException($"--restart: must be positive, got {restart}.");
        }

        options = options with { Outer = solver.Outer.ValueIn(parse), Restart = restart, Equilibrate = solver.Equilibrate.ValueIn(parse) };
        using var folder = OutputFolder.Begin(parse.GetValue(common.Out)!.FullName);
        var assumptions = CostAssumptions.Default;
        var backend = hardware.Backend;
        var operations = new AmcOperationModel(options.ArraySize, MvmTime(tau, hardware), InvTime(tau, sizes, maxSimulated, options, hardware), assumptions.DacTime + assumptions.AdcTime);
        double mvmSigma = parse.GetValue(common.MvmProgSigma);
        var model = new CostModel(assumptions, operations, options.Slices, options.Mvm.InputBits / options.Mvm.InputBitsPerSlice,
            ProgrammingCost.MeanPulses(options.BitsPerSlice, backend.ProgrammingSigma, options.Seed),
            ProgrammingCost.MeanPulses(options.BitsPerSlice, mvmSigma, options.Seed))
        {
            Solver = (options.Outer, options.Restart, options.Equilibrate),
        };
        var measurements = new List<CostMeasurement>();
        foreach (int n in sizes)
        {
            bool simulate = n <= maxSimulated, time = n <= assumptions.CpuMeasuredMaxSize;
            if (!simulate && !time)
            {
                measurements.Add(new CostMeasurement(n, null, null));
                continue;
            }

            var a = MatrixKinds.Generate(MatrixKind.DiagonallyDominant, n, 10.0, options.Seed);
            var b = HpinvCommand.LoadRhs(null, n, options.Seed);
            HpInvResult? run = simulate ? HpInvSolver.Solve(a, b, options) : null;
            if (run is not null)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cost: N={n}: HP-INV {run.Stop} after {CostModel.Iterations(run)} iterations, rel_error {run.FinalRelativeError:G3}"));
                if (run.Stop != HpInvStop.Converged)
                {
                    CommandContext.Report(RunStatus.NotConverged, $"HP-INV at N={n} stopped {run.Stop}: {run.Message}");
                }
            }

            double? cpu = time ? DigitalReference.MeasureLuSolveTime(a, b, assumptions.CpuRepeats) : null;
            measurements.Add(new CostMeasurement(n, run, cpu));
        }

        var extra = new List<HpInvResult>();
        if (measurements.All(m => m.Run is null))
        {
            // No listed size is simulated: run HP-INV at the largest simulated size for the iteration count.
            int n = Math.Max(1, maxSimulated);
            var run = HpInvSolver.Solve(MatrixKinds.Generate(MatrixKind.DiagonallyDominant, n, 10.0, options.Seed), HpinvCommand.LoadRhs(null, n, options.Seed), options);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cost: N={n} (for the iteration count): HP-INV {run.Stop} after {CostModel.Iterations(run)} iterations"));
            extra.Add(run);
        }

        var rows = model.Rows(measurements, extra);
        CsvTableWriter.Write(folder.File("cost.csv"), CostReport.Columns, CostReport.CsvRows(rows));
        var parameters = new List<KeyValuePair<string, string>>(hardware.Parameters)
        {
            new("sizes", string.Join(',', sizes.Select(n => n.ToString(CultureInfo.InvariantCulture)))),
            new("max_simulated", maxSimulated.ToString(CultureInfo.InvariantCulture)),
            new("matrix", "diagdom (seed)"),
            new("settle", tau ? "tau" : "nominal"),
            new("outer", HpinvCommand.ProblemOptions.OuterWord(options.Outer)),
            new("restart", restart.ToString(CultureInfo.InvariantCulture)),
            new("equilibrate", HpinvCommand.ProblemOptions.EquilibrateWord(options.Equilibrate)),
        };
        RunJson.Write(folder.File(RunJson.FileName), "cost", parameters, start, DateTimeOffset.UtcNow, new() { ["results"] = CostReport.Results(rows, model) });
        folder.Commit();
        CostReport.Print(Console.Out, rows);
        Console.Error.WriteLine($"wrote {Path.Combine(folder.Target, "cost.csv")}");
        return ExitCodes.Ok;
    }
}
