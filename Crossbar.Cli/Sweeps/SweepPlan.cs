using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Sweeps;

/// <summary>A swept option and its values, in the order given.</summary>
/// <param name="Option">The option's name, e.g. <c>--prog-sigma</c>.</param>
/// <param name="Values">Its values as the command will read them.</param>
public sealed record SweepAxis(string Option, IReadOnlyList<string> Values);

/// <summary>
/// What a sweep runs: a command, its fixed options, its swept options (the Cartesian product of their values, the
/// first option slowest) and <see cref="Seeds"/> replicates of each combination, each with a seed derived from the
/// sweep seed (<see cref="PointSeed"/>). Also names results.csv's columns: point, replicate, seed, every option of the
/// command (given or default), every column of the command's summary, status, message, wall_time_s.
/// </summary>
public sealed partial class SweepPlan
{
    /// <summary>Options of inv, mvm and ginv that a sweep leaves out (see <see cref="SweepTarget"/>).</summary>
    private static readonly HashSet<string> PerRunDiagnostics = new(StringComparer.Ordinal) { "--stats", "--dump-matrix" };

    private static readonly string[] SweepOwned = ["--out", "-o", "--seed", "--help", "-h", "-?"];

    /// <summary>Per swept option, its index among <see cref="Options"/>.</summary>
    private readonly int[] _axisColumns;

    /// <summary>Per option, the fixed value given (true for a flag) or the default; the same for every point.</summary>
    private readonly string[] _givenOrDefault;

    private SweepPlan(SweepTarget target, IReadOnlyList<KeyValuePair<string, string?>> fixedOptions, IReadOnlyList<SweepAxis> axes, int seeds, int seed, bool paired)
    {
        Target = target;
        Fixed = fixedOptions;
        Axes = axes;
        Seeds = seeds;
        Seed = seed;
        Paired = paired;
        Options = [.. target.Create().Options.Where(o => !SweepOwned.Contains(o.Name) && o is not System.CommandLine.Help.HelpOption and not VersionOption)];
        ParameterColumns = [.. Options.Select(o => Column(o.Name))];
        var taken = new HashSet<string>(["point", "replicate", "seed", "status", "message", "wall_time_s", .. ParameterColumns], StringComparer.Ordinal);
        SummaryColumns = [.. target.OutcomeColumns.Select(c => taken.Contains(c) ? "result_" + c : c)];
        Header = ["point", "replicate", "seed", .. ParameterColumns, .. SummaryColumns, "status", "message", "wall_time_s"];
        var options = Options.Select(o => o.Name).ToList();
        _axisColumns = [.. axes.Select(a => options.IndexOf(a.Option))];
        _givenOrDefault = [.. Options.Select(o => fixedOptions.FirstOrDefault(f => f.Key == o.Name) is { Key: not null } f ? f.Value ?? "true" : DefaultText(o))];
        long combinations = axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        Combinations = combinations * seeds <= int.MaxValue
            ? (int)combinations
            : throw new UsageException($"sweep: {combinations} combinations × {seeds} seeds is more points than a sweep holds ({int.MaxValue}).");
    }

    /// <summary>The command swept.</summary>
    public SweepTarget Target { get; }

    /// <summary>Options given with one value (null for a flag), in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Fixed { get; }

    /// <summary>Options given with several values.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>Replicates of each combination (<c>--seeds</c>).</summary>
    public int Seeds { get; }

    /// <summary>The sweep seed every point's seed derives from.</summary>
    public int Seed { get; }

    /// <summary>Whether seeds derive from the replicate alone (<c>--paired-seeds</c>).</summary>
    public bool Paired { get; }

    /// <summary>Number of value combinations (points per replicate).</summary>
    public int Combinations { get; }

    /// <summary>Number of points: combinations × seeds.</summary>
    public int Count => Combinations * Seeds;

    /// <summary>The command's options that become parameter columns (all but --out, --seed and help).</summary>
    public IReadOnlyList<Option> Options { get; }

    /// <summary>Column names of the options (<c>--prog-sigma</c> → <c>prog_sigma</c>).</summary>
    public IReadOnlyList<string> ParameterColumns { get; }

    /// <summary>Column names of the command's summary (prefixed <c>result_</c> where an option has the same name).</summary>
    public IReadOnlyList<string> SummaryColumns { get; }

    /// <summary>Every column of results.csv, in order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The column name of an option.</summary>
    public static string Column(string option) => option.TrimStart('-').Replace('-', '_');

    /// <summary>
    /// Reads a command's options as a sweep gives them: <c>--name value</c> or <c>--name=value</c>, the value a list or
    /// range (<see cref="SweepValues"/>); flags take no value.
    /// </summary>
    /// <exception cref="UsageException">Unknown or repeated options, missing values, options the sweep owns.</exception>
    public static SweepPlan Parse(SweepTarget target, IReadOnlyList<string> tokens, int seeds, int seed, bool paired)
    {
        if (seeds < 1)
        {
            throw new UsageException($"--seeds: must be at least 1, got {seeds}.");
        }

        Command command = target.Create();
        var fixedOptions = new List<KeyValuePair<string, string?>>();
        var axes = new List<SweepAxis>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            string name = token;
            string? inline = null;
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            if (token.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                name = token[..equals];
                inline = token[(equals + 1)..];
            }

            if (!token.StartsWith('-'))
            {
                throw new UsageException($"sweep {target.Name}: unexpected '{token}' (options are --name value; a list is a,b,c, a range start:step:stop).");
            }

            Option option = command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name))
                ?? throw new UsageException(PerRunDiagnostics.Contains(name)
                    ? $"sweep {target.Name}: {name} is a per-run diagnostic of crossbar {target.Name}, not swept (every point would write the same file); run the command alone for it."
                    : $"sweep {target.Name}: {name} is not an option of crossbar {target.Name} (see crossbar {target.Name} --help).");
            if (SweepOwned.Contains(option.Name))
            {
                throw new UsageException($"sweep {target.Name}: {option.Name} belongs to the sweep itself, give it once outside the command's options.");
            }

            if (!given.Add(option.Name))
            {
                throw new UsageException($"sweep {target.Name}: {option.Name} is given twice; list its values once (a,b,c).");
            }

            bool flag = IsFlag(option);
            if (flag && inline is null && (i + 1 >= tokens.Count || !IsBooleanList(tokens[i + 1])))
            {
                fixedOptions.Add(new(option.Name, null));
                continue;
            }

            string text = inline ?? (i + 1 < tokens.Count ? tokens[++i] : throw new UsageException($"sweep {target.Name}: {option.Name} needs a value."));
            if (flag && !IsBooleanList(text))
            {
                throw new UsageException($"sweep {target.Name}: {option.Name} is a flag: give it alone, or with true, false or true,false.");
            }

            IReadOnlyList<string> values = SweepValues.Expand(option.Name, text);
            if (values.Count == 1)
            {
                fixedOptions.Add(new(option.Name, values[0]));
            }
            else
            {
                axes.Add(new SweepAxis(option.Name, values));
            }
        }

        return new SweepPlan(target, fixedOptions, axes, seeds, seed, paired);
    }

    /// <summary>Every point, combination by combination (first axis slowest), replicates innermost.</summary>
    public IEnumerable<SweepPoint> Points()
    {
        string fixedText = string.Join('|', Fixed.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        for (int index = 0; index < Combinations; index++)
        {
            string[] values = Values(index);
            string swept = string.Join('|', Axes.Select((a, k) => $"{a.Option}={values[k]}"));
            string pointText = $"{Target.Name}|{fixedText}|{string.Join('|', Axes.Select((a, k) => (a.Option, values[k])).OrderBy(p => p.Option, StringComparer.Ordinal).Select(p => $"{p.Option}={p.Item2}"))}";
            for (int r = 0; r < Seeds; r++)
            {
                yield return new SweepPoint(index, r, PointSeed.Derive(Seed, pointText, r, Paired), values, $"{swept}|replicate={r}");
            }
        }
    }

    /// <summary>The command line of a point (without the program name), writing into <paramref name="outDir"/>.</summary>
    public string[] Arguments(SweepPoint point, string outDir)
    {
        var args = new List<string> { Target.Name };
        foreach ((string option, string? value) in Fixed)
        {
            args.Add(option);
            if (value is not null)
            {
                args.Add(value);
            }
        }

        for (int k = 0; k < Axes.Count; k++)
        {
            args.Add(Axes[k].Option);
            args.Add(point.Values[k]);
        }

        args.AddRange(["--seed", point.Seed.ToString(CultureInfo.InvariantCulture), "--out", outDir]);
        return [.. args];
    }

    /// <summary>The value of every parameter column for a point: swept, fixed, or the option's default (empty when it has none).</summary>
    public IReadOnlyList<string> ParameterValues(SweepPoint point)
    {
        string[] values = [.. _givenOrDefault];
        for (int k = 0; k < Axes.Count; k++)
        {
            values[_axisColumns[k]] = point.Values[k];
        }

        return values;
    }

    /// <summary>The sweep's definition, as run.json stores it and <see cref="FromJson"/> reads it back.</summary>
    public JsonObject ToJson() => new()
    {
        ["command"] = Target.Name,
        ["fixed"] = new JsonArray([.. Fixed.Select(f => (JsonNode)new JsonArray(f.Key, f.Value))]),
        ["axes"] = new JsonArray([.. Axes.Select(a => (JsonNode)new JsonObject { ["option"] = a.Option, ["values"] = new JsonArray([.. a.Values.Select(v => (JsonNode)JsonValue.Create(v)!)]) })]),
        ["seeds"] = Seeds,
        ["seed"] = Seed,
        ["paired_seeds"] = Paired,
        ["points"] = Count,
    };

    /// <summary>Reads a definition written by <see cref="ToJson"/>.</summary>
    /// <exception cref="UsageException">The object is not a sweep definition; <paramref name="source"/> names the file.</exception>
    public static SweepPlan FromJson(JsonObject json, string source)
    {
        try
        {
            SweepTarget target = SweepTarget.Find(json["command"]!.GetValue<string>());
            var fixedOptions = json["fixed"]!.AsArray().Select(f => new KeyValuePair<string, string?>(f![0]!.GetValue<string>(), f[1]?.GetValue<string>())).ToList();
            var axes = json["axes"]!.AsArray().Select(a => new SweepAxis(a!["option"]!.GetValue<string>(), [.. a["values"]!.AsArray().Select(v => v!.GetValue<string>())])).ToList();
            return new SweepPlan(target, fixedOptions, axes, json["seeds"]!.GetValue<int>(), json["seed"]!.GetValue<int>(), json["paired_seeds"]!.GetValue<bool>());
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw new UsageException($"{source}: not a sweep definition ({UsageException.Plain(ex)}).");
        }
    }

    /// <summary>The options as a sweep command line takes them back (lists joined with commas).</summary>
    public IEnumerable<string> OptionTokens()
    {
        foreach ((string option, string? value) in Fixed)
        {
            yield return option;
            if (value is not null)
            {
                yield return value;
            }
        }

        foreach (SweepAxis axis in Axes)
        {
            yield return axis.Option;
            yield return string.Join(',', axis.Values);
        }
    }

    /// <summary>Whether an option is an on/off flag (a boolean that may be given without a value).</summary>
    private static bool IsFlag(Option option) => option.ValueType == typeof(bool);

    private static bool IsBooleanList(string text) =>
        text.Split(',').All(w => w.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || w.Trim().Equals("false", StringComparison.OrdinalIgnoreCase));

    private string[] Values(int index)
    {
        var values = new string[Axes.Count];
        for (int k = Axes.Count - 1; k >= 0; k--)
        {
            int n = Axes[k].Values.Count;
            values[k] = Axes[k].Values[index % n];
            index /= n;
        }

        return values;
    }

    /// <summary>The default an option's help shows (<c>[default: x]</c>), else its default value, else empty; flags default to false.</summary>
    private static string DefaultText(Option option)
    {
        if (IsFlag(option))
        {
            return "false";
        }

        Match m = DefaultInHelp().Match(option.Description ?? string.Empty);
        if (m.Success)
        {
            // A default described in words ("20 time constants of the loop") is not a value: left empty, as run.json of the point says.
            string text = m.Groups[1].Value.Trim();
            return text.Contains(' ', StringComparison.Ordinal) ? string.Empty : text;
        }

        return option.HasDefaultValue && option.GetDefaultValue() is { } value
            ? Output.CsvTableWriter.Format(value)
            : string.Empty;
    }

    [GeneratedRegex(@"\[default: ([^\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultInHelp();
}
