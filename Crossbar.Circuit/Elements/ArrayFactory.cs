using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>Factory of the crossbar array element of an array card (its transistor model looked up in the deck, at the deck's temperature).</summary>
internal static class ArrayFactory
{
    public static CrossbarArray Create(CrossbarArrayCard array, ElementFactoryContext context)
    {
        MosfetParameters? transistor = null;
        if (array.CellKind == CrossbarCellKind.Transistor)
        {
            var probe = new ElementCard("M" + array.Name, []) { Model = array.TransistorModel, Location = array.Location };
            transistor = MosfetParameters.FromModel(context.FindModel(probe, "nmos", "pmos"))
                .AtTemperature(context.Options.Temperature, context.Options.NominalTemperature);
        }

        return new CrossbarArray(array, transistor);
    }
}
