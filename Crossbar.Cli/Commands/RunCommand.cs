using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Crossbar.Circuit.Engine;
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
        // live in the staging folder until the whole run has succeeded.
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<(string Name, ResultTable Table, CsvRowWriter Writer)>();
        SimulationResults results;
        Queue<double> stops = TransientProgress.Stops(netlist);
        try
        {
            results = CircuitSimulator.Run(netlist, table =>
            {
                string name = written.Add(table.Analysis) ? table.Analysis : $"{table.Analysis}{written.Count}";
                var writer = new CsvRowWriter(folder.File(name + ".csv"), ColumnNames.ForCsv(table.Columns));
                table.Sink = writer.Write;
                table.RetainsRows = false;
                files.Add((name, table, writer));
                TransientProgress.Attach(table, stops, "run");
            }, captureMatrix: diagnostics.DumpMatrix is not null);
        }
        finally
        {
            foreach (var file in files)
            {
                file.Writer.Dispose();
            }
        }

        foreach (var (name, table, _) in files)
        {
            Console.Error.WriteLine($"wrote {Path.Combine(folder.Target, name + ".csv")} ({table.RowCount} rows, {table.Columns.Count} columns)");
        }

        if (netlist.Measures.Count > 0)
        {
            MeasuresCsv.Print(results.Measures);
            CsvTableWriter.Write(folder.File(MeasuresCsv.FileName), MeasuresCsv.Header, results.Measures.Select(m => MeasuresCsv.Row([], m)));
            Console.Error.WriteLine($"wrote {Path.Combine(folder.Target, MeasuresCsv.FileName)} ({results.Measures.Count} measures, {results.Measures.Count(m => !m.Ok)} failed)");
        }

        Plots.TransientPlot.TrySaveAll(folder.File, files.Where(f => f.Table.Analysis == "tran").Select(f => f.Name), deck.Name);
        WriteRecord(folder.File(RunJson.FileName), deck, netlist, [.. files.Select(f => (f.Name, f.Table))], results, start);
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
    private static void WriteRecord(string path, FileInfo deck, Netlist netlist, IReadOnlyList<(string Name, ResultTable Table)> files, SimulationResults results, DateTimeOffset start)
    {
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(deck.FullName)));
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("deck", deck.FullName),
            new("deck_sha256", hash),
            new("title", netlist.Title),
            new("analyses", string.Join(' ', files.Select(f => f.Table.Analysis))),
        };
        var outputs = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, table) in files)
        {
            outputs[name + ".csv"] = new System.Text.Json.Nodes.JsonObject { ["rows"] = table.RowCount, ["columns"] = table.Columns.Count };
        }

        RunJson.Write(path, "run", parameters, start, DateTimeOffset.UtcNow, new System.Text.Json.Nodes.JsonObject
        {
            ["results"] = new System.Text.Json.Nodes.JsonObject { ["files"] = outputs, ["newton_iterations"] = results.Statistics.NewtonIterations },
        });
    }
}
