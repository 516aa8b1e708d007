namespace Crossbar.Cli.Commands;

/// <summary>
/// What a command run inside a sweep shares with the sweep: how many threads it may use and how it ended
/// (<see cref="RunStatus"/> and a one-line message). Flows with the async context, so parallel sweep points each
/// see their own; outside a sweep there is none and <see cref="Threads"/> is every core.
/// </summary>
public sealed class CommandContext
{
    private static readonly AsyncLocal<CommandContext?> CurrentContext = new();

    /// <summary>Threads the run may use for its own parallel work (HP-MVM slices).</summary>
    public int ThreadBudget { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether the run draws the plots that commands write beside their CSV files (a sweep point whose folder is
    /// thrown away does not: the first plot of a process costs about 0.3 s).</summary>
    public bool DrawPlots { get; init; } = true;

    /// <summary>How the run ended; <see cref="RunStatus.Ok"/> until something reports otherwise.</summary>
    public RunStatus Status { get; private set; } = RunStatus.Ok;

    /// <summary>The message that goes with <see cref="Status"/> (empty when ok).</summary>
    public string Message { get; private set; } = string.Empty;

    /// <summary>Threads the current run may use: the sweep's share inside a sweep, otherwise every core.</summary>
    public static int Threads => CurrentContext.Value?.ThreadBudget ?? Environment.ProcessorCount;

    /// <summary>Whether the current run draws its plots (always, outside a sweep).</summary>
    public static bool PlotsWanted => CurrentContext.Value?.DrawPlots ?? true;

    /// <summary>Makes <paramref name="context"/> current for this async flow until the result is disposed.</summary>
    public static IDisposable Enter(CommandContext context)
    {
        CommandContext? previous = CurrentContext.Value;
        CurrentContext.Value = context;
        return new Restore(previous);
    }

    /// <summary>Records how the current run ended (no effect outside a sweep). The first non-ok report wins.</summary>
    public static void Report(RunStatus status, string message)
    {
        if (CurrentContext.Value is { } context && context.Status == RunStatus.Ok)
        {
            context.Status = status;
            context.Message = message;
        }
    }

    private sealed class Restore(CommandContext? previous) : IDisposable
    {
        public void Dispose() => CurrentContext.Value = previous;
    }
}
