namespace Crossbar.Circuit.Netlists;

/// <summary>Scanning of a number token inside an expression (shared by the .param evaluator and behavioural sources).</summary>
internal static class ExpressionNumber
{
    /// <summary>
    /// End of the number that starts at <paramref name="start"/>: digits and dots, an optional
    /// exponent (e, sign, digits), then trailing letters (SI suffix and unit, as SPICE reads them).
    /// </summary>
    public static int End(string text, int start)
    {
        int pos = start;
        while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.'))
        {
            pos++;
        }

        if (pos < text.Length && (text[pos] is 'e' or 'E'))
        {
            int j = pos + 1;
            if (j < text.Length && (text[j] is '+' or '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                pos = j;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    pos++;
                }
            }
        }

        while (pos < text.Length && char.IsAsciiLetter(text[pos]))
        {
            pos++;
        }

        return pos;
    }
}
