using System.Globalization;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Measurements;

/// <summary>Evaluates <c>.measure</c> cards on an analysis's recorded vectors, with ngspice 39's semantics.</summary>
public static class MeasureEvaluator
{
    /// <summary>Evaluates one card.</summary>
    /// <param name="card">The measure (its analysis must be <paramref name="data"/>'s).</param>
    /// <param name="data">The analysis's vectors.</param>
    /// <param name="lookup">Values of earlier measures and <c>.param</c>s by name, for PARAM (null when unknown).</param>
    /// <returns>The value, or a failure naming what went wrong; never throws for bad data.</returns>
    public static MeasureResult Evaluate(MeasureCard card, MeasureData data, Func<string, double?> lookup)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(lookup);
        if (card.Kind == MeasureKind.Param)
        {
            return Param(card, lookup);
        }

        if (data.Count == 0)
        {
            return MeasureResult.Failed(card, $"the {data.Analysis} analysis produced no points");
        }

        foreach (MeasureVector vector in card.Vectors())
        {
            if (data.Values(vector) is null)
            {
                return MeasureResult.Failed(card, $"no vector {vector} in the {data.Analysis} results");
            }
        }

        return card.Kind switch
        {
            MeasureKind.TrigTarg => TrigTarg(card, data),
            MeasureKind.Find or MeasureKind.Derivative => Find(card, data),
            MeasureKind.When => When(card, data),
            MeasureKind.Minimum or MeasureKind.Maximum or MeasureKind.MinimumAt or MeasureKind.MaximumAt => Extremum(card, data),
            MeasureKind.PeakToPeak => PeakToPeak(card, data),
            MeasureKind.Average => Average(card, data),
            _ => Integral(card, data),
        };
    }

    private static MeasureResult Ok(MeasureCard card, double value, params MeasureDetail[] details) =>
        double.IsFinite(value)
            ? new MeasureResult(card.Name, card.Analysis, card.Kind, value, details, null)
            : MeasureResult.Failed(card, $"the result is {value.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The scale value where a condition holds: AT= itself, or the crossing; NaN when there is none.</summary>
    private static double Where(MeasureCondition condition, MeasureData data, double? from, double? to)
    {
        if (condition.At is { } at)
        {
            return at;
        }

        double[] values = data.Values(condition.Vector!)!;
        double[]? levels = condition.LevelVector is { } level ? data.Values(level) : null;
        return Crossing.Find(data, condition, from, to, values, levels);
    }

    private static string Describe(MeasureCondition condition)
    {
        string level = condition.LevelVector?.ToString() ?? condition.Level.ToString("G6", CultureInfo.InvariantCulture);
        string count = condition.Count == MeasureCondition.Last ? "LAST" : condition.Count.ToString(CultureInfo.InvariantCulture);
        string edge = condition.Edge == CrossingEdge.First ? "first crossing" : $"{condition.Edge.ToString().ToUpperInvariant()}={count}";
        return $"{condition.Vector} does not reach {level} ({edge}) in the window";
    }

    private static MeasureResult TrigTarg(MeasureCard card, MeasureData data)
    {
        double trigger = Where(card.Trigger!, data, card.From, card.To);
        if (double.IsNaN(trigger))
        {
            return MeasureResult.Failed(card, $"TRIG: {Describe(card.Trigger!)}");
        }

        double target = Where(card.Target!, data, card.From, card.To);
        if (double.IsNaN(target))
        {
            return MeasureResult.Failed(card, $"TARG: {Describe(card.Target!)}");
        }

        return Ok(card, target - trigger, new MeasureDetail("targ", target), new MeasureDetail("trig", trigger));
    }

    private static MeasureResult Find(MeasureCard card, MeasureData data)
    {
        double[] values = data.Values(card.Vector!)!;
        if (data.Analysis == "op")
        {
            return Ok(card, values[0]);
        }

        double at = Where(card.Trigger!, data, card.From, card.To);
        if (double.IsNaN(at))
        {
            return MeasureResult.Failed(card, $"WHEN: {Describe(card.Trigger!)}");
        }

        double value = card.Kind == MeasureKind.Derivative ? Interpolation.SlopeAt(data, values, at) : Interpolation.ValueAt(data, values, at);
        return double.IsNaN(value)
            ? MeasureResult.Failed(card, $"{at.ToString("G6", CultureInfo.InvariantCulture)} is outside the {data.Analysis} results")
            : Ok(card, value);
    }

    private static MeasureResult When(MeasureCard card, MeasureData data)
    {
        double at = Where(card.Trigger!, data, card.From, card.To);
        return double.IsNaN(at) ? MeasureResult.Failed(card, $"WHEN: {Describe(card.Trigger!)}") : Ok(card, at);
    }

    private static MeasureResult Extremum(MeasureCard card, MeasureData data)
    {
        bool maximum = card.Kind is MeasureKind.Maximum or MeasureKind.MaximumAt;
        (double value, double at) = Window.Extremum(data, data.Values(card.Vector!)!, card.From, card.To, maximum);
        if (double.IsNaN(value))
        {
            return EmptyWindow(card);
        }

        // MIN_AT and MAX_AT give where the extremum is, and print the extremum after "with=".
        return card.Kind is MeasureKind.MinimumAt or MeasureKind.MaximumAt
            ? Ok(card, at, new MeasureDetail("with", value))
            : Ok(card, value, new MeasureDetail("at", at));
    }

    private static MeasureResult PeakToPeak(MeasureCard card, MeasureData data)
    {
        double[] values = data.Values(card.Vector!)!;
        (double low, _) = Window.Extremum(data, values, card.From, card.To, maximum: false);
        (double high, _) = Window.Extremum(data, values, card.From, card.To, maximum: true);
        (double from, double to) = PrintedWindow(card);
        return double.IsNaN(low) ? EmptyWindow(card) : Ok(card, high - low, new MeasureDetail("from", from), new MeasureDetail("to", to));
    }

    private static MeasureResult Average(MeasureCard card, MeasureData data)
    {
        (double value, double end) = Window.Average(data, data.Values(card.Vector!)!, card.From, card.To);
        return double.IsNaN(value) ? EmptyWindow(card) : Ok(card, value, new MeasureDetail("from", PrintedWindow(card).From), new MeasureDetail("to", end));
    }

    private static MeasureResult Integral(MeasureCard card, MeasureData data)
    {
        (double value, double from, double to) = Window.Integral(data, data.Values(card.Vector!)!, card.From, card.To, card.Kind == MeasureKind.Rms);
        return double.IsNaN(value) ? EmptyWindow(card) : Ok(card, value, new MeasureDetail("from", from), new MeasureDetail("to", to));
    }

    /// <summary>FROM and TO as ngspice prints them for PP and AVG: as given, 0 when unset (±10⁹⁹ in dc).</summary>
    private static (double From, double To) PrintedWindow(MeasureCard card) => card.Analysis == "dc"
        ? (card.From ?? -1e99, card.To ?? 1e99)
        : (card.From ?? 0, card.To ?? 0);

    private static MeasureResult EmptyWindow(MeasureCard card) => MeasureResult.Failed(card, "no point in the FROM..TO window");

    private static MeasureResult Param(MeasureCard card, Func<string, double?> lookup)
    {
        try
        {
            return Ok(card, ExpressionEvaluator.Evaluate(card.Expression!, lookup, card.Location));
        }
        catch (NetlistException ex)
        {
            return MeasureResult.Failed(card, ex.Message);
        }
    }
}
