using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Measurements;
using Crossbar.Circuit.Netlists;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar run deck.cir --out dir [--stats] [--dump-matrix file.mtx]</c>: simulates every analysis and writes op.csv, dc.csv, tran.csv; the folder is replaced as a unit (<see cref="OutputFolder"/>).</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var deck = new Argument<FileInfo>("deck") { Description = "SPICE deck (.cir) to simulate" };
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "directory for one CSV per analysis (op.csv, dc.csv, tran.csv, ac.csv, noise.csv; SPICE column names)", Required = true };
        var diagnostics = new DiagnosticOptions();
        var command = new Command("run", "simulate every analysis of a deck and write one CSV per analysis") { deck, output };
        diagnostics.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(() =>
            Execute(parse.GetValue(deck)!, parse.GetValue(output)!, diagnostics.Read(parse))));
        return command;
    }

    private static int Execute(FileInfo deck, DirectoryInfo outDir, RunDiagnostics diagnostics)
    {
        using var folder = OutputFolder.Begin(outDir.FullName);
        if (diagnostics.DumpMatrix is { } dump)
        {
            MatrixDump.Check(dump, folder.Target);
        }

        DateTimeOffset start = DateTimeOffset.UtcNow;
        using var pause = CollectionPause.Start(deck.Exists ? deck.Length : 0);
        var readTime = Stopwatch.StartNew();
        Netlist netlist = NetlistReader.ReadFile(deck.FullName);
        readTime.Stop();
        foreach (string warning in netlist.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        if (netlist.Analyses.Count == 0)
        {
            Console.Error.WriteLine($"warning: {deck.Name} has no analysis (.op, .dc, .tran): nothing to write");
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
        try
        {
            foreach (StepPoint point in points)
            {
                Netlist run = netlist.Steps.Count == 0 ? netlist : point.Apply(pinned => NetlistReader.ReadFile(deck.FullName, pinned));
                int analysis = 0;
                double[] prefix = [.. point.Values];
                results = CircuitSimulator.Run(run, table =>
                {
                    if (analysis == files.Count)
                    {
                        string name = written.Add(table.Analysis) ? table.Analysis : $"{table.Analysis}{written.Count}";
                        var writer = new CsvRowWriter(folder.File(name + ".csv"), [.. stepColumns, .. ColumnNames.ForCsv(table.Columns)]);
                        files.Add(new AnalysisFile(name, table.Analysis, table.Columns.Count + stepColumns.Length, writer));
                    }

                    AnalysisFile file = files[analysis++];
                    table.Sink = prefix.Length == 0 ? file.Write : row => file.Write([.. prefix, .. row]);
                    table.RetainsRows = false;
                    TransientProgress.Attach(table, stops, "run");
                }, captureMatrix: diagnostics.DumpMatrix is not null);
                measures.AddRange(results.Measures.Select(m => (point, m)));
            }
        }
        finally
        {
            foreach (var file in files)
            {
                file.Writer.Dispose();
            }
        }

        foreach (var file in files)
        {
            Console.Error.WriteLine($"wrote {Path.Combine(folder.Target, file.Name + ".csv")} ({file.Rows} rows, {file.Columns} columns)");
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

            CsvTableWriter.Write(folder.File(MeasuresCsv.FileName), [.. stepColumns, .. MeasuresCsv.Header], measures.Select(m => MeasuresCsv.Row(m.Point.Values, m.Result)));
            Console.Error.WriteLine($"wrote {Path.Combine(folder.Target, MeasuresCsv.FileName)} ({measures.Count} measures, {measures.Count(m => !m.Result.Ok)} failed)");
        }

        if (stepColumns.Length == 0)
        {
            Plots.TransientPlot.TrySaveAll(folder.File, files.Where(f => f.Analysis == "tran").Select(f => f.Name), deck.Name);
        }

        WriteRecord(folder.File(RunJson.FileName), deck, netlist, files, results, start);
        if (diagnostics.DumpMatrix is { } matrixFile)
        {
            MatrixDump.Write(matrixFile, results, $"{deck.Name}: {netlist.Title}");
        }

        folder.Commit();

        if (diagnostics.Stats)
        {
            StatisticsReport.Print(results);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deck read time s        {readTime.Elapsed.TotalSeconds:F6}"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>run.json: the deck (path, SHA-256 of its text, title), its analyses, and per file the rows and columns written.</summary>
    private static void WriteRecord(string path, FileInfo deck, Netlist netlist, IReadOnlyList<AnalysisFile> files, SimulationResults results, DateTimeOffset start)
    {
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(deck.FullName)));
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("deck", deck.FullName),
            new("deck_sha256", hash),
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
