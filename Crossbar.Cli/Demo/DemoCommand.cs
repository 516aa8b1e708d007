using System.CommandLine;
using Crossbar.Cli.Commands;
using System.Diagnostics;
using Crossbar.Circuit.Engine;
using System.Globalization;
using System.Text.Json.Nodes;
using Crossbar.Cli.Demo;
using Crossbar.Cli.Output;
using Spectre.Console;

namespace Crossbar.Cli.Demo;

/// <summary>
/// <c>crossbar demo [--out dir] [--quick]</c>: reproduces the paper's headline on built-in defaults (HP-INV with
/// BlockAMC on simulated circuits, an LP-INV transient, a MIMO BER curve, a precision × noise sweep), prints the paper's
/// numbers next to ours and lists every file written. The folder is replaced as a unit.
/// </summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "demo folder: one subfolder per step, logs/, run.json", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")) };
        var quick = new Option<bool>("--quick") { Description = "fewer MIMO frames and sweep seeds (about half the time)" };
        var seed = new Option<int>("--seed") { HelpName = "s", Description = "seed of every step", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "reproduce the paper's headline on built-in defaults and compare with its numbers") { output, quick, seed };
        command.SetAction(parse => CommandRunner.Guard(() => Execute(parse.GetValue(output)!, parse.GetValue(quick), parse.GetValue(seed))));
        return command;
    }

    private static int Execute(DirectoryInfo outDir, bool quick, int seed)
    {
        IReadOnlyList<DemoStep> steps = DemoStep.Headline(quick, seed);
        using var folder = OutputFolder.Begin(outDir.FullName, ownFolders: [.. steps.Select(s => s.Folder), "logs"]);
        TextWriter error = Console.Error;
        var wall = Stopwatch.StartNew();
        DateTimeOffset start = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(folder.File("logs"));
        using (ConsoleRouter.Install())
        {
            for (int i = 0; i < steps.Count; i++)
            {
                DemoStep step = steps[i];
                var started = wall.Elapsed;
                error.WriteLine($"demo [{i + 1}/{steps.Count}] {step.Title}");
                error.WriteLine($"  crossbar {string.Join(' ', step.Arguments)} --out {Path.Combine(folder.Target, step.Folder)}");
                using var log = new StreamWriter(folder.File(Path.Combine("logs", step.Folder + ".log")));
                var context = new CommandContext();
                int code = InProcess.Run([.. step.Arguments, "--out", folder.File(step.Folder)], log, context);
                log.Flush();
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(code == ExitCodes.Ok ? "done" : $"failed (exit {code}, {context.Message})")} in {(wall.Elapsed - started).TotalSeconds:F1} s"));
                if (code != ExitCodes.Ok && code != ExitCodes.SimulationFailure)
                {
                    throw new SimulationException($"demo step {step.Folder} failed: {context.Message}; see its log {folder.File(Path.Combine("logs", step.Folder + ".log"))}");
                }
            }
        }

        IReadOnlyList<DemoReport.Line> lines = DemoReport.Read(folder.Staging);
        Table grid = DemoReport.SweepGrid(folder.Staging);
        Table answer = DemoReport.CostAnswer(folder.Staging);
        RunJson.Write(folder.File(RunJson.FileName), "demo", [new("quick", quick ? "true" : "false"), new("seed", seed.ToString(CultureInfo.InvariantCulture))], start, DateTimeOffset.UtcNow, new JsonObject
        {
            ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject { ["folder"] = s.Folder, ["command_line"] = new JsonArray([.. s.Arguments.Select(a => (JsonNode)JsonValue.Create(a)!)]) })]),
            ["results"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["quantity"] = l.Quantity, ["paper"] = l.Paper, ["crossbarsim"] = l.Ours })]),
        });
        folder.Commit();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 140; // a file or pipe has no width; 80 columns would fold the tables
        }
        DemoReport.Print(console, lines);
        console.Write(grid);
        console.Write(answer);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo: {wall.Elapsed.TotalSeconds:F1} s; files in {folder.Target}:"));
        foreach (string file in Directory.EnumerateFiles(folder.Target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"  {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        }

        return ExitCodes.Ok;
    }
}
