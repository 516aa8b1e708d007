namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>One variable of a raw-file plot.</summary>
/// <param name="Name">Normalised name, lower case: <c>time</c>, <c>v(out)</c>, <c>i(v1)</c>, or the sweep name as written.</param>
/// <param name="RawName">The name exactly as ngspice wrote it.</param>
/// <param name="Type">ngspice's type word: time, voltage, current, frequency...</param>
public sealed record RawVariable(string Name, string RawName, string Type)
{
    /// <summary>True when the vector is a current (by type or by an <c>i(</c> name).</summary>
    public bool IsCurrent =>
        string.Equals(Type, "current", StringComparison.OrdinalIgnoreCase)
        || Name.StartsWith("i(", StringComparison.Ordinal);
}

/// <summary>
/// One plot of an ngspice raw file (an analysis result): its variables and its points. For
/// plots other than the operating point, variable 0 is the scale (time, sweep, frequency).
/// </summary>
public sealed class RawPlot
{
    /// <summary>Creates a plot.</summary>
    public RawPlot(string title, string plotName, bool isComplex, IReadOnlyList<RawVariable> variables, IReadOnlyList<double[]> real, IReadOnlyList<double[]>? imaginary)
    {
        Title = title;
        PlotName = plotName;
        IsComplex = isComplex;
        Variables = variables;
        Real = real;
        Imaginary = imaginary;
    }

    /// <summary>Deck title as ngspice echoes it (ngspice lower-cases it).</summary>
    public string Title { get; }

    /// <summary>Plot name: "Operating Point", "DC transfer characteristic", "Transient Analysis", "AC Analysis"...</summary>
    public string PlotName { get; }

    /// <summary>Analysis kind matching <see cref="Crossbar.Circuit.Engine.ResultTable.Analysis"/>: op, dc, tran, ac, or null for other plots.</summary>
    public string? Analysis => PlotName.Trim().ToLowerInvariant() switch
    {
        "operating point" => "op",
        "dc transfer characteristic" => "dc",
        "transient analysis" => "tran",
        "ac analysis" => "ac",
        _ => null,
    };

    /// <summary>True when the values are complex (AC); <see cref="Imaginary"/> then holds the imaginary parts.</summary>
    public bool IsComplex { get; }

    /// <summary>The variables in file order.</summary>
    public IReadOnlyList<RawVariable> Variables { get; }

    /// <summary>Points (rows), each as long as <see cref="Variables"/>: real parts.</summary>
    public IReadOnlyList<double[]> Real { get; }

    /// <summary>Imaginary parts for complex plots, else null.</summary>
    public IReadOnlyList<double[]>? Imaginary { get; }

    /// <summary>Number of points.</summary>
    public int PointCount => Real.Count;

    /// <summary>Index of a variable by normalised name (case-insensitive), or -1.</summary>
    public int IndexOf(string name)
    {
        string key = RawFileReader.NormaliseName(name, "");
        for (int i = 0; i < Variables.Count; i++)
        {
            if (string.Equals(Variables[i].Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Real parts of one variable over all points.</summary>
    public double[] Column(string name)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            throw new KeyNotFoundException($"no vector '{name}' in ngspice plot '{PlotName}'");
        }

        return Column(index);
    }

    /// <summary>Real parts of one variable over all points.</summary>
    public double[] Column(int index)
    {
        var values = new double[Real.Count];
        for (int r = 0; r < values.Length; r++)
        {
            values[r] = Real[r][index];
        }

        return values;
    }
}
