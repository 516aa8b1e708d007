namespace Crossbar.Cli.Output;

/// <summary>
/// The command line of the invocation being run (set by <see cref="Program.Main"/>), so run.json can record it. Stored per
/// async flow (<see cref="AsyncLocal{T}"/>): tests and in-process sweeps call <see cref="Program.Main"/> on several flows
/// at once, and each run must record its own arguments, not the last ones set.
/// </summary>
public static class Invocation
{
    private static readonly AsyncLocal<IReadOnlyList<string>?> Current = new();

    /// <summary>The arguments given to <see cref="Program.Main"/> in this flow (without the program name); empty when none were recorded.</summary>
    public static IReadOnlyList<string> Arguments => Current.Value ?? [];

    /// <summary>Records the arguments of this flow's invocation.</summary>
    /// <param name="args">The arguments as given.</param>
    public static void Set(IReadOnlyList<string> args) => Current.Value = [.. args];
}
