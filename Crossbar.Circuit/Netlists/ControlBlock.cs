namespace Crossbar.Circuit.Netlists;

/// <summary>
/// What CrossbarSim takes from an ngspice <c>.control … .endc</c> block: its analysis commands (<c>op</c>,
/// <c>tran</c>, <c>dc</c>, <c>ac</c>), read as the dot-cards <c>.op</c>, <c>.tran</c>, <c>.dc</c>, <c>.ac</c>. The
/// rest of a script (print, plot, let, meas, echo, if … end checks on the results) works on the results only and is
/// not run. A block is taken only when its analyses give what ngspice computes: a block that changes the circuit
/// between runs (alter, altermod, alterparam, reset, resume, option …), or runs an analysis inside an
/// <c>if</c>/<c>foreach</c>/<c>while</c>/<c>repeat</c>/<c>dowhile</c>, is skipped whole, with the command named.
/// </summary>
public static class ControlBlock
{
    private static readonly string[] AnalysisCommands = ["op", "tran", "dc", "ac"];

    /// <summary>Commands that change the circuit, its options or the run itself, so that an analysis after them does
    /// not simulate the deck as written.</summary>
    private static readonly string[] CircuitChanges =
        ["alter", "altermod", "alterparam", "reset", "resume", "stop", "step", "source", "circbyline", "option", "options", "setseed", "mc_source", "remcirc"];

    private static readonly string[] BlockOpeners = ["if", "foreach", "while", "repeat", "dowhile"];

    /// <summary>Classifies the commands of one block, given the first word of each of its lines in order.</summary>
    /// <param name="commands">First word of every non-comment line between <c>.control</c> and <c>.endc</c>.</param>
    /// <param name="analyses">Receives the indexes (into <paramref name="commands"/>) of the analysis commands taken.</param>
    /// <returns>Null when the analyses are taken (possibly none); otherwise why the whole block is skipped.</returns>
    public static string? Classify(IReadOnlyList<string> commands, List<int> analyses)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(analyses);
        analyses.Clear();
        var depth = 0;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i].ToLowerInvariant();
            if (CircuitChanges.Contains(command))
            {
                analyses.Clear();
                return $"it runs '{command}', which changes the circuit or the run";
            }

            if (BlockOpeners.Contains(command))
            {
                depth++;
            }
            else if (command == "end")
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (AnalysisCommands.Contains(command) || command == "run")
            {
                if (depth > 0)
                {
                    analyses.Clear();
                    return $"it runs '{command}' inside an if/loop";
                }

                if (command != "run")
                {
                    if (i + 1 < commands.Count && commands[i + 1].StartsWith('+'))
                    {
                        analyses.Clear();
                        return $"its '{command}' command continues on a '+' line";
                    }

                    analyses.Add(i);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The deck as ngspice's batch mode should run it to compare with CrossbarSim: every <c>.control</c> block CrossbarSim
    /// takes (<see cref="Classify"/>) is replaced by its analyses as dot-cards, so that <c>ngspice -b -r</c> writes
    /// them to the raw file (a control script's runs are not written there, and its plot commands fail in batch mode);
    /// blocks CrossbarSim skips are removed. Text outside the blocks is kept line for line.
    /// </summary>
    /// <param name="deck">Deck text.</param>
    /// <returns>The deck without control blocks.</returns>
    public static string ForBatchRun(string deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var lines = deck.Split('\n');
        var output = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!FirstWord(lines[i]).Equals(".control", StringComparison.OrdinalIgnoreCase))
            {
                output.Add(lines[i]);
                continue;
            }

            var body = new List<string>();
            var i0 = i;
            for (i++; i < lines.Length && !FirstWord(lines[i]).Equals(".endc", StringComparison.OrdinalIgnoreCase); i++)
            {
                if (FirstWord(lines[i]) is { Length: > 0 } word && word[0] != '*')
                {
                    body.Add(lines[i].TrimStart());
                }
            }

            var taken = new List<int>();
            var reason = Classify(body.Select(FirstWord).ToList(), taken);
            output.Add(reason is null ? $"* .control block at line {i0 + 1}: its analyses as dot-cards" : $"* .control block at line {i0 + 1} removed: {reason}");
            if (reason is null)
            {
                output.AddRange(taken.Select(k => "." + body[k]));
            }
        }

        return string.Join('\n', output);
    }

    private static string FirstWord(string line)
    {
        var trimmed = line.AsSpan().Trim();
        var end = trimmed.IndexOfAny(" \t\r");
        return (end < 0 ? trimmed : trimmed[..end]).ToString();
    }
}
