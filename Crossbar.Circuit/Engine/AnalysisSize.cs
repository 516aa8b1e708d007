using System.Globalization;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// Checks made before an analysis starts, each naming the card: the number of points it will produce (a DC sweep's
/// product of nested sweeps, an AC grid, a transient's tstop/tmax) against <see cref="SimulationOptions.MaxPoints"/>,
/// and transient times small enough that the steps would underflow.
/// </summary>
internal static class AnalysisSize
{
    /// <summary>Smallest tstep and tmax as a fraction of tstop: below it the time steps cannot be told apart.</summary>
    public const double MinimumRelativeStep = 1e-12;

    /// <summary>Smallest tstop in s: the engine's tolerances (1e-9·tmax, 1e-12·tstop) stay normal doubles above it.</summary>
    public const double MinimumStopTime = 1e-250;

    private const string Raise = "raise the limit with .options maxpoints=<n>";

    /// <summary>Throws a <see cref="NetlistException"/> at the card when the analysis is too large or its times underflow.</summary>
    public static void Check(AnalysisCard card, SimulationOptions options, Netlist? netlist = null)
    {
        switch (card)
        {
            case DcAnalysisCard dc:
                CheckDc(dc, options.MaxPoints);
                break;
            case TranAnalysisCard tran:
                CheckTransient(tran, options.MaxPoints, netlist);
                break;
            case AcAnalysisCard ac:
                CheckAc(ac, options.MaxPoints);
                break;
        }
    }

    /// <summary>The number of values of one sweep (at least 1), as a double so that a huge sweep does not overflow.</summary>
    public static double SweepPoints(DcSweep sweep, DcAnalysisCard card)
    {
        double start = sweep.Start.Value;
        double stop = sweep.Stop.Value;
        double step = sweep.Step.Value;
        if (step == 0 || (stop - start) * step < 0)
        {
            if (start == stop)
            {
                return 1;
            }

            throw new NetlistException(card.Location, $".dc {sweep.Source}: step {Format(step)} does not go from {Format(start)} to {Format(stop)}");
        }

        double count = Math.Floor(((stop - start) / step) + 1e-9) + 1;
        return double.IsNaN(count) ? double.PositiveInfinity : count;
    }

    private static void CheckDc(DcAnalysisCard card, double maxPoints)
    {
        double[] counts = [.. card.Sweeps.Select(s => SweepPoints(s, card))];
        double total = counts.Aggregate(1.0, (a, b) => a * b);
        if (total > maxPoints)
        {
            string what = counts.Length == 1
                ? $".dc {card.Sweeps[0].Source}: {Format(total)} points"
                : $".dc {string.Join(" × ", card.Sweeps.Select(s => s.Source))}: {string.Join(" × ", counts.Select(Format))} = {Format(total)} points";
            throw new NetlistException(card.Location, $"{what} is too many (more than maxpoints = {Format(maxPoints)}): {Raise}");
        }
    }

    private static void CheckTransient(TranAnalysisCard card, double maxPoints, Netlist? netlist)
    {
        double tstep = card.Step.Value;
        double tstop = card.Stop.Value;
        double tstart = card.Start?.Value ?? 0;
        if (!(tstep > 0) || !(tstop > 0) || tstart < 0 || tstart >= tstop)
        {
            throw new NetlistException(card.Location, $".tran: need tstep > 0, tstop > 0 and 0 <= tstart < tstop (got {Format(tstep)}, {Format(tstop)}, {Format(tstart)})");
        }

        if (tstop < MinimumStopTime)
        {
            throw new NetlistException(card.Location, $".tran: tstop {Format(tstop)} s is below {Format(MinimumStopTime)} s: the time steps would underflow");
        }

        double tmax = MaxStep(card);
        double points = tstop / tmax;
        if (points > maxPoints)
        {
            throw new NetlistException(card.Location, $".tran: about {Format(points)} time points (tstop/tmax = {Format(tstop)} s / {Format(tmax)} s) is too many (more than maxpoints = {Format(maxPoints)}): {Raise}, or lengthen tstep or tmax");
        }

        double smallest = MinimumRelativeStep * tstop;
        if (tstep < smallest)
        {
            throw new NetlistException(card.Location, $".tran: tstep {Format(tstep)} s is below {Format(MinimumRelativeStep)} × tstop = {Format(smallest)} s: the time steps would underflow");
        }

        if (card.MaxStep is { } given && given.Value > 0 && given.Value < smallest)
        {
            throw new NetlistException(card.Location, $".tran: tmax {Format(given.Value)} s is below {Format(MinimumRelativeStep)} × tstop = {Format(smallest)} s: the time steps would underflow");
        }

        foreach (ElementCard element in netlist?.Elements ?? [])
        {
            double corners = Corners(element.Waveform, tstop);
            if (points + corners > maxPoints)
            {
                throw new NetlistException(element.Location, $"{element.Name}: its waveform puts about {Format(corners)} breakpoints (time points) in the .tran at {card.Location}, too many (more than maxpoints = {Format(maxPoints)}): {Raise}, or lengthen its period or step");
            }
        }
    }

    /// <summary>Breakpoints a waveform adds to a transient up to <paramref name="tstop"/>: four per PULSE period, one per TRNOISE sample.</summary>
    private static double Corners(SourceWaveform? waveform, double tstop) => waveform switch
    {
        PulseWaveform p when p.Period.Value > 0 => 4 * Math.Max(0, tstop - p.Delay.Value) / p.Period.Value,
        TrNoiseWaveform n when n.Step.Value > 0 && (n.WhiteAmplitude.Value != 0 || n.FlickerAmplitude.Value != 0) => tstop / n.Step.Value,
        _ => 0,
    };

    /// <summary>The largest time step of a (checked) transient: tmax when given, else min(tstep, (tstop − tstart)/50).</summary>
    public static double MaxStep(TranAnalysisCard card)
    {
        double tstep = card.Step.Value;
        double tstop = card.Stop.Value;
        double tstart = card.Start?.Value ?? 0;
        return card.MaxStep is { } m && m.Value > 0 ? m.Value : Math.Min(tstep, (tstop - tstart) / 50);
    }

    private static void CheckAc(AcAnalysisCard card, double maxPoints)
    {
        double start = card.StartFrequency.Value;
        double stop = card.StopFrequency.Value;
        if (!(start > 0) || !(stop >= start))
        {
            return;
        }

        double points = card.Kind switch
        {
            AcSweepKind.Linear => card.Points,
            AcSweepKind.Decade => Math.Floor(card.Points * Math.Log10(stop / start)) + 1,
            _ => Math.Floor(card.Points * Math.Log2(stop / start)) + 1,
        };
        if (points > maxPoints)
        {
            throw new NetlistException(card.Location, $".ac: {Format(points)} frequency points is too many (more than maxpoints = {Format(maxPoints)}): {Raise}");
        }
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
