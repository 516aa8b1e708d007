using System.Globalization;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// Parses ngspice raw files, ASCII (written with <c>SPICE_ASCIIRAWFILE=1</c>, or <c>set filetype=ascii</c>) or
/// binary (ngspice's default, and CrossbarSim's <c>--raw</c>): any number of plots, real or complex values.
/// </summary>
/// <remarks>
/// Names are lower-cased and normalised so that they match the engine's column names:
/// <c>v1#branch</c> becomes <c>i(v1)</c>, a bare node name of type voltage (<c>out</c>)
/// becomes <c>v(out)</c>. The scale of a sweep plot (variable 0: <c>time</c>,
/// <c>frequency</c>, <c>v(v-sweep)</c>, <c>i(i-sweep)</c>...) is only lower-cased.
/// </remarks>
public static class RawFileReader
{
    /// <summary>Reads and parses a raw file, ASCII or binary.</summary>
    public static IReadOnlyList<RawPlot> ReadFile(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf("\nBinary:\n"u8) >= 0 ? ParseBinary(bytes, path) : Parse(System.Text.Encoding.ASCII.GetString(bytes), path);
    }

    /// <summary>The header lines of each plot of a binary raw file, up to and including <c>Binary:</c>.</summary>
    public static IReadOnlyList<string[]> BinaryHeaders(byte[] bytes) => [.. BinaryPlots(bytes, "raw file").Select(p => p.Header)];

    /// <summary>Parses a binary raw file: per plot a text header ending in <c>Binary:\n</c>, then little-endian doubles.</summary>
    public static IReadOnlyList<RawPlot> ParseBinary(byte[] bytes, string source = "raw file") => [.. BinaryPlots(bytes, source).Select(p => p.Plot)];

    private static IEnumerable<(string[] Header, RawPlot Plot)> BinaryPlots(byte[] bytes, string source)
    {
        int at = 0;
        while (at < bytes.Length)
        {
            int binary = bytes.AsSpan(at).IndexOf("Binary:\n"u8);
            if (binary < 0)
            {
                throw new FormatException($"{source}: no 'Binary:' after byte {at}");
            }

            string[] header = System.Text.Encoding.ASCII.GetString(bytes, at, binary + "Binary:".Length).Split('\n');
            at += binary + "Binary:\n".Length;
            string Field(string key) => header.FirstOrDefault(l => l.StartsWith(key, StringComparison.OrdinalIgnoreCase)) is { } line
                ? Value(line) : throw new FormatException($"{source}: plot header has no '{key}'");
            string plotName = Field("Plotname:");
            bool isComplex = Field("Flags:").Contains("complex", StringComparison.OrdinalIgnoreCase);
            int variableCount = ParseInt(Field("No. Variables:"), source, -1);
            int pointCount = ParseInt(Field("No. Points:"), source, -1);
            int first = Array.FindIndex(header, l => l.StartsWith("Variables:", StringComparison.OrdinalIgnoreCase)) + 1;
            var variables = new List<RawVariable>(variableCount);
            for (int v = 0; v < variableCount; v++)
            {
                string[] parts = header[first + v].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                bool isScale = v == 0 && !string.Equals(plotName.Trim(), "Operating Point", StringComparison.OrdinalIgnoreCase);
                variables.Add(new RawVariable(isScale ? parts[1].ToLowerInvariant() : NormaliseName(parts[1], parts[2]), parts[1], parts[2]));
            }

            int width = isComplex ? 2 : 1;
            long needed = (long)pointCount * variableCount * width * sizeof(double);
            if (at + needed > bytes.Length)
            {
                throw new FormatException($"{source}: plot '{plotName}' needs {needed} bytes of data, {bytes.Length - at} left");
            }

            var real = new List<double[]>(pointCount);
            List<double[]>? imaginary = isComplex ? new List<double[]>(pointCount) : null;
            for (int p = 0; p < pointCount; p++)
            {
                var re = new double[variableCount];
                var im = isComplex ? new double[variableCount] : null;
                for (int v = 0; v < variableCount; v++)
                {
                    re[v] = System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(at));
                    at += sizeof(double);
                    if (im is not null)
                    {
                        im[v] = System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(at));
                        at += sizeof(double);
                    }
                }

                real.Add(re);
                imaginary?.Add(im!);
            }

            yield return (header, new RawPlot(Field("Title:"), plotName, isComplex, variables, real, imaginary));
        }
    }

    /// <summary>Parses the text of a raw file.</summary>
    /// <param name="text">Whole file.</param>
    /// <param name="source">Name used in error messages.</param>
    public static IReadOnlyList<RawPlot> Parse(string text, string source = "raw file")
    {
        var plots = new List<RawPlot>();
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int i = 0;
        while (i < lines.Length)
        {
            if (lines[i].StartsWith("Title:", StringComparison.OrdinalIgnoreCase))
            {
                plots.Add(ParsePlot(lines, ref i, source));
            }
            else
            {
                i++;
            }
        }

        return plots;
    }

    /// <summary>
    /// Normalises an ngspice vector name: lower case, <c>x#branch</c> → <c>i(x)</c>, a bare
    /// name of type voltage → <c>v(name)</c>, spaces removed inside parentheses.
    /// </summary>
    /// <param name="name">Name as written.</param>
    /// <param name="type">ngspice type word (voltage, current...), or empty when unknown.</param>
    public static string NormaliseName(string name, string type)
    {
        string n = name.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (n.EndsWith("#branch", StringComparison.Ordinal))
        {
            return $"i({n[..^"#branch".Length]})";
        }

        if (n.StartsWith("i(", StringComparison.Ordinal) && n.EndsWith("#branch)", StringComparison.Ordinal))
        {
            return $"i({n[2..^"#branch)".Length]})";
        }

        if (!n.Contains('(', StringComparison.Ordinal) && string.Equals(type, "voltage", StringComparison.OrdinalIgnoreCase))
        {
            return $"v({n})";
        }

        return n;
    }

    private static RawPlot ParsePlot(string[] lines, ref int i, string source)
    {
        string title = Value(lines[i]);
        string plotName = "";
        string flags = "";
        int variableCount = -1;
        int pointCount = -1;
        i++;

        // Header lines until "Variables:".
        while (i < lines.Length && !lines[i].StartsWith("Variables:", StringComparison.OrdinalIgnoreCase))
        {
            string line = lines[i];
            if (line.StartsWith("Plotname:", StringComparison.OrdinalIgnoreCase))
            {
                plotName = Value(line);
            }
            else if (line.StartsWith("Flags:", StringComparison.OrdinalIgnoreCase))
            {
                flags = Value(line).ToLowerInvariant();
            }
            else if (line.StartsWith("No. Variables:", StringComparison.OrdinalIgnoreCase))
            {
                variableCount = ParseInt(Value(line), source, i);
            }
            else if (line.StartsWith("No. Points:", StringComparison.OrdinalIgnoreCase))
            {
                pointCount = ParseInt(Value(line), source, i);
            }
            else if (line.StartsWith("Title:", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"{source}, line {i + 1}: plot '{plotName}' has no 'Variables:' section");
            }

            i++;
        }

        if (i >= lines.Length || variableCount < 0 || pointCount < 0)
        {
            throw new FormatException($"{source}: incomplete header for plot '{plotName}' (variables {variableCount}, points {pointCount})");
        }

        bool isComplex = flags.Contains("complex", StringComparison.Ordinal);

        // Variables: one per line, "\t<index>\t<name>\t<type>[\t<extra>...]".
        var variables = new List<RawVariable>(variableCount);
        i++;
        while (variables.Count < variableCount && i < lines.Length)
        {
            string[] parts = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3)
            {
                string raw = parts[1];
                string type = parts[2];
                bool isScale = variables.Count == 0 && !string.Equals(plotName.Trim(), "Operating Point", StringComparison.OrdinalIgnoreCase);
                string normalised = isScale ? raw.ToLowerInvariant() : NormaliseName(raw, type);
                variables.Add(new RawVariable(normalised, raw, type));
            }
            else if (parts.Length > 0)
            {
                throw new FormatException($"{source}, line {i + 1}: cannot read variable line '{lines[i].Trim()}'");
            }

            i++;
        }

        // Skip to "Values:" (or "Binary:", which this reader does not handle).
        while (i < lines.Length && !lines[i].StartsWith("Values:", StringComparison.OrdinalIgnoreCase))
        {
            if (lines[i].StartsWith("Binary:", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"{source}: plot '{plotName}' is binary; run ngspice with SPICE_ASCIIRAWFILE=1");
            }

            i++;
        }

        i++;
        var tokens = new List<string>();
        while (i < lines.Length && !lines[i].StartsWith("Title:", StringComparison.OrdinalIgnoreCase))
        {
            foreach (string token in lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                tokens.Add(token);
            }

            i++;
        }

        var real = new List<double[]>(pointCount);
        List<double[]>? imaginary = isComplex ? new List<double[]>(pointCount) : null;
        int stride = variableCount + 1;
        int complete = tokens.Count / stride;
        for (int p = 0; p < complete; p++)
        {
            int at = p * stride;
            if (ParseInt(tokens[at], source, -1) != p)
            {
                throw new FormatException($"{source}: plot '{plotName}' point {p} is numbered '{tokens[at]}'");
            }

            var re = new double[variableCount];
            var im = isComplex ? new double[variableCount] : null;
            for (int v = 0; v < variableCount; v++)
            {
                string token = tokens[at + 1 + v];
                if (isComplex)
                {
                    int comma = token.IndexOf(',', StringComparison.Ordinal);
                    if (comma < 0)
                    {
                        throw new FormatException($"{source}: plot '{plotName}' point {p} value '{token}' is not complex");
                    }

                    re[v] = ParseDouble(token[..comma], source);
                    im![v] = ParseDouble(token[(comma + 1)..], source);
                }
                else
                {
                    re[v] = ParseDouble(token, source);
                }
            }

            real.Add(re);
            imaginary?.Add(im!);
        }

        if (tokens.Count % stride != 0)
        {
            throw new FormatException($"{source}: plot '{plotName}' ends inside point {complete} ({tokens.Count % stride} of {stride} fields)");
        }

        return new RawPlot(title, plotName, isComplex, variables, real, imaginary);
    }

    private static string Value(string headerLine)
    {
        int colon = headerLine.IndexOf(':', StringComparison.Ordinal);
        return headerLine[(colon + 1)..].Trim();
    }

    private static int ParseInt(string text, string source, int line)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            string where = line >= 0 ? $", line {line + 1}" : "";
            throw new FormatException($"{source}{where}: '{text}' is not an integer");
        }

        return value;
    }

    private static double ParseDouble(string text, string source)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new FormatException($"{source}: '{text}' is not a number");
        }

        return value;
    }
}
