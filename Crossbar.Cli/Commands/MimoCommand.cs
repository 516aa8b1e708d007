using System.CommandLine;
using System.Globalization;
using Crossbar.Circuit.Amc;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar mimo</c>: zero-forcing MIMO detection BER with HP-INV vs FP64 and FP32 ZF; writes ber.csv (per SNR point
/// the BERs, the frames, bits and bit errors behind them and 95% Wilson intervals, <see cref="WilsonInterval"/>) and
/// run.json, with a progress line per SNR point on stderr.
/// </summary>
public static class MimoCommand
{
    /// <summary>Columns of ber.csv, in order.</summary>
    /// <remarks>The first five are those of earlier versions; <c>iterations</c> is the mean HP-INV iteration count per frame.</remarks>
    public static readonly IReadOnlyList<string> BerColumns =
    [
        "snr_dB", "ber_hpinv", "ber_fp64", "ber_fp32", "iterations", "frames", "bits", "errors_hpinv", "errors_fp64", "errors_fp32",
        "ber_hpinv_lo", "ber_hpinv_hi", "ber_fp64_lo", "ber_fp64_hi", "ber_fp32_lo", "ber_fp32_hi",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var common = new AmcOptions();
        var rx = new Option<int>("--rx") { HelpName = "n", Description = "receive antennas", DefaultValueFactory = _ => 128 };
        var tx = new Option<int>("--tx") { HelpName = "n", Description = "transmit antennas", DefaultValueFactory = _ => 8 };
        var qam = new Option<int>("--qam") { HelpName = "order", Description = "QAM order: 4 | 16 | 64 | 256", DefaultValueFactory = _ => 256 };
        var snr = new Option<string>("--snr") { HelpName = "dB", Description = "SNR per receive antenna in dB: one value or start:step:stop (e.g. -10:2:10)", DefaultValueFactory = _ => "-10:2:10" };
        var frames = new Option<int>("--frames") { HelpName = "n", Description = "frame cap per SNR point", DefaultValueFactory = _ => 20000 };
        var iterations = new Option<int>("--iterations") { HelpName = "n", Description = "HP-INV iterations per frame", DefaultValueFactory = _ => 3 };
        var minErrors = new Option<long>("--min-errors") { HelpName = "n", Description = "stop a point once every detector has this many bit errors", DefaultValueFactory = _ => 100 };
        var maxBits = new Option<long>("--max-bits") { HelpName = "n", Description = "…or once this many bits were sent", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("mimo", "massive-MIMO zero-forcing detection: BER of HP-INV vs FP64 and FP32 ZF")
        {
            rx, tx, qam, snr, frames, iterations, minErrors, maxBits,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            int nr = AmcOptions.Positive(parse.GetValue(rx), "--rx");
            int nt = AmcOptions.Positive(parse.GetValue(tx), "--tx");
            if (nt > nr)
            {
                throw new UsageException($"--tx ({nt}) must not exceed --rx ({nr}) for zero forcing.");
            }

            int order = parse.GetValue(qam);
            if (order is not (4 or 16 or 64 or 256))
            {
                throw new UsageException($"--qam: must be 4, 16, 64 or 256, got {order}.");
            }

            var points = ParseSnr(parse.GetValue(snr)!);
            int its = AmcOptions.Positive(parse.GetValue(iterations), "--iterations");
            var (built, hardware) = common.Build(parse, its, 0.0);
            var hp = built with { StopOnPredictedDivergence = false };
            var options = new MimoOptions
            {
                Rx = nr,
                Tx = nt,
                Qam = order,
                SnrDb = points,
                MaxFrames = AmcOptions.Positive(parse.GetValue(frames), "--frames"),
                MinErrors = Math.Max(0, parse.GetValue(minErrors)),
                MaxBits = Math.Max(1, parse.GetValue(maxBits)),
                HpInv = hp,
                Seed = hp.Seed,
            };
            DateTimeOffset start = DateTimeOffset.UtcNow;
            using var folder = OutputFolder.Begin(parse.GetValue(common.Out)!.FullName);
            var counter = new AmcCostCounter();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<MimoBerPoint> results;
            try
            {
                results = MimoDetection.Run(options, counter, p => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"mimo: snr {p.SnrDb:G4} dB, {p.Frames} frames, {p.Bits} bits, errors hpinv/fp64/fp32 {p.ErrorsHpInv}/{p.ErrorsFp64}/{p.ErrorsFp32}, {clock.Elapsed.TotalSeconds:F1} s elapsed")));
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"simulation failed: {UsageException.Plain(ex)}");
                return ExitCodes.SimulationFailure;
            }

            CsvTableWriter.Write(folder.File("ber.csv"), BerColumns, results.Select(BerRow));
            var inv = CultureInfo.InvariantCulture;
            RunJson.Write(folder.File(RunJson.FileName), "mimo",
            [
                .. hardware.Parameters,
                new("rx", nr.ToString(inv)), new("tx", nt.ToString(inv)), new("qam", order.ToString(inv)), new("iterations", its.ToString(inv)),
                new("snr_dB", parse.GetValue(snr)!), new("frames", options.MaxFrames.ToString(inv)), new("min_errors", options.MinErrors.ToString(inv)),
                new("max_bits", options.MaxBits.ToString(inv)),
            ], start, DateTimeOffset.UtcNow);
            Plots.BerPlot.TrySave(folder.File("ber.png"), results, string.Create(inv, $"mimo {nr}×{nt} {order}-QAM, {its} HP-INV iterations, seed {hp.Seed}"));
            folder.Commit();
            string path = Path.Combine(folder.Target, "ber.csv");
            Console.Error.WriteLine(string.Create(inv, $"# mimo {nr}x{nt} {order}-QAM, {its} HP-INV iterations, seed {hp.Seed}"));
            Console.Error.WriteLine("snr_dB  frames  bits  errors_hpinv  errors_fp64  errors_fp32  hpinv_vs_fp32_bit_disagreements  mean_rho  frames_rho_ge_1");
            foreach (var p in results)
            {
                Console.Error.WriteLine(string.Create(inv, $"{p.SnrDb,6:G4}  {p.Frames}  {p.Bits}  {p.ErrorsHpInv}  {p.ErrorsFp64}  {p.ErrorsFp32}  {p.DisagreementsHpInvFp32}  {p.MeanSpectralRadius:G3}  {p.DivergentFrames}"));
            }

            Console.Error.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One row of ber.csv (<see cref="BerColumns"/>).</summary>
    /// <param name="p">The SNR point.</param>
    /// <returns>The values.</returns>
    internal static object[] BerRow(MimoBerPoint p)
    {
        var (hpLo, hpHi) = WilsonInterval.Of(p.ErrorsHpInv, p.Bits);
        var (lo64, hi64) = WilsonInterval.Of(p.ErrorsFp64, p.Bits);
        var (lo32, hi32) = WilsonInterval.Of(p.ErrorsFp32, p.Bits);
        return [p.SnrDb, p.BerHpInv, p.BerFp64, p.BerFp32, p.MeanIterations, p.Frames, p.Bits, p.ErrorsHpInv, p.ErrorsFp64, p.ErrorsFp32, hpLo, hpHi, lo64, hi64, lo32, hi32];
    }

    /// <summary>Parses "v" or "start:step:stop" (dB).</summary>
    /// <param name="text">Text.</param>
    /// <returns>The SNR points.</returns>
    /// <exception cref="UsageException">Malformed.</exception>
    public static IReadOnlyList<double> ParseSnr(string text)
    {
        string[] parts = text.Split(':');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new UsageException($"--snr: '{parts[i]}' in '{text}' is not a number (use one value or start:step:stop).");
            }
        }

        if (parts.Length == 1)
        {
            return values;
        }

        if (parts.Length != 3 || !(values[1] > 0.0) || values[2] < values[0])
        {
            throw new UsageException($"--snr: '{text}' must be start:step:stop with step > 0 and stop ≥ start.");
        }

        var list = new List<double>();
        int count = (int)Math.Floor(((values[2] - values[0]) / values[1]) + 1e-9);
        for (int k = 0; k <= count; k++)
        {
            list.Add(values[0] + (k * values[1]));
        }

        return list;
    }
}
