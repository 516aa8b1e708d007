namespace Crossbar.Circuit.Netlists;

/// <summary><c>.step</c> cards.</summary>
public sealed partial class NetlistReader
{
    private const string StepForms =
        "expected '.step param name list v1 v2 …', '.step param name start stop step', '.step source …' or '.step model(param) …'";

    /// <summary>Most values one <c>.step</c> card may produce.</summary>
    private const int MaxStepValues = 100_000;

    /// <summary>Reads one <c>.step</c> card.</summary>
    private StepCard ReadStep(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count < 3)
        {
            throw new NetlistException(card.End, $".step: {StepForms}");
        }

        var i = 1;
        StepTarget target;
        string name;
        string? parameter = null;
        if (tokens[1].IsWordLike("param"))
        {
            if (!tokens[2].IsWord || !IsIdentifier(tokens[2].Text))
            {
                throw new NetlistException(tokens[2].Location, $".step param: expected a parameter name, found '{tokens[2].Display}'");
            }

            target = StepTarget.Parameter;
            name = tokens[2].Text;
            i = 3;
        }
        else if (tokens[1].IsWord && i + 1 < tokens.Count && tokens[2].Kind == TokenKind.LeftParen)
        {
            if (tokens.Count < 5 || !tokens[3].IsWord || tokens[4].Kind != TokenKind.RightParen)
            {
                throw new NetlistException(tokens[Math.Min(3, tokens.Count - 1)].Location, $".step {tokens[1].Text}(…): expected model(parameter)");
            }

            target = StepTarget.Model;
            name = tokens[1].Text;
            parameter = tokens[3].Lower;
            i = 5;
        }
        else if (tokens[1].IsWord && !IsValue(tokens[1]) && char.ToUpperInvariant(tokens[1].Text[0]) is 'V' or 'I')
        {
            target = StepTarget.Source;
            name = tokens[1].Text;
            i = 2;
        }
        else
        {
            throw new NetlistException(tokens[1].Location, $".step: unexpected '{tokens[1].Display}': {StepForms}");
        }

        var what = target == StepTarget.Model ? $".step {name}({parameter})" : $".step {name}";
        var values = new List<double>();
        if (i < tokens.Count && tokens[i].IsWordLike("list"))
        {
            for (i++; i < tokens.Count; i++)
            {
                values.Add(ReadValue(tokens[i], $"a value of {what}").Value);
            }

            if (values.Count == 0)
            {
                throw new NetlistException(card.End, $"{what}: expected values after 'list'");
            }
        }
        else
        {
            if (tokens.Count - i != 3)
            {
                throw new NetlistException(tokens.Count - i < 3 ? card.End : tokens[i + 3].Location, $"{what}: expected 'start stop step' or 'list v1 v2 …'");
            }

            double start = ReadValue(tokens[i], $"the start of {what}").Value;
            double stop = ReadValue(tokens[i + 1], $"the stop of {what}").Value;
            double step = ReadValue(tokens[i + 2], $"the step of {what}").Value;
            double count = Math.Floor(((stop - start) / step) + 1e-9) + 1;
            if (step == 0 || !(count >= 1))
            {
                throw new NetlistException(tokens[i + 2].Location, FormattableString.Invariant($"{what}: step {step:G6} does not go from {start:G6} to {stop:G6}"));
            }

            if (count > MaxStepValues)
            {
                throw new NetlistException(tokens[i + 2].Location, FormattableString.Invariant($"{what}: {count:G6} values is too many (at most {MaxStepValues})"));
            }

            for (var k = 0; k < (int)count; k++)
            {
                values.Add(start + (k * step));
            }
        }

        var result = new StepCard(target, name, parameter, values) { Text = MeasureText(card), Location = card.Location };
        if (_netlist.Steps.Any(s => s.SameTarget(result)))
        {
            throw new NetlistException(tokens[target == StepTarget.Parameter ? 2 : 1].Location, $"{what}: stepped twice");
        }

        return result;
    }
}
