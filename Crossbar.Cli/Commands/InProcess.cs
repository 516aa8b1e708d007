namespace Crossbar.Cli.Commands;

/// <summary>
/// Runs a crossbar command line inside this process (the same code path as the executable: <see cref="Program.Main"/>),
/// its console output captured into a writer of the caller's and its outcome reported through a
/// <see cref="CommandContext"/>. Used by <c>sweep</c> for every point and by <c>demo</c> for every step.
/// </summary>
public static class InProcess
{
    /// <summary>Runs <paramref name="args"/>; returns the exit code (−1 for an exception no command handler caught, logged).</summary>
    /// <remarks>Needs <see cref="Output.ConsoleRouter.Install"/> in effect for the capture to take.</remarks>
    public static int Run(string[] args, TextWriter log, CommandContext context)
    {
        using (Output.ConsoleRouter.CaptureInto(log))
        using (CommandContext.Enter(context))
        {
            try
            {
                return Program.Main(args);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                string message = $"error: {ex.GetType().Name}: {ex.Message}";
                log.WriteLine(message);
                CommandContext.Report(RunStatus.Error, message);
                return -1;
            }
        }
    }
}
