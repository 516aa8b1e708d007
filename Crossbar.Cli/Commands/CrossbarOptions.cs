using System.CommandLine;
using System.Globalization;
using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Netlists;
using Crossbar.Cli.Input;
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

    /// <summary>Samples per dimension of a generated Wishart matrix (W = XᵀX/m, m = 4N: condition ≈ 9).</summary>
    public const int WishartSamplesPerDimension = 4;

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
        Kind = new Option<string?>("--kind") { HelpName = "diagdom|spd|wishart", Description = "generated matrix: diagonally dominant, SPD with --condition, or Wishart W = XᵀX/m with m = 4N [default: diagdom]" };
        Kind.AcceptOnlyFromAmong("diagdom", "spd", "wishart");
        Condition = new Option<double?>("--condition") { HelpName = "k", Description = $"2-norm condition number of a generated SPD matrix (--kind spd) [default: {DefaultCondition}]" };
        Rhs = new Option<FileInfo?>("--rhs") { HelpName = "file.csv", Description = $"{vectorRole}: one number per line [default: uniform(−1, 1) drawn from --seed]" };
        Cell = new Option<string>("--cell") { HelpName = "1r|1t1r", Description = "cell: RRAM alone (1r) or RRAM with a level-1 NMOS access transistor (1t1r)", DefaultValueFactory = _ => "1t1r" };
        Cell.AcceptOnlyFromAmong("1r", "1t1r");
        WireResistance = new Option<double>("--wire-r") { HelpName = "ohms", Description = "row and column wire resistance per cell pitch in Ω", DefaultValueFactory = _ => 1.73 };
        WireCapacitance = new Option<double>("--wire-c") { HelpName = "farads", Description = "row and column wire capacitance per cell pitch in F", DefaultValueFactory = _ => 0.0 };
        OpAmp = new Option<string>("--opamp") { HelpName = "ideal|gain|pole", Description = "op-amp model: nullor, finite DC gain --a0, or single pole (--a0, --gbw)", DefaultValueFactory = _ => "pole" };
        OpAmp.AcceptOnlyFromAmong("ideal", "gain", "pole");
        DcGain = new Option<double>("--a0") { HelpName = "V/V", Description = "op-amp open-loop DC gain (dimensionless)", DefaultValueFactory = _ => 1e5 };
        GainBandwidth = new Option<double>("--gbw") { HelpName = "Hz", Description = "op-amp gain-bandwidth product in Hz", DefaultValueFactory = _ => 16e6 };
        Bits = new Option<int>("--bits") { HelpName = "n", Description = "conductance levels per cell: 2^n levels over 0.5–35 µS (0 = continuous, unquantised)", DefaultValueFactory = _ => 3 };
        ProgrammingSigma = new Option<double>("--prog-sigma") { HelpName = "rel", Description = "relative σ of the programming error (dimensionless, 0 = exact)", DefaultValueFactory = _ => 0.0 };
        Seed = new Option<int>("--seed") { HelpName = "n", Description = "seed of everything random (matrix, vector, programming error)", DefaultValueFactory = _ => 1 };
        Analysis = new Option<string>("--analysis") { HelpName = "op|tran", Description = "operating point, or transient of the step response (adds waveforms)", DefaultValueFactory = _ => "op" };
        Analysis.AcceptOnlyFromAmong("op", "tran");
        StopTime = new Option<double?>("--tstop") { HelpName = "s", Description = "transient stop time in s [default: 20 time constants of the whole loop, inverter op-amps included (inv, ginv); 20/(2π·GBWP)·5 (mvm)]" };
        Force = new Option<bool>("--force") { Description = problem == CrossbarProblem.Mvm ? "accepted for symmetry (MVM is open loop and always stable)" : "build and simulate even when the stability check fails" };
    }

    /// <summary><c>--matrix &lt;file.csv&gt;</c>.</summary>
    public Option<FileInfo?> Matrix { get; }

    /// <summary><c>--size &lt;n&gt;</c>.</summary>
    public Option<int?> Size { get; }

    /// <summary><c>--kind diagdom|spd|wishart</c>.</summary>
    public Option<string?> Kind { get; }

    /// <summary><c>--condition &lt;k&gt;</c>.</summary>
    public Option<double?> Condition { get; }

    /// <summary><c>--rhs &lt;file.csv&gt;</c>.</summary>
    public Option<FileInfo?> Rhs { get; }

    /// <summary><c>--cell 1r|1t1r</c>.</summary>
    public Option<string> Cell { get; }

    /// <summary><c>--wire-r &lt;ohms&gt;</c>.</summary>
    public Option<double> WireResistance { get; }

    /// <summary><c>--wire-c &lt;farads&gt;</c>.</summary>
    public Option<double> WireCapacitance { get; }

    /// <summary><c>--opamp ideal|gain|pole</c>.</summary>
    public Option<string> OpAmp { get; }

    /// <summary><c>--a0</c>.</summary>
    public Option<double> DcGain { get; }

    /// <summary><c>--gbw &lt;Hz&gt;</c>.</summary>
    public Option<double> GainBandwidth { get; }

    /// <summary><c>--bits &lt;n&gt;</c>.</summary>
    public Option<int> Bits { get; }

    /// <summary><c>--prog-sigma &lt;rel&gt;</c>.</summary>
    public Option<double> ProgrammingSigma { get; }

    /// <summary><c>--seed &lt;n&gt;</c>.</summary>
    public Option<int> Seed { get; }

    /// <summary><c>--analysis op|tran</c>.</summary>
    public Option<string> Analysis { get; }

    /// <summary><c>--tstop &lt;s&gt;</c>.</summary>
    public Option<double?> StopTime { get; }

    /// <summary><c>--force</c>.</summary>
    public Option<bool> Force { get; }

    /// <summary>Adds every option to a command.</summary>
    public void AddTo(Command command)
    {
        Option[] all = [Matrix, Size, Kind, Condition, Rhs, Cell, WireResistance, WireCapacitance, OpAmp, DcGain, GainBandwidth, Bits, ProgrammingSigma, Seed, Analysis, StopTime, Force];
        foreach (Option option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the options into a spec: loads or generates the matrix and vector and checks their shapes.</summary>
    /// <exception cref="UsageException">Bad values, bad combinations, or a bad CSV file (the message names file and line).</exception>
    public CrossbarSpec Read(ParseResult parse)
    {
        int seed = parse.GetValue(Seed);
        var parameters = new List<KeyValuePair<string, string>> { new("seed", Text(seed)) };
        double[,] matrix = ReadMatrix(parse, seed, parameters);
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

        CrossbarBuildOptions options = ReadBuildOptions(parse, seed, parameters);
        CircuitAnalysis analysis = parse.GetValue(Analysis) == "tran" ? CircuitAnalysis.Transient : CircuitAnalysis.OperatingPoint;
        parameters.Add(new("analysis", parse.GetValue(Analysis)!));
        if (options.StopTime is { } stop)
        {
            if (analysis != CircuitAnalysis.Transient)
            {
                throw new UsageException("--tstop applies to --analysis tran only");
            }

            parameters.Add(new("tstop_s", Text(stop)));
        }

        parameters.Add(new("force", Text(options.Force)));
        return new CrossbarSpec(_problem, matrix, vector, options, analysis, parameters);
    }

    private double[,] ReadMatrix(ParseResult parse, int seed, List<KeyValuePair<string, string>> parameters)
    {
        int? size = parse.GetValue(Size);
        string? kind = parse.GetValue(Kind);
        double? condition = parse.GetValue(Condition);
        if (parse.GetValue(Matrix) is { } file)
        {
            if (size is not null || kind is not null || condition is not null)
            {
                throw new UsageException("--matrix reads the matrix from a file; --size, --kind and --condition generate one: give one or the other");
            }

            parameters.Add(new("matrix", file.FullName));
            return NumberCsvReader.ReadMatrix(file.FullName);
        }

        int n = size ?? DefaultSize;
        kind ??= "diagdom";
        if (n < 1)
        {
            throw new UsageException($"--size must be at least 1, got {n}");
        }

        if (condition is not null && kind != "spd")
        {
            throw new UsageException("--condition applies to --kind spd only");
        }

        if (_problem == CrossbarProblem.Ginv && n < 2)
        {
            throw new UsageException($"ginv needs --size of at least 2 (an N×N/2 matrix), got {n}");
        }

        parameters.Add(new("matrix", "generated"));
        parameters.Add(new("size", Text(n)));
        parameters.Add(new("kind", kind));
        double[,] square;
        try
        {
            switch (kind)
            {
                case "spd":
                    double k = condition ?? DefaultCondition;
                    parameters.Add(new("condition", Text(k)));
                    square = MatrixGenerators.SpdWithCondition(n, k, seed);
                    break;
                case "wishart":
                    parameters.Add(new("wishart_samples", Text(WishartSamplesPerDimension * n)));
                    square = MatrixGenerators.Wishart(n, WishartSamplesPerDimension * n, seed);
                    break;
                default:
                    square = MatrixGenerators.DiagonallyDominant(n, seed);
                    break;
            }
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

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

    private CrossbarBuildOptions ReadBuildOptions(ParseResult parse, int seed, List<KeyValuePair<string, string>> parameters)
    {
        string cell = parse.GetValue(Cell)!;
        double wireR = parse.GetValue(WireResistance);
        double wireC = parse.GetValue(WireCapacitance);
        string opAmp = parse.GetValue(OpAmp)!;
        double a0 = parse.GetValue(DcGain);
        double gbw = parse.GetValue(GainBandwidth);
        int bits = parse.GetValue(Bits);
        double sigma = parse.GetValue(ProgrammingSigma);
        bool force = parse.GetValue(Force);
        double? stopTime = parse.GetValue(StopTime);
        if (stopTime is { } t)
        {
            Require(t > 0 && double.IsFinite(t), "--tstop", t, "a finite time > 0 s");
        }

        Require(wireR >= 0 && double.IsFinite(wireR), "--wire-r", wireR, "a finite resistance ≥ 0 Ω");
        Require(wireC >= 0 && double.IsFinite(wireC), "--wire-c", wireC, "a finite capacitance ≥ 0 F");
        Require(a0 > 0 && double.IsFinite(a0), "--a0", a0, "a finite gain > 0");
        Require(gbw > 0 && double.IsFinite(gbw), "--gbw", gbw, "a finite frequency > 0 Hz");
        Require(sigma >= 0 && double.IsFinite(sigma), "--prog-sigma", sigma, "a finite relative σ ≥ 0");
        if (bits is < 0 or > 16)
        {
            throw new UsageException($"--bits must be between 0 (continuous) and 16, got {bits}");
        }

        parameters.Add(new("cell", cell));
        parameters.Add(new("wire_r_ohm", Text(wireR)));
        parameters.Add(new("wire_c_F", Text(wireC)));
        parameters.Add(new("opamp", opAmp));
        parameters.Add(new("a0", Text(a0)));
        parameters.Add(new("gbw_Hz", Text(gbw)));
        parameters.Add(new("bits", Text(bits)));
        parameters.Add(new("prog_sigma", Text(sigma)));
        try
        {
            var options = new CrossbarBuildOptions
            {
                Cell = cell == "1r" ? CrossbarCellKind.Resistor : CrossbarCellKind.Transistor,
                Levels = new ConductanceLevels(bits),
                ProgrammingSigma = sigma,
                Seed = seed,
                OpAmp = opAmp switch
                {
                    "ideal" => OpAmpModel.Ideal(),
                    "gain" => OpAmpModel.WithFiniteGain(a0),
                    _ => OpAmpModel.WithSinglePole(a0, gbw),
                },
                Wires = new WireModel
                {
                    RowResistancePerCell = wireR,
                    ColumnResistancePerCell = wireR,
                    RowCapacitancePerCell = wireC,
                    ColumnCapacitancePerCell = wireC,
                },
                Force = force,
                StopTime = stopTime,
            };
            parameters.Add(new("gmin_S", Text(options.Levels.MinConductance)));
            parameters.Add(new("gmax_S", Text(options.Levels.MaxConductance)));
            parameters.Add(new("gate_voltage_V", Text(options.GateVoltage)));
            parameters.Add(new("signal_voltage_V", Text(options.SignalVoltage)));
            return options;
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static void Require(bool ok, string option, double value, string what)
    {
        if (!ok)
        {
            throw new UsageException($"{option} must be {what}, got {Text(value)}");
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
