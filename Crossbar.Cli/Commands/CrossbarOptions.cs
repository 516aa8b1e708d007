using System.CommandLine;
using System.Globalization;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Netlists;
using Crossbar.Cli.Input;
using Crossbar.Cli.Options;
using Crossbar.Devices;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Wires;

namespace Crossbar.Cli.Commands;

/// <summary>
/// The options shared by <c>inv</c>, <c>mvm</c>, <c>ginv</c> and <c>export inv|mvm|ginv</c>:
/// the matrix and vector, the cells, wires and op-amps, the analysis. One instance per command.
/// </summary>
public sealed class CrossbarOptions
{
    /// <summary>Matrix size when generated.</summary>
    public const int DefaultSize = 8;

    /// <summary>Condition number of a generated SPD matrix.</summary>
    public const double DefaultCondition = 10;

    /// <summary>Sub-stream of the seed that draws a random right-hand side (independent of the matrix).</summary>
    private const int RhsStream = 201;

    private readonly CrossbarProblem _problem;

    /// <summary>Creates the option set for one command.</summary>
    public CrossbarOptions(CrossbarProblem problem)
    {
        _problem = problem;
        string vectorRole = problem == CrossbarProblem.Mvm ? "input vector x" : "right-hand side b";
        Matrix = new Option<FileInfo?>("--matrix") { HelpName = "file.csv", Description = "matrix: rows of comma-separated numbers, no header (instead of --size/--kind)" };
        Size = new Option<int?>("--size") { HelpName = "n", Description = problem == CrossbarProblem.Ginv ? $"rows N of a generated N×(N/2) matrix: the first N/2 columns of an N×N --kind matrix [default: {DefaultSize}]" : $"size N of a generated N×N matrix [default: {DefaultSize}]" };
        Kind = MatrixKinds.Option();
        Condition = new Option<double?>("--condition") { HelpName = "k", Description = $"2-norm condition number of a generated SPD matrix (--kind spd) [default: {DefaultCondition}]" };
        Rhs = new Option<FileInfo?>("--rhs") { HelpName = "file.csv", Description = $"{vectorRole}: one number per line [default: uniform(−1, 1) drawn from --seed]" };
        Hardware = new HardwareOptions();
        Analysis = ChoiceOption.Create("--analysis", "operating point, or transient of the step response (adds waveforms)", CircuitAnalysis.OperatingPoint, ("op", CircuitAnalysis.OperatingPoint), ("tran", CircuitAnalysis.Transient));
        StopTime = new Option<double?>("--tstop") { HelpName = "s", Description = "transient stop time in s [default: 20 time constants of the whole loop, inverter op-amps included (inv, ginv); 20/(2π·GBWP)·5 (mvm)]" };
        Points = new Option<int?>("--points") { HelpName = "n", Description = "transient print points: the print step and the largest time step are the stop time divided by n [default: 500]" };
        Steps = ChoiceOption.Create("--steps", "transient time steps: the largest step halved k times, with chord Newton on kept factorisations (quantised: fast for large arrays), or ngspice's step control (adaptive: what the exported deck does in ngspice)", TransientSteps.Quantised, ("quantised", TransientSteps.Quantised), ("adaptive", TransientSteps.Adaptive));
        Force = new Option<bool>("--force") { Description = problem == CrossbarProblem.Mvm ? "accepted for symmetry (MVM is open loop and always stable)" : "build and simulate even when the stability check fails" };
    }

    /// <summary><c>--matrix &lt;file.csv&gt;</c>.</summary>
    public Option<FileInfo?> Matrix { get; }

    /// <summary><c>--size &lt;n&gt;</c>.</summary>
    public Option<int?> Size { get; }

    /// <summary><c>--kind diagdom|spd|wishart</c>.</summary>
    public Option<MatrixKind?> Kind { get; }

    /// <summary><c>--condition &lt;k&gt;</c>.</summary>
    public Option<double?> Condition { get; }

    /// <summary><c>--rhs &lt;file.csv&gt;</c>.</summary>
    public Option<FileInfo?> Rhs { get; }

    /// <summary>The hardware options shared with every array command.</summary>
    public HardwareOptions Hardware { get; }

    /// <summary><c>--analysis op|tran</c>.</summary>
    public ChoiceOption<CircuitAnalysis> Analysis { get; }

    /// <summary><c>--tstop &lt;s&gt;</c>.</summary>
    public Option<double?> StopTime { get; }

    /// <summary><c>--points &lt;n&gt;</c>.</summary>
    public Option<int?> Points { get; }

    /// <summary><c>--steps quantised|adaptive</c>.</summary>
    public ChoiceOption<TransientSteps> Steps { get; }

    /// <summary><c>--force</c>.</summary>
    public Option<bool> Force { get; }

    /// <summary>Adds every option to a command.</summary>
    public void AddTo(Command command)
    {
        Option[] all = [Matrix, Size, Kind, Condition, Rhs, Analysis, StopTime, Points, Steps, Force];
        foreach (Option option in all)
        {
            command.Options.Add(option);
        }

        Hardware.AddTo(command);
    }

    /// <summary>Reads the options into a spec: loads or generates the matrix and vector and checks their shapes.</summary>
    /// <exception cref="UsageException">Bad values, bad combinations, or a bad CSV file (the message names file and line).</exception>
    public CrossbarSpec Read(ParseResult parse)
    {
        Hardware hardware = Hardware.Read(parse);
        int seed = hardware.Seed;
        var parameters = new List<KeyValuePair<string, string>>(hardware.Parameters);
        double[,] matrix = ReadMatrix(parse, seed, parameters, hardware.Circuit);
        int rows = matrix.GetLength(0);
        int columns = matrix.GetLength(1);
        CheckShape(rows, columns, parse.GetValue(Matrix));

        int vectorLength = _problem == CrossbarProblem.Mvm ? columns : rows;
        double[] vector;
        if (parse.GetValue(Rhs) is { } rhsFile)
        {
            vector = NumberCsvReader.ReadVector(rhsFile.FullName);
            if (vector.Length != vectorLength)
            {
                throw new UsageException($"{rhsFile.FullName}: {vector.Length} numbers, the {rows}×{columns} matrix needs {vectorLength}");
            }

            parameters.Add(new("rhs", rhsFile.FullName));
        }
        else
        {
            Random random = SeededRandom.Create(seed, RhsStream);
            vector = new double[vectorLength];
            for (int i = 0; i < vector.Length; i++)
            {
                vector[i] = (2 * random.NextDouble()) - 1;
            }

            parameters.Add(new("rhs", "uniform(-1,1) from seed"));
        }

        double? stopTime = parse.GetValue(StopTime);
        if (stopTime is { } t && !(t >= 1e-15 && t <= 1e3))
        {
            throw new UsageException($"--tstop must be a time between 1e-15 s and 1000 s, got {Text(t)}");
        }

        int? points = parse.GetValue(Points);
        if (points is { } p && p is < 2 or > 10_000_000)
        {
            throw new UsageException($"--points must be between 2 and 10000000, got {p}");
        }

        TransientSteps steps = Steps.ValueIn(parse);
        CrossbarBuildOptions options = hardware.Circuit with
        {
            Force = parse.GetValue(Force),
            StopTime = stopTime,
            TransientPoints = points ?? hardware.Circuit.TransientPoints,
            Steps = steps,
        };
        CircuitAnalysis analysis = Analysis.ValueIn(parse);
        parameters.Add(new("analysis", analysis == CircuitAnalysis.Transient ? "tran" : "op"));
        if (options.CellNoise is not null && analysis != CircuitAnalysis.Transient)
        {
            Console.Error.WriteLine("warning: the --cell-noise-* options act in transients only: they have no effect on the operating point (use --read-noise for per-read noise)");
        }

        if (options.StopTime is { } stop)
        {
            if (analysis != CircuitAnalysis.Transient)
            {
                throw new UsageException("--tstop applies to --analysis tran only");
            }

            parameters.Add(new("tstop_s", Text(stop)));
        }

        if (analysis == CircuitAnalysis.Transient)
        {
            parameters.Add(new("points", Text(options.TransientPoints)));
            parameters.Add(new("steps", steps == TransientSteps.Quantised ? "quantised" : "adaptive"));
        }
        else if (points is not null)
        {
            throw new UsageException("--points applies to --analysis tran only");
        }

        parameters.Add(new("force", Text(options.Force)));
        return new CrossbarSpec(_problem, matrix, vector, options, analysis, parameters);
    }

    private double[,] ReadMatrix(ParseResult parse, int seed, List<KeyValuePair<string, string>> parameters, CrossbarBuildOptions circuit)
    {
        string command = _problem.ToString().ToLowerInvariant();
        int? size = parse.GetValue(Size);
        MatrixKind? kind = parse.GetValue(Kind);
        double? condition = parse.GetValue(Condition);
        if (parse.GetValue(Matrix) is { } file)
        {
            if (size is not null || kind is not null || condition is not null)
            {
                throw new UsageException("--matrix reads the matrix from a file; --size, --kind and --condition generate one: give one or the other");
            }

            parameters.Add(new("matrix", file.FullName));
            double[,] read = NumberCsvReader.ReadMatrix(file.FullName);
            ResourceEstimate.Check(command, read.GetLength(0), read.GetLength(1), circuit, differential: read.Cast<double>().Any(v => !(v > 0)));
            return read;
        }

        int n = size ?? DefaultSize;
        MatrixKind chosen = kind ?? MatrixKind.DiagonallyDominant;
        if (n < 1)
        {
            throw new UsageException($"--size must be at least 1, got {n}");
        }

        ResourceEstimate.Check(command, n, _problem == CrossbarProblem.Ginv ? Math.Max(1, n / 2) : n, circuit);

        if (condition is not null && chosen != MatrixKind.Spd)
        {
            throw new UsageException("--condition applies to --kind spd only");
        }

        if (_problem == CrossbarProblem.Ginv && n < 2)
        {
            throw new UsageException($"ginv needs --size of at least 2 (an N×N/2 matrix), got {n}");
        }

        parameters.Add(new("matrix", "generated"));
        parameters.Add(new("size", Text(n)));
        parameters.Add(new("kind", MatrixKinds.Word(chosen)));
        double k = condition ?? DefaultCondition;
        if (chosen == MatrixKind.Spd)
        {
            parameters.Add(new("condition", Text(k)));
        }
        else if (chosen == MatrixKind.Wishart)
        {
            parameters.Add(new("wishart_samples", Text(MatrixKinds.WishartSamplesPerDimension * n)));
        }

        double[,] square = MatrixKinds.Generate(chosen, n, k, seed);

        if (_problem != CrossbarProblem.Ginv)
        {
            return square;
        }

        // GINV: the first N/2 columns of the generated N×N matrix (full column rank, since the square matrix is non-singular).
        int m = n / 2;
        parameters.Add(new("ginv_columns", Text(m)));
        var tall = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                tall[i, j] = square[i, j];
            }
        }

        return tall;
    }

    private void CheckShape(int rows, int columns, FileInfo? file)
    {
        string where = file is null ? "the matrix" : file.FullName;
        switch (_problem)
        {
            case CrossbarProblem.Inv when rows != columns:
                throw new UsageException($"{where}: INV needs a square matrix, got {rows}×{columns}");
            case CrossbarProblem.Ginv when rows <= columns:
                throw new UsageException($"{where}: GINV needs a tall N×M matrix with N > M, got {rows}×{columns}");
            default:
                break;
        }
    }

    private static string Text(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
