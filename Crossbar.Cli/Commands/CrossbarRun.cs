using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Simulation;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary>
/// Builds, simulates and reports one crossbar circuit (the body of <c>inv</c>, <c>mvm</c> and
/// <c>ginv</c>). Writes solution.csv, summary.csv, run.json and, for transient, waveforms.csv
/// (time, output voltages and the outputs in matrix units) and waveforms.png into the output
/// directory, which is replaced as a unit (<see cref="OutputFolder"/>); nothing changes when the
/// circuit is refused or the simulation fails.
/// </summary>
public static class CrossbarRun
{
    /// <summary>Columns of solution.csv.</summary>
    public static readonly IReadOnlyList<string> SolutionHeader = ["index", "ideal", "circuit", "abs_error", "rel_error"];

    /// <summary>Columns of summary.csv (exactly these, in this order).</summary>
    public static readonly IReadOnlyList<string> SummaryHeader =
        ["size", "rel_error_2norm", "settling_time_s", "max_output_V", "stable", "mu_min", "tau_theory_s", "tau_fit_s", "newton_iterations", "mna_residual", "wall_time_s"];

    /// <summary>Runs a spec and writes its files into <paramref name="outDir"/>.</summary>
    /// <param name="command">The command's name (inv, mvm, ginv).</param>
    /// <param name="spec">What to build and simulate.</param>
    /// <param name="outDir">The <c>--out</c> folder.</param>
    /// <param name="diagnostics"><c>--stats</c> and <c>--dump-matrix</c> (none when null).</param>
    public static int Execute(string command, CrossbarSpec spec, DirectoryInfo outDir, RunDiagnostics? diagnostics = null)
    {
        diagnostics ??= RunDiagnostics.None;
        DateTimeOffset start = DateTimeOffset.UtcNow;
        using var folder = OutputFolder.Begin(outDir.FullName);
        if (diagnostics.DumpMatrix is { } dump)
        {
            MatrixDump.Check(dump, folder.Target);
        }

        var wall = Stopwatch.StartNew();
        int rows = spec.Matrix.GetLength(0);
        int columns = spec.Matrix.GetLength(1);
        Log($"{command}: building a {rows}×{columns} circuit ({spec.Options.Cell}, {spec.Options.OpAmp.Kind} op-amps, {spec.Analysis})");
        CrossbarCircuit circuit = CrossbarCircuit.Build(spec);
        if (circuit.Stability is { } stability)
        {
            Log(stability.IsStable
                ? Invariant($"{command}: stable, mu_min = {stability.MinimumEigenvalue.Real:G6}, tau = {stability.TimeConstant:G4} s")
                : $"warning: {stability.Message} (forced)");
            if (!stability.IsStable)
            {
                CommandContext.Report(RunStatus.Unstable, $"{stability.Message} (forced)");
            }
        }

        if (spec.Analysis == CircuitAnalysis.Transient && spec.Options.StopTime is { } stop
            && circuit.Stability?.TimeConstant is { } tau && stop < MinimumStopTimeConstants * tau)
        {
            Log(Invariant($"warning: --tstop {stop:G4} s is {stop / tau:G3} loop time constants (τ = {tau:G4} s): the outputs need about {MinimumStopTimeConstants:G2}τ to settle"));
        }

        Queue<double> stops = TransientProgress.Stops(circuit.Netlist);
        SimulationResults results = CircuitSimulator.Run(circuit.Netlist, t => TransientProgress.Attach(t, stops, command), captureMatrix: diagnostics.DumpMatrix is not null, quantisedTransient: spec.Options.Steps == TransientSteps.Quantised);
        foreach (string warning in results.Warnings)
        {
            Log($"warning: {warning}");
        }

        string analysis = spec.Analysis == CircuitAnalysis.Transient ? "tran" : "op";
        ResultTable table = results.Find(analysis)
            ?? throw new SimulationException($"the simulation produced no {analysis} results");
        double[] answer = circuit.Read(table);
        wall.Stop();

        double[] ideal = circuit.Ideal;
        double settling = double.NaN;
        double tauFit = double.NaN;
        if (spec.Analysis == CircuitAnalysis.Transient)
        {
            (settling, tauFit) = Settling(table, circuit);
        }

        double maxOutput = 0;
        foreach (string column in circuit.OutputColumns)
        {
            foreach (double v in table.Column(column))
            {
                maxOutput = Math.Max(maxOutput, Math.Abs(v));
            }
        }

        double relError = ScaledNorm.RelativeError(answer, ideal);

        CsvTableWriter.Write(folder.File("solution.csv"), SolutionHeader, Enumerable.Range(0, answer.Length).Select(i => SolutionRow(i, ideal[i], answer[i])));

        InvStability? s = circuit.Stability;
        object[] summary =
        [
            rows,
            relError,
            settling,
            maxOutput,
            s?.IsStable ?? true,
            s?.MinimumEigenvalue.Real ?? double.NaN,
            s?.TimeConstant ?? double.NaN,
            tauFit,
            results.Statistics.NewtonIterations,
            results.Residual?.Relative ?? double.NaN,
            wall.Elapsed.TotalSeconds,
        ];
        CsvTableWriter.Write(folder.File("summary.csv"), SummaryHeader, [summary]);

        if (spec.Analysis == CircuitAnalysis.Transient)
        {
            CsvTableWriter.Write(folder.File("waveforms.csv"), WaveformHeader(circuit, answer.Length), WaveformRows(table, circuit));
            WaveformPlot.TrySave(folder.File("waveforms.png"), $"{command} step response", table, circuit.OutputColumns);
        }

        RunJson.Write(folder.File(RunJson.FileName), command, spec.Parameters, start, DateTimeOffset.UtcNow);
        Log(Invariant($"{command}: rel_error_2norm = {relError:G4}, max |v_out| = {maxOutput:G4} V, {results.Statistics.NewtonIterations} Newton iterations, {wall.Elapsed.TotalSeconds:F3} s"));
        if (diagnostics.DumpMatrix is { } matrixFile)
        {
            MatrixDump.Write(matrixFile, results, Invariant($"crossbar {command} {rows}x{columns}, {spec.Options.Cell} cells, {spec.Analysis}: {circuit.Netlist.Title}"));
        }

        folder.Commit();
        Log($"wrote {folder.Target}");
        if (diagnostics.Stats)
        {
            StatisticsReport.Print(results);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Columns of waveforms.csv: <c>time_s</c>, the output voltages <c>v(node)</c>, then the outputs in matrix units <c>x0</c>… (what solution.csv's <c>circuit</c> column reads at the last point).</summary>
    internal static string[] WaveformHeader(CrossbarCircuit circuit, int outputs)
        => ["time_s", .. circuit.OutputColumns, .. Enumerable.Range(0, outputs).Select(i => string.Create(CultureInfo.InvariantCulture, $"x{i}"))];

    /// <summary>Rows of waveforms.csv: time, output voltages, and the answer read at that time point as the solution is read (ADC, then divided by the output voltage per unit).</summary>
    private static IEnumerable<object[]> WaveformRows(ResultTable table, CrossbarCircuit circuit)
    {
        int[] indices = [table.IndexOf("time"), .. circuit.OutputColumns.Select(table.IndexOf)];
        for (int row = 0; row < table.Rows.Count; row++)
        {
            double[] values = table.Rows[row];
            double[] x = circuit.Read(table, row);
            yield return [.. indices.Select(k => (object)values[k]), .. x.Select(v => (object)v)];
        }
    }

    /// <summary>Shortest transient, in loop time constants, that a given <c>--tstop</c> may have without a warning.</summary>
    public const double MinimumStopTimeConstants = 8;

    /// <summary>Fraction of the transient within which every output must have settled.</summary>
    public const double SettledFraction = 0.8;

    /// <summary>
    /// Worst settling time of the outputs (ε = 2⁻⁸), NaN with a warning when an output settles only
    /// in the last 20% of the record or the loop is unstable (forced), and τ fitted jointly to the
    /// outputs' tails (<see cref="TimeConstantFit"/>; NaN when there is no clean tail).
    /// </summary>
    private static (double Settling, double TauFit) Settling(ResultTable table, CrossbarCircuit circuit)
    {
        double[] perOutput = SettlingTime.Of(table, circuit.OutputColumns);
        double[] time = table.Column("time");
        double stop = time[^1];
        // The slowest output: the latest settling time, an output that never settles (NaN) first.
        double[] key = [.. perOutput.Select(x => double.IsNaN(x) ? double.PositiveInfinity : x)];
        int slowest = Array.IndexOf(key, key.Max());

        double worst = perOutput[slowest];
        double tauFit = TimeConstantFit.Of(time, [.. circuit.OutputColumns.Select(table.Column)]);
        if (circuit.Stability is { IsStable: false })
        {
            Log("warning: the loop is unstable (forced): the outputs latch or oscillate, settling_time_s = NaN");
            return (double.NaN, tauFit);
        }

        if (!(worst < SettledFraction * stop))
        {
            Log(Invariant($"warning: {circuit.OutputColumns[slowest]} has not settled (ε = 2^-8) within the first {SettledFraction:P0} of the {stop:G4} s transient (settles at {worst:G4} s): settling_time_s = NaN; lengthen it with --tstop"));
            return (double.NaN, tauFit);
        }

        return (worst, tauFit);
    }

    /// <summary>One row of solution.csv: index, ideal, circuit, abs_error, rel_error (0 when both are 0, ∞ when only the ideal is).</summary>
    internal static object[] SolutionRow(int index, double ideal, double circuit)
    {
        double abs = Math.Abs(circuit - ideal);
        double rel = ideal != 0 ? abs / Math.Abs(ideal) : abs == 0 ? 0 : double.PositiveInfinity;
        return [index, ideal, circuit, abs, rel];
    }


    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Log(string message) => Console.Error.WriteLine(message);
}
