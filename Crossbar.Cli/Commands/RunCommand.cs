using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Measurements;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar run deck.cir [more.cir …|-] --out dir [--raw file.raw] [--stats] [--dump-matrix file.mtx]</c>: simulates
/// every analysis of each deck and writes op.csv, dc.csv, tran.csv, ac.csv (and measures.csv for <c>.measure</c>
/// cards); the folder is replaced as a unit (<see cref="OutputFolder"/>). With one deck the files go straight into
/// <c>--out</c>; with several, each deck's into a subfolder named for the deck (file name without extension, <c>stdin</c>
/// for <c>-</c>). Any deck failing fails the run, and the folder keeps its previous contents.
/// </summary>
public static class RunCommand
{
    /// <summary>The argument that reads a deck from standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var decks = new Argument<string[]>("decks")
        {
            Description = "SPICE decks (.cir) to simulate; - reads one from standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "directory for one CSV per analysis (op.csv, dc.csv, tran.csv, ac.csv; SPICE column names) and measures.csv; with several decks, a subfolder per deck", Required = true };
        var raw = new Option<FileInfo?>("--raw") { HelpName = "file.raw", Description = "also write an ngspice binary raw file (one plot per analysis); with several decks, a file of this name in each deck's subfolder" };
        var diagnostics = new DiagnosticOptions();
        var command = new Command("run", "simulate every analysis of one or more decks and write one CSV per analysis") { decks, output, raw };
        diagnostics.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() =>
            Execute(parse.GetValue(decks)!, parse.GetValue(output)!, parse.GetValue(raw), diagnostics.Read(parse))));
        return command;
    }

    private static int Execute(string[] deckArguments, DirectoryInfo outDir, FileInfo? raw, RunDiagnostics diagnostics)
    {
        List<DeckInput> decks = DeckInput.All(deckArguments);
        bool several = decks.Count > 1;
        if (several && diagnostics.DumpMatrix is not null)
        {
            throw new UsageException("--dump-matrix takes one deck: it writes the matrix of one operating point");
        }

        using var folder = OutputFolder.Begin(outDir.FullName, ownFolders: several ? [.. decks.Select(d => d.Name)] : null);
        if (diagnostics.DumpMatrix is { } dump)
        {
            MatrixDump.Check(dump, folder.Target);
        }

        // One deck's raw file is written beside its final place and moved there after the folder is committed.
        string? rawStaging = raw is not null && !several ? raw.FullName + $".tmp{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}" : null;
        try
        {
            foreach (DeckInput deck in decks)
            {
                Func<string, string> file = name => folder.File(name);
                if (several)
                {
                    Directory.CreateDirectory(folder.File(deck.Name));
                    file = name => folder.File(Path.Combine(deck.Name, name));
                }

                string? rawPath = raw is null ? null : several ? file(raw.Name) : rawStaging;
                RunDeck(deck, file, several ? Path.Combine(folder.Target, deck.Name) : folder.Target, rawPath, diagnostics);
            }

            folder.Commit();
            if (rawStaging is not null)
            {
                File.Move(rawStaging, raw!.FullName, overwrite: true);
                Console.Error.WriteLine($"wrote {raw.FullName}");
            }
        }
        finally
        {
            if (rawStaging is not null && File.Exists(rawStaging))
            {
                File.Delete(rawStaging);
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Simulates one deck (once per <c>.step</c> point) and writes its files through <paramref name="file"/>.</summary>
    private static void RunDeck(DeckInput deck, Func<string, string> file, string target, string? rawPath, RunDiagnostics diagnostics)
    {
        DateTimeOffset start = DateTimeOffset.UtcNow;
        using var pause = CollectionPause.Start(deck.Length);
        var readTime = Stopwatch.StartNew();
        Netlist netlist = deck.Read(new Dictionary<string, double>());
        readTime.Stop();
        foreach (string warning in netlist.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        if (netlist.Analyses.Count == 0)
        {
            Console.Error.WriteLine($"warning: {deck.DisplayName} has no analysis (.op, .dc, .tran): nothing to write");
        }

        // Each analysis streams its rows into its CSV file as they are computed (nothing held in memory); the files
        // live in the staging folder until the whole run has succeeded. With .step cards the deck runs once per step
        // point and every analysis's rows of all points go to one file, the step values in leading columns.
        IReadOnlyList<StepPoint> points = StepPoint.All(netlist.Steps);
        string[] stepColumns = [.. netlist.Steps.Select(s => s.ColumnName)];
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<AnalysisFile>();
        var measures = new List<(StepPoint Point, MeasureResult Result)>();
        SimulationResults results = null!;
        Queue<double> stops = TransientProgress.Stops(netlist);
        RawFileWriter? rawFile = rawPath is null ? null : new RawFileWriter(rawPath, netlist.Title);
        try
        {
            foreach (StepPoint point in points)
            {
                Netlist run = netlist.Steps.Count == 0 ? netlist : point.Apply(deck.Read);
                int analysis = 0;
                double[] prefix = [.. point.Values];
                results = CircuitSimulator.Run(run, table =>
                {
                    if (analysis == files.Count)
                    {
                        string name = written.Add(table.Analysis) ? table.Analysis : $"{table.Analysis}{written.Count}";
                        var writer = new CsvRowWriter(file(name + ".csv"), [.. stepColumns, .. ColumnNames.ForCsv(table.Columns)]);
                        files.Add(new AnalysisFile(name, table.Analysis, table.Columns.Count + stepColumns.Length, writer));
                    }

                    AnalysisFile output = files[analysis++];
                    table.Sink = prefix.Length == 0 ? output.Write : row => output.Write([.. prefix, .. row]);
                    table.RetainsRows = false;
                    rawFile?.Attach(table);
                    TransientProgress.Attach(table, stops, "run");
                }, captureMatrix: diagnostics.DumpMatrix is not null);
                measures.AddRange(results.Measures.Select(m => (point, m)));
            }
        }
        finally
        {
            foreach (AnalysisFile output in files)
            {
                output.Writer.Dispose();
            }

            rawFile?.Dispose();
        }

        foreach (AnalysisFile output in files)
        {
            Console.Error.WriteLine($"wrote {Path.Combine(target, output.Name + ".csv")} ({output.Rows} rows, {output.Columns} columns)");
        }

        if (netlist.Measures.Count > 0)
        {
            foreach (var group in measures.GroupBy(m => m.Point))
            {
                if (stepColumns.Length > 0)
                {
                    Console.Out.WriteLine($"* {group.Key}");
                }

                MeasuresCsv.Print(group.Select(m => m.Result));
            }

            CsvTableWriter.Write(file(MeasuresCsv.FileName), [.. stepColumns, .. MeasuresCsv.Header], measures.Select(m => MeasuresCsv.Row(m.Point.Values, m.Result)));
            Console.Error.WriteLine($"wrote {Path.Combine(target, MeasuresCsv.FileName)} ({measures.Count} measures, {measures.Count(m => !m.Result.Ok)} failed)");
        }

        if (stepColumns.Length == 0)
        {
            Plots.TransientPlot.TrySaveAll(file, files.Where(f => f.Analysis == "tran").Select(f => f.Name), deck.DisplayName);
        }

        WriteRecord(file(RunJson.FileName), deck, netlist, files, results, start);
        if (diagnostics.DumpMatrix is { } matrixFile)
        {
            MatrixDump.Write(matrixFile, results, $"{deck.DisplayName}: {netlist.Title}");
        }

        if (diagnostics.Stats)
        {
            StatisticsReport.Print(results);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deck read time s        {readTime.Elapsed.TotalSeconds:F6}"));
        }
    }

    /// <summary>run.json: the deck (path, SHA-256 of its text, title), its analyses and steps, and per file the rows and columns written.</summary>
    private static void WriteRecord(string path, DeckInput deck, Netlist netlist, IReadOnlyList<AnalysisFile> files, SimulationResults results, DateTimeOffset start)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("deck", deck.Path ?? StandardInput),
            new("deck_sha256", deck.Sha256()),
            new("title", netlist.Title),
            new("analyses", string.Join(' ', files.Select(f => f.Analysis))),
            new("steps", string.Join(' ', netlist.Steps.Select(s => $"{s.ColumnName}:{s.Values.Count}"))),
        };
        var outputs = new System.Text.Json.Nodes.JsonObject();
        foreach (AnalysisFile file in files)
        {
            outputs[file.Name + ".csv"] = new System.Text.Json.Nodes.JsonObject { ["rows"] = file.Rows, ["columns"] = file.Columns };
        }

        RunJson.Write(path, "run", parameters, start, DateTimeOffset.UtcNow, new System.Text.Json.Nodes.JsonObject
        {
            ["results"] = new System.Text.Json.Nodes.JsonObject { ["files"] = outputs, ["newton_iterations"] = results.Statistics.NewtonIterations },
        });
    }

    /// <summary>One analysis's CSV file, written row by row over every step point.</summary>
    private sealed class AnalysisFile(string name, string analysis, int columns, CsvRowWriter writer)
    {
        public string Name { get; } = name;

        public string Analysis { get; } = analysis;

        public int Columns { get; } = columns;

        public CsvRowWriter Writer { get; } = writer;

        public long Rows { get; private set; }

        public void Write(double[] row)
        {
            Rows++;
            Writer.Write(row);
        }
    }
}
