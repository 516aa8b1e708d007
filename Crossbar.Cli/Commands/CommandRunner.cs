using System.CommandLine;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Cli.Commands;

/// <summary>Parses, reports usage errors with exit code 2, and maps exceptions to exit codes with one-line messages on stderr.</summary>
public static class CommandRunner
{
    /// <summary>Parses and invokes a root command.</summary>
    public static int Invoke(RootCommand root, string[] args)
    {
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"error: {UsageException.Plain(error.Message)}");
            }

            Console.Error.WriteLine("run 'crossbar --help' for usage");
            return ExitCodes.UsageError;
        }

        return parse.Invoke();
    }

    /// <summary>Runs a command body, turning known failures into messages and exit codes.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (SimulationException ex)
        {
            string message = $"simulation failed: {UsageException.Plain(ex)}";
            Console.Error.WriteLine(message);
            CommandContext.Report(RunStatus.NotConverged, message);
            return ExitCodes.SimulationFailure;
        }
        catch (InvUnstableException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            CommandContext.Report(RunStatus.Unstable, ex.Message);
            return ExitCodes.SimulationFailure;
        }
        catch (Exception ex) when (ex is NetlistException or UsageException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // ArgumentException: a builder or generator refusing a value; its message without .NET's "(Parameter 'x')".
            string message = $"error: {UsageException.Plain(ex)}";
            Console.Error.WriteLine(message);
            CommandContext.Report(RunStatus.Error, message);
            return ExitCodes.UsageError;
        }
    }
}
