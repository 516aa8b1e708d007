using System.Numerics;
using Crossbar.Circuit.Algebra;
using Crossbar.Devices.OpAmps;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Linear small-signal state-space model ẋ = A·x of a loop of op-amp macromodels and
/// conductances, as <see cref="OpAmpNetlist"/> builds them: the states are the pole-node
/// voltages of every op-amp (one per op-amp, two with a second pole); every other node that is
/// neither ground nor an op-amp output is resistive and is eliminated by KCL.
/// </summary>
/// <remarks>
/// <para><b>Op-amp.</b> The single-pole macromodel is a VCCS gm·(v₊ − v₋) into Rp‖Cp with
/// Rp = A0/gm and Cp = A0/(2π·GBWP·Rp), buffered to the output, so for its pole voltage p
/// Cp·ṗ = gm·(v₊ − v₋) − p/Rp, i.e. ṗ = ω_t·(v₊ − v₋) − (ω_t/A0)·p with
/// ω_t = gm/Cp = 2π·GBWP (gm cancels). A second pole f2 is one more unity-gain RC stage:
/// q̇ = ω₂·(p − q), ω₂ = 2π·f2, and the output is q. Outputs are ideal voltage sources (the
/// buffer), so the load on them does not enter; the inputs draw no current.</para>
/// <para><b>Resistive nodes.</b> Stack their voltages in v_n and the op-amp outputs in v_o
/// (= the last state of each op-amp). Small-signal KCL with the independent sources zeroed:
/// Y_nn·v_n + Y_no·v_o = 0, so v_n = K·v_o with K = −Y_nn⁻¹·Y_no (Y the nodal conductance
/// matrix; ground contributes only to the diagonal). Each op-amp's differential input is then
/// a row of S·v_o, and A collects ṗ = ω_t·S·v_o − (ω_t/A0)·p and the second-pole rows.</para>
/// <para><b>Example: INV with inverters.</b> Rows r = D⁻¹(G⁺·v + G⁻·w), inverter inputs
/// n = (v + w)/2 (two equal resistors), so with p = v (main outputs) and w (inverter outputs):
/// ṗ = −ω_t·(D⁻¹G⁺·p + D⁻¹G⁻·w) − (ω_t/A0)·p and ẇ = −ω_t·(p + w)/2 − (ω_t/A0)·w. With ideal
/// inverters (w = −p) this is ṗ = −ω_t·(D⁻¹G + 1/A0)·p, the poles −2π·GBWP·(μ_k + 1/A0) of
/// Sun et al. (IEEE TED 2020); the real inverter, a follower of noise gain 2, adds a pole near
/// −ω_t/2 in every mode that the negative array carries, which slows the loop.</para>
/// <para>Not modelled: wire resistance (the per-cell conductances are what the caller passes; in a
/// signed 32×32 1T1R INV, 1.73 Ω per cell moves the simulated tail's τ by 0.1% and 20 Ω by 1%,
/// against a 1.7% difference between model and fit), wire capacitance (it would add the row
/// nodes as states), rails and slew limits (large-signal), input offset and noise (sources only).</para>
/// </remarks>
public sealed class OpAmpLoopModel
{
    private const string Ground = "0";
    private readonly Dictionary<string, int> _resistiveNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _outputs = new(StringComparer.Ordinal);
    private readonly List<(string A, string B, double G)> _conductances = [];
    private readonly List<(string Name, string Plus, string Minus)> _opAmps = [];

    /// <summary>Number of op-amps in the loop.</summary>
    public int OpAmpCount => _opAmps.Count;

    /// <summary>Adds an op-amp with inputs (+, −); its output node is named <paramref name="output"/>.</summary>
    /// <param name="output">Output node (driven; a state of the model).</param>
    /// <param name="plus">Non-inverting input node (ground <c>0</c>, an output, or a resistive node).</param>
    /// <param name="minus">Inverting input node.</param>
    public void AddOpAmp(string output, string plus, string minus)
    {
        if (!_outputs.TryAdd(output, _opAmps.Count))
        {
            throw new ArgumentException($"node {output} is driven by two op-amps", nameof(output));
        }

        _resistiveNodes.Remove(output);
        _opAmps.Add((output, plus, minus));
    }

    /// <summary>Adds a conductance (S) between two nodes.</summary>
    public void AddConductance(string a, string b, double conductance)
    {
        if (!(conductance >= 0) || !double.IsFinite(conductance))
        {
            throw new ArgumentException($"conductance {a}–{b} is {conductance} S, expected a finite value ≥ 0", nameof(conductance));
        }

        _conductances.Add((a, b, conductance));
    }

    /// <summary>Adds a resistance (Ω) between two nodes.</summary>
    public void AddResistance(string a, string b, double resistance) => AddConductance(a, b, 1 / resistance);

    /// <summary>The state matrix A (1/s) for op-amp model <paramref name="opAmp"/> (single pole, optional second pole).</summary>
    /// <exception cref="ArgumentException">The op-amp has no pole, or a resistive node has no conductance to anything.</exception>
    public Matrix<double> StateMatrix(OpAmpModel opAmp)
    {
        ArgumentNullException.ThrowIfNull(opAmp);
        if (opAmp.Kind != OpAmpKind.SinglePole)
        {
            throw new ArgumentException($"a {opAmp.Kind} op-amp has no dynamics: the loop has no state-space model", nameof(opAmp));
        }

        IndexResistiveNodes();
        int nOut = _opAmps.Count;
        int nRes = _resistiveNodes.Count;
        var ynn = Matrix<double>.Build.Dense(nRes, nRes);
        var yno = Matrix<double>.Build.Dense(nRes, nOut);
        foreach ((string from, string to, double g) in _conductances)
        {
            Stamp(ynn, yno, from, to, g);
            Stamp(ynn, yno, to, from, g);
        }

        for (int r = 0; r < nRes; r++)
        {
            if (!(ynn[r, r] > 0))
            {
                string name = _resistiveNodes.First(p => p.Value == r).Key;
                throw new ArgumentException($"node {name} has no conductance: its voltage is undefined in the loop model");
            }
        }

        Matrix<double> k = nRes == 0 ? yno : Eliminate(ynn, yno);

        // S: differential input of each op-amp as a linear function of the outputs.
        var s = Matrix<double>.Build.Dense(nOut, nOut);
        for (int m = 0; m < nOut; m++)
        {
            AddVoltage(s, m, _opAmps[m].Plus, k, 1);
            AddVoltage(s, m, _opAmps[m].Minus, k, -1);
        }

        double omegaT = 2 * Math.PI * opAmp.GainBandwidth;
        double leak = omegaT / opAmp.DcGain;
        bool second = opAmp.SecondPoleFrequency is not null;
        int per = second ? 2 : 1;
        var a = Matrix<double>.Build.Dense(per * nOut, per * nOut);
        for (int m = 0; m < nOut; m++)
        {
            int p = per * m;
            a[p, p] -= leak;
            for (int o = 0; o < nOut; o++)
            {
                // Output of op-amp o is its last state.
                a[p, (per * o) + per - 1] += omegaT * s[m, o];
            }

            if (second)
            {
                double omega2 = 2 * Math.PI * opAmp.SecondPoleFrequency!.Value;
                a[p + 1, p] += omega2;
                a[p + 1, p + 1] -= omega2;
            }
        }

        return a;
    }

    /// <summary>Eigenvalues of the state matrix: the loop poles in rad/s.</summary>
    public Complex[] Poles(OpAmpModel opAmp) => [.. StateMatrix(opAmp).Evd().EigenValues];

    /// <summary>
    /// The loop poles in rad/s with the largest real parts, largest first: all of them for up to
    /// <see cref="RightmostEigenvalues.DenseLimit"/> states, else the <paramref name="count"/>
    /// rightmost found by Arnoldi (<see cref="RightmostEigenvalues"/>).
    /// </summary>
    public Complex[] RightmostPoles(OpAmpModel opAmp, int count)
    {
        Matrix<double> a = StateMatrix(opAmp);
        return RightmostEigenvalues.Of(a, a.RowCount <= RightmostEigenvalues.DenseLimit ? a.RowCount : count);
    }

    /// <summary>K = −Y_nn⁻¹·Y_no; a diagonal Y_nn (no resistive node touches another, as in INV and GINV) is inverted row by row instead of by an O(n³) solve.</summary>
    private static Matrix<double> Eliminate(Matrix<double> ynn, Matrix<double> yno)
    {
        int n = ynn.RowCount;
        for (int c = 0; c < n; c++)
        {
            for (int r = 0; r < n; r++)
            {
                if (r != c && ynn[r, c] != 0)
                {
                    return -ynn.Solve(yno);
                }
            }
        }

        return Matrix<double>.Build.Dense(n, yno.ColumnCount, (r, c) => -yno[r, c] / ynn[r, r]);
    }

    private void IndexResistiveNodes()
    {
        _resistiveNodes.Clear();
        IEnumerable<string> nodes = _conductances.SelectMany(c => new[] { c.A, c.B })
            .Concat(_opAmps.SelectMany(o => new[] { o.Plus, o.Minus }));
        foreach (string node in nodes)
        {
            if (node != Ground && !_outputs.ContainsKey(node))
            {
                _resistiveNodes.TryAdd(node, _resistiveNodes.Count);
            }
        }
    }

    private void Stamp(Matrix<double> ynn, Matrix<double> yno, string at, string other, double g)
    {
        if (!_resistiveNodes.TryGetValue(at, out int r))
        {
            return;
        }

        ynn[r, r] += g;
        if (_resistiveNodes.TryGetValue(other, out int c))
        {
            ynn[r, c] -= g;
        }
        else if (_outputs.TryGetValue(other, out int o))
        {
            yno[r, o] -= g;
        }
    }

    private void AddVoltage(Matrix<double> s, int row, string node, Matrix<double> k, double sign)
    {
        if (_outputs.TryGetValue(node, out int o))
        {
            s[row, o] += sign;
        }
        else if (_resistiveNodes.TryGetValue(node, out int r))
        {
            for (int c = 0; c < s.ColumnCount; c++)
            {
                s[row, c] += sign * k[r, c];
            }
        }
    }
}
