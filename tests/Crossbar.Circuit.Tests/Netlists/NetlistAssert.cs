using NUnit.Framework;
using System.Globalization;
using System.Text;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>Structural comparison of netlists, independent of the writer: a canonical dump of every key field.</summary>
internal static class NetlistAssert
{
    public static void AreEquivalent(Netlist expected, Netlist actual) =>
        Assert.That(Dump(actual), Is.EqualTo(Dump(expected)));

    public static string Dump(Netlist netlist)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"title|{netlist.Title}");
        foreach (var p in netlist.Parameters)
        {
            sb.AppendLine($"param|{p.Name}|{V(p.Value)}");
        }

        foreach (var o in netlist.Options)
        {
            sb.AppendLine($"option|{o.Name}|{o.Value?.ToString("R", CultureInfo.InvariantCulture)}|{o.Text}");
        }

        DumpScope(sb, netlist.Models, netlist.Subcircuits, netlist.Elements, "");
        foreach (var (node, value) in netlist.InitialConditions)
        {
            sb.AppendLine($"ic|{node}|{value.ToString("R", CultureInfo.InvariantCulture)}");
        }

        foreach (var (node, value) in netlist.Nodesets)
        {
            sb.AppendLine($"nodeset|{node}|{value.ToString("R", CultureInfo.InvariantCulture)}");
        }

        foreach (var node in netlist.GlobalNodes.Order(StringComparer.Ordinal))
        {
            sb.AppendLine($"global|{node}");
        }

        foreach (var a in netlist.Analyses)
        {
            sb.AppendLine(a switch
            {
                OpAnalysisCard => "op",
                DcAnalysisCard dc => "dc|" + string.Join("|", dc.Sweeps.Select(s => $"{s.Source} {V(s.Start)} {V(s.Stop)} {V(s.Step)}")),
                TranAnalysisCard t => $"tran|{V(t.Step)}|{V(t.Stop)}|{(t.Start is { } s ? V(s) : "-")}|{(t.MaxStep is { } m ? V(m) : "-")}|{t.UseInitialConditions}",
                AcAnalysisCard ac => $"ac|{ac.Kind}|{ac.Points}|{V(ac.StartFrequency)}|{V(ac.StopFrequency)}",
                _ => "?",
            });
        }

        foreach (var s in netlist.Saves)
        {
            sb.AppendLine($"save|{s.Kind}|{s.Node}|{s.Reference}");
        }

        foreach (var p in netlist.Prints)
        {
            sb.AppendLine($"print|{p.Analysis}|" + string.Join(" ", p.Vectors.Select(v => v.ColumnName)));
        }

        return sb.ToString();
    }

    private static void DumpScope(
        StringBuilder sb, Dictionary<string, ModelCard> models, Dictionary<string, SubcircuitDefinition> subcircuits, List<ElementCard> elements, string indent)
    {
        foreach (var m in models.Values.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
        {
            sb.AppendLine($"{indent}model|{m.Name}|{m.Type}|" + string.Join(" ", m.Parameters.Select(p => $"{p.Key}={V(p.Value)}")));
        }

        foreach (var d in subcircuits.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
        {
            sb.AppendLine($"{indent}subckt|{d.Name}|{string.Join(" ", d.Ports)}|" + string.Join(" ", d.Parameters.Select(p => $"{p.Key}={V(p.Value)}")));
            DumpScope(sb, d.Models, d.Subcircuits, d.Elements, indent + "  ");
        }

        foreach (var e in elements)
        {
            sb.Append($"{indent}{e.Kind}|{e.Name}|{string.Join(" ", e.Nodes)}|{(e.Value is { } v ? V(v) : "-")}|{e.Model}|{e.ControlSource}");
            sb.Append($"|{(e.AcMagnitude is { } am ? V(am) : "-")}|{(e.AcPhase is { } ap ? V(ap) : "-")}|{W(e.Waveform)}");
            sb.Append('|').Append(string.Join(" ", e.Parameters.Select(p => $"{p.Key}={V(p.Value)}")));
            sb.Append('|').Append(string.Join(" ", e.Flags));
            sb.Append('|').Append(e.Polynomial is { } poly ? $"poly({poly.Dimensions}) {string.Join(" ", poly.ControlSources)} {string.Join(" ", poly.Coefficients.Select(V))}" : "-");
            sb.Append('|').AppendLine(e.Table is { } table ? $"table {table.Input} {string.Join(" ", table.Points.Select(p => $"{V(p.X)},{V(p.Y)}"))}" : "-");
        }
    }

    private static string V(ParamValue v) => v.Value.ToString("R", CultureInfo.InvariantCulture) + (v.Expression is null ? "" : "{" + v.Expression + "}");

    private static string W(SourceWaveform? w) => w switch
    {
        null => "-",
        PulseWaveform p => $"pulse/{p.GivenCount} {V(p.Initial)} {V(p.Pulsed)} {V(p.Delay)} {V(p.RiseTime)} {V(p.FallTime)} {V(p.Width)} {V(p.Period)}",
        SinWaveform s => $"sin/{s.GivenCount} {V(s.Offset)} {V(s.Amplitude)} {V(s.Frequency)} {V(s.Delay)} {V(s.Damping)} {V(s.Phase)}",
        PwlWaveform l => "pwl " + string.Join(" ", l.Points.Select(p => $"{V(p.Time)},{V(p.Value)}")),
        ExpWaveform e => $"exp/{e.GivenCount} {V(e.Initial)} {V(e.Pulsed)} {V(e.RiseDelay)} {V(e.RiseTimeConstant)} {V(e.FallDelay)} {V(e.FallTimeConstant)}",
        SffmWaveform f => $"sffm/{f.GivenCount} {V(f.Offset)} {V(f.Amplitude)} {V(f.CarrierFrequency)} {V(f.ModulationIndex)} {V(f.SignalFrequency)} {V(f.CarrierPhase)} {V(f.SignalPhase)}",
        AmWaveform a => $"am/{a.GivenCount} {V(a.Amplitude)} {V(a.Offset)} {V(a.ModulationFrequency)} {V(a.CarrierFrequency)} {V(a.Delay)} {V(a.ModulationPhase)} {V(a.CarrierPhase)}",
        TrNoiseWaveform n => $"trnoise {V(n.WhiteAmplitude)} {V(n.Step)} {V(n.FlickerExponent)} {V(n.FlickerAmplitude)} {V(n.RtsAmplitude)} {V(n.RtsCaptureTime)} {V(n.RtsEmissionTime)}",
        _ => "?",
    };
}
