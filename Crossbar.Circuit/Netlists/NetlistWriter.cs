using System.Globalization;
using System.Text;

namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Prints a <see cref="Netlist"/> as a deck that ngspice 39 runs unmodified and that
/// <see cref="NetlistReader"/> reads back to the same model. Numbers use
/// <see cref="SpiceNumber.Format"/>; values that came from expressions print as <c>{expr}</c>.
/// </summary>
/// <remarks>
/// Order: title, <c>.param</c>, <c>.options</c>, <c>.global</c>, <c>.model</c>, <c>.subckt</c> definitions,
/// elements, <c>.ic</c>, <c>.nodeset</c>, analyses, <c>.save</c>, <c>.print</c>, <c>.step</c>, <c>.measure</c> (both
/// as read, continuation lines joined; a deck with <c>.step</c> does not run in ngspice, which has none), <c>.end</c>.
/// Warnings are not printed, and neither are <c>.print op</c> cards: ngspice 39 rejects them and then skips the other
/// analyses' output.
/// </remarks>
public static class NetlistWriter
{
    /// <summary>Prints a netlist as SPICE text (lines end with <c>\n</c>).</summary>
    /// <param name="netlist">The netlist.</param>
    /// <returns>The deck.</returns>
    public static string Write(Netlist netlist)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var sb = new StringBuilder();
        var title = netlist.Title.ReplaceLineEndings(" ").Trim();
        sb.Append(title).Append('\n');
        foreach (var parameter in netlist.Parameters)
        {
            sb.Append(".param ").Append(parameter.Name).Append('=').Append(Value(parameter.Value)).Append('\n');
        }

        if (netlist.Options.Count > 0)
        {
            sb.Append(".options");
            foreach (var option in netlist.Options)
            {
                sb.Append(' ').Append(option.Name);
                if (option.Value is { } number)
                {
                    sb.Append('=').Append(SpiceNumber.Format(number));
                }
                else if (option.Text is { } text)
                {
                    sb.Append('=').Append(text);
                }
            }

            sb.Append('\n');
        }

        if (netlist.GlobalNodes.Count > 0)
        {
            sb.Append(".global ").AppendJoin(' ', netlist.GlobalNodes).Append('\n');
        }

        WriteBody(sb, netlist.Models, netlist.Subcircuits, netlist.Elements, string.Empty);
        foreach (var array in netlist.Arrays)
        {
            CrossbarArrayWriter.Write(sb, array);
        }

        WriteNodeValues(sb, ".ic", netlist.InitialConditions);
        WriteNodeValues(sb, ".nodeset", netlist.Nodesets);

        foreach (var analysis in netlist.Analyses)
        {
            WriteAnalysis(sb, analysis);
        }

        if (netlist.Saves.Count > 0)
        {
            sb.Append(".save");
            AppendVectors(sb, netlist.Saves);
            sb.Append('\n');
        }

        foreach (var print in netlist.Prints.Where(p => !string.Equals(p.Analysis, "op", StringComparison.OrdinalIgnoreCase)))
        {
            sb.Append(".print ").Append(print.Analysis.ToLowerInvariant());
            AppendVectors(sb, print.Vectors);
            sb.Append('\n');
        }

        foreach (var step in netlist.Steps)
        {
            sb.Append(step.Text).Append('\n');
        }

        foreach (var measure in netlist.Measures)
        {
            sb.Append(measure.Text).Append('\n');
        }

        sb.Append(".end\n");
        return sb.ToString();
    }

    /// <summary>A value as written on a card: <c>{expr}</c> or a number.</summary>
    /// <param name="value">The value.</param>
    public static string Value(ParamValue value) =>
        value.Expression is { } expression ? "{" + expression + "}" : SpiceNumber.Format(value.Value);

    /// <summary>One element card, without the line end.</summary>
    /// <param name="element">The element.</param>
    public static string Element(ElementCard element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var sb = new StringBuilder(element.Name);
        if (element.Polynomial is not null || element.Table is not null)
        {
            return ControlledForm(sb, element);
        }

        foreach (var node in element.Nodes)
        {
            sb.Append(' ').Append(node);
        }

        switch (element.Kind)
        {
            case 'V' or 'I':
                if (element.Value is { } dc)
                {
                    sb.Append(" dc ").Append(Value(dc));
                }

                if (element.AcMagnitude is { } magnitude)
                {
                    sb.Append(" ac ").Append(Value(magnitude));
                    if (element.AcPhase is { } phase)
                    {
                        sb.Append(' ').Append(Value(phase));
                    }
                }

                if (element.Waveform is { } waveform)
                {
                    sb.Append(' ').Append(Waveform(waveform));
                }

                break;
            case 'B' when element.Behavior is { } behavior:
                sb.Append(' ').Append(char.ToLowerInvariant(behavior.Quantity)).Append("={").Append(behavior.Expression).Append('}');
                break;
            case 'E' or 'G' when element.Behavior is { } behavior:
                sb.Append(" value={").Append(behavior.Expression).Append('}');
                break;
            case 'F' or 'H':
                sb.Append(' ').Append(element.ControlSource);
                AppendValue(sb, element.Value);
                break;
            case 'D' or 'M' or 'S' or 'X':
                sb.Append(' ').Append(element.Model);
                break;
            case 'W':
                sb.Append(' ').Append(element.ControlSource).Append(' ').Append(element.Model);
                break;
            default:
                AppendValue(sb, element.Value);
                break;
        }

        foreach (var (key, value) in element.Parameters)
        {
            sb.Append(' ').Append(key).Append('=').Append(Value(value));
        }

        foreach (var flag in element.Flags)
        {
            sb.Append(' ').Append(flag);
        }

        return sb.ToString();
    }

    /// <summary>The POLY(n) or TABLE form of a controlled source.</summary>
    private static string ControlledForm(StringBuilder sb, ElementCard element)
    {
        sb.Append(' ').Append(element.Nodes[0]).Append(' ').Append(element.Nodes[1]);
        if (element.Table is { } table)
        {
            sb.Append(" table {").Append(table.Input).Append("} =");
            foreach (var (x, y) in table.Points)
            {
                sb.Append(" (").Append(Value(x)).Append(", ").Append(Value(y)).Append(')');
            }

            return sb.ToString();
        }

        var polynomial = element.Polynomial!;
        sb.Append(" poly(").Append(polynomial.Dimensions.ToString(CultureInfo.InvariantCulture)).Append(')');
        foreach (var control in element.Nodes.Skip(2).Concat(polynomial.ControlSources))
        {
            sb.Append(' ').Append(control);
        }

        foreach (var coefficient in polynomial.Coefficients)
        {
            sb.Append(' ').Append(Value(coefficient));
        }

        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, ParamValue? value)
    {
        if (value is { } v)
        {
            sb.Append(' ').Append(Value(v));
        }
    }

    private static string Waveform(SourceWaveform waveform)
    {
        IEnumerable<ParamValue> values;
        string name;
        switch (waveform)
        {
            case PulseWaveform p:
                name = "pulse";
                values = new[] { p.Initial, p.Pulsed, p.Delay, p.RiseTime, p.FallTime, p.Width, p.Period }.Take(Math.Clamp(p.GivenCount, 2, 7));
                break;
            case SinWaveform s:
                name = "sin";
                values = new[] { s.Offset, s.Amplitude, s.Frequency, s.Delay, s.Damping, s.Phase }.Take(Math.Clamp(s.GivenCount, 2, 6));
                break;
            case ExpWaveform e:
                name = "exp";
                values = new[] { e.Initial, e.Pulsed, e.RiseDelay, e.RiseTimeConstant, e.FallDelay, e.FallTimeConstant }.Take(Math.Clamp(e.GivenCount, 2, 6));
                break;
            case SffmWaveform f:
                name = "sffm";
                values = new[] { f.Offset, f.Amplitude, f.CarrierFrequency, f.ModulationIndex, f.SignalFrequency, f.CarrierPhase, f.SignalPhase }.Take(Math.Clamp(f.GivenCount, 2, 7));
                break;
            case AmWaveform a:
                name = "am";
                values = new[] { a.Amplitude, a.Offset, a.ModulationFrequency, a.CarrierFrequency, a.Delay, a.ModulationPhase, a.CarrierPhase }.Take(Math.Clamp(a.GivenCount, 2, 7));
                break;
            case PwlWaveform w:
                name = "pwl";
                values = w.Points.SelectMany(p => new[] { p.Time, p.Value });
                break;
            case TrNoiseWaveform n:
                name = "trnoise";
                var all = new[] { n.WhiteAmplitude, n.Step, n.FlickerExponent, n.FlickerAmplitude, n.RtsAmplitude, n.RtsCaptureTime, n.RtsEmissionTime };
                var rts = n.RtsAmplitude.Value != 0 || n.RtsCaptureTime.Value != 0 || n.RtsEmissionTime.Value != 0
                    || n.RtsAmplitude.Expression is not null || n.RtsCaptureTime.Expression is not null || n.RtsEmissionTime.Expression is not null;
                values = all.Take(rts ? 7 : 4);
                break;
            default:
                throw new ArgumentException($"unknown waveform {waveform.GetType().Name}", nameof(waveform));
        }

        return name + "(" + string.Join(' ', values.Select(Value)) + ")";
    }

    private static void WriteBody(
        StringBuilder sb,
        Dictionary<string, ModelCard> models,
        Dictionary<string, SubcircuitDefinition> subcircuits,
        List<ElementCard> elements,
        string indent)
    {
        foreach (var model in models.Values)
        {
            sb.Append(indent).Append(".model ").Append(model.Name).Append(' ').Append(model.Type);
            if (model.Parameters.Count > 0)
            {
                sb.Append(" (").AppendJoin(' ', model.Parameters.Select(p => p.Key + "=" + Value(p.Value))).Append(')');
            }

            sb.Append('\n');
        }

        foreach (var definition in subcircuits.Values)
        {
            sb.Append(indent).Append(".subckt ").Append(definition.Name);
            foreach (var port in definition.Ports)
            {
                sb.Append(' ').Append(port);
            }

            if (definition.Parameters.Count > 0)
            {
                sb.Append(" params:");
                foreach (var (key, value) in definition.Parameters)
                {
                    sb.Append(' ').Append(key).Append('=').Append(Value(value));
                }
            }

            sb.Append('\n');
            WriteBody(sb, definition.Models, definition.Subcircuits, definition.Elements, indent + "  ");
            sb.Append(indent).Append(".ends ").Append(definition.Name).Append('\n');
        }

        foreach (var element in elements)
        {
            sb.Append(indent).Append(Element(element)).Append('\n');
        }
    }

    /// <summary>Prints <c>.ic</c> or <c>.nodeset</c> with its <c>v(node)=value</c> pairs (nothing when there are none).</summary>
    private static void WriteNodeValues(StringBuilder sb, string command, Dictionary<string, double> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        sb.Append(command);
        foreach (var (node, value) in values)
        {
            sb.Append(" v(").Append(node).Append(")=").Append(SpiceNumber.Format(value));
        }

        sb.Append('\n');
    }

    private static void WriteAnalysis(StringBuilder sb, AnalysisCard analysis)
    {
        switch (analysis)
        {
            case OpAnalysisCard:
                sb.Append(".op\n");
                break;
            case DcAnalysisCard dc:
                sb.Append(".dc");
                foreach (var sweep in dc.Sweeps)
                {
                    sb.Append(' ').Append(sweep.Source).Append(' ').Append(Value(sweep.Start))
                        .Append(' ').Append(Value(sweep.Stop)).Append(' ').Append(Value(sweep.Step));
                }

                sb.Append('\n');
                break;
            case TranAnalysisCard tran:
                sb.Append(".tran ").Append(Value(tran.Step)).Append(' ').Append(Value(tran.Stop));
                if (tran.Start is not null || tran.MaxStep is not null)
                {
                    sb.Append(' ').Append(Value(tran.Start ?? 0.0));
                }

                if (tran.MaxStep is { } maxStep)
                {
                    sb.Append(' ').Append(Value(maxStep));
                }

                if (tran.UseInitialConditions)
                {
                    sb.Append(" uic");
                }

                sb.Append('\n');
                break;
            case AcAnalysisCard ac:
                var kind = ac.Kind switch
                {
                    AcSweepKind.Decade => "dec",
                    AcSweepKind.Octave => "oct",
                    _ => "lin",
                };
                sb.Append(".ac ").Append(kind).Append(' ').Append(ac.Points.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(' ').Append(Value(ac.StartFrequency)).Append(' ').Append(Value(ac.StopFrequency)).Append('\n');
                break;
            default:
                throw new ArgumentException($"unknown analysis {analysis.GetType().Name}", nameof(analysis));
        }
    }

    private static void AppendVectors(StringBuilder sb, IEnumerable<OutputVector> vectors)
    {
        foreach (var vector in vectors)
        {
            if (vector == OutputVector.All)
            {
                sb.Append(" all");
                continue;
            }

            sb.Append(' ').Append(char.ToLowerInvariant(vector.Kind)).Append('(').Append(vector.Node);
            if (vector.Reference is { } reference)
            {
                sb.Append(',').Append(reference);
            }

            sb.Append(')');
        }
    }
}
