using System.Globalization;

namespace Crossbar.Circuit.Netlists;

/// <summary>
/// SPICE numbers: a decimal mantissa with optional exponent, an optional scale suffix
/// (f p n u m k meg g t mil, case-insensitive) and trailing unit letters that SPICE ignores
/// (<c>10kOhm</c>, <c>1uF</c>, <c>5V</c>, <c>1e-3s</c>).
/// </summary>
public static class SpiceNumber
{
    /// <summary>Parses a SPICE number; false when the text is not one (or is not finite).</summary>
    /// <param name="text">The token, e.g. <c>2.2k</c>.</param>
    /// <param name="value">The value in SI units.</param>
    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        return !string.IsNullOrEmpty(text) && TryParse(text.AsSpan(), out value);
    }

    /// <summary>Parses a SPICE number from a slice of text; false when it is not one (or is not finite).</summary>
    /// <param name="s">The token, e.g. <c>2.2k</c>.</param>
    /// <param name="value">The value in SI units.</param>
    internal static bool TryParse(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        var i = 0;
        var minus = s[0] == '-';
        if (s[i] is '+' or '-')
        {
            i++;
        }

        // The digits as an integer while it stays exact in a double (for the fast path below).
        ulong digits = 0;
        var digitsBefore = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            digits = AppendDigit(digits, s[i]);
            i++;
            digitsBefore++;
        }

        var digitsAfter = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                digits = AppendDigit(digits, s[i]);
                i++;
                digitsAfter++;
            }
        }

        if (digitsBefore + digitsAfter == 0)
        {
            return false;
        }

        var mantissaEnd = i;
        long exponent = 0;
        if (i < s.Length && (s[i] is 'e' or 'E'))
        {
            var j = i + 1;
            var negative = false;
            if (j < s.Length && (s[j] is '+' or '-'))
            {
                negative = s[j] == '-';
                j++;
            }

            var expDigits = 0;
            while (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                exponent = Math.Min(exponent * 10 + (s[j] - '0'), 100_000);
                j++;
                expDigits++;
            }

            if (expDigits > 0)
            {
                i = j;
                exponent = negative ? -exponent : exponent;
            }
            else
            {
                exponent = 0;
            }
        }

        var rest = s[i..];
        foreach (var c in rest)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        var (power, factor) = Scale(rest);
        double parsed;
        var decimalExponent = exponent + power - digitsAfter;
        if (digits <= MaxExactInteger && Math.Abs(decimalExponent) <= 22)
        {
            // Clinger's fast path: an integer below 2^53 and a power of ten up to 1e22 are both
            // exact doubles, so one multiplication or division rounds correctly, as double.Parse does.
            parsed = decimalExponent >= 0 ? digits * PowersOfTen[decimalExponent] : digits / PowersOfTen[-decimalExponent];
            if (minus)
            {
                parsed = -parsed;
            }
        }
        else if (rest.IsEmpty)
        {
            // No suffix: the token itself is a plain decimal number.
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed))
            {
                return false;
            }
        }
        else
        {
            Span<char> decimalText = mantissaEnd <= 256 ? stackalloc char[mantissaEnd + 24] : new char[mantissaEnd + 24];
            s[..mantissaEnd].CopyTo(decimalText);
            decimalText[mantissaEnd] = 'e';
            if (!(exponent + power).TryFormat(decimalText[(mantissaEnd + 1)..], out var written, default, CultureInfo.InvariantCulture)
                || !double.TryParse(decimalText[..(mantissaEnd + 1 + written)], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed))
            {
                return false;
            }
        }

        value = parsed * factor;
        return double.IsFinite(value);
    }

    /// <summary>2^53: integers up to this are exact doubles.</summary>
    private const ulong MaxExactInteger = 1UL << 53;

    /// <summary>10^0 … 10^22, the powers of ten that are exact doubles.</summary>
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>digits·10 + the digit, or a value above <see cref="MaxExactInteger"/> once it no longer fits.</summary>
    private static ulong AppendDigit(ulong digits, char c) => digits > MaxExactInteger ? digits : (digits * 10) + (ulong)(c - '0');

    /// <summary>Parses a SPICE number or throws <see cref="FormatException"/>.</summary>
    /// <param name="text">The token, e.g. <c>10meg</c>.</param>
    /// <returns>The value in SI units.</returns>
    public static double Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a SPICE number (expected e.g. 1k, 2.2u, 1e-3)");

    /// <summary>Formats a number for a deck: invariant culture, shortest round-trip form, never a comma.</summary>
    /// <param name="value">A finite value.</param>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "SPICE decks cannot hold NaN or infinity");
        }

        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    /// <summary>Scale suffix as a power of ten (exact decimal scaling) and an extra factor (for mil).</summary>
    private static (int Power, double Factor) Scale(ReadOnlySpan<char> letters)
    {
        if (letters.IsEmpty)
        {
            return (0, 1);
        }

        if (letters.StartsWith("meg", StringComparison.OrdinalIgnoreCase))
        {
            return (6, 1);
        }

        if (letters.StartsWith("mil", StringComparison.OrdinalIgnoreCase))
        {
            return (-6, 25.4);
        }

        return char.ToLowerInvariant(letters[0]) switch
        {
            'f' => (-15, 1),
            'p' => (-12, 1),
            'n' => (-9, 1),
            'u' => (-6, 1),
            'm' => (-3, 1),
            'k' => (3, 1),
            'g' => (9, 1),
            't' => (12, 1),
            _ => (0, 1),
        };
    }
}
