using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Engine;

/// <summary>Builds netlists in code for engine tests (independent of the reader).</summary>
internal sealed class NetlistBuilder
{
    public Netlist Netlist { get; } = new();

    public NetlistBuilder Add(string name, double? value, params string[] nodes)
    {
        Netlist.Elements.Add(new ElementCard(name, nodes) { Value = value.HasValue ? new ParamValue(value.Value) : null });
        return this;
    }

    public NetlistBuilder Add(ElementCard card)
    {
        Netlist.Elements.Add(card);
        return this;
    }

    public NetlistBuilder Model(string name, string type, params (string Key, double Value)[] parameters)
    {
        Netlist.Models[name] = new ModelCard(name, type, parameters.Select(p => new KeyValuePair<string, ParamValue>(p.Key, p.Value)).ToList());
        return this;
    }

    public NetlistBuilder Op()
    {
        Netlist.Analyses.Add(new OpAnalysisCard());
        return this;
    }

    public NetlistBuilder Tran(double step, double stop, double? maxStep = null, bool uic = false)
    {
        Netlist.Analyses.Add(new TranAnalysisCard(step, stop, null, maxStep.HasValue ? new ParamValue(maxStep.Value) : null, uic));
        return this;
    }

    public NetlistBuilder Option(string name, double? value, string? text = null)
    {
        Netlist.Options.Add(new OptionCard(name, value, text));
        return this;
    }
}
