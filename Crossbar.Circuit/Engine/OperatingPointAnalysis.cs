namespace Crossbar.Circuit.Engine;

/// <summary>The <c>.op</c> analysis: one row of saved vectors at the DC operating point.</summary>
internal static class OperatingPointAnalysis
{
    public static ResultTable Run(Circuit circuit, OutputSelection output, Action<ResultTable>? onTable = null)
    {
        LoadContext load = circuit.Load;
        load.Mode = AnalysisMode.Dc;
        load.Time = 0;
        new OperatingPointSolver(circuit, ".op").Solve(polish: true);
        var row = new double[output.Count];
        output.Fill(load.Solution, row);
        var table = new ResultTable("op", output.Names);
        onTable?.Invoke(table);
        table.Add(row);
        return table;
    }
}
