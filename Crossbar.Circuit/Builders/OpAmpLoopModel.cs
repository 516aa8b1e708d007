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
    private const int GroundId = -1;

    /// <summary>Node name → id (ground is <see cref="GroundId"/>, not stored): the model of a 1024×1024 INV has two
    /// million conductances, so they are kept as id pairs, not as names looked up again and again.</summary>
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<int> _outputOf = [];
    private readonly List<(int A, int B, double G)> _conductances = [];
    private readonly List<(int Output, int Plus, int Minus)> _opAmps = [];

    /// <summary>Number of op-amps in the loop.</summary>
    public int OpAmpCount => _opAmps.Count;

    /// <summary>Adds an op-amp with inputs (+, −); its output node is named <paramref name="output"/>.</summary>
    /// <param name="output">Output node (driven; a state of the model).</param>
    /// <param name="plus">Non-inverting input node (ground <c>0</c>, an output, or a resistive node).</param>
    /// <param name="minus">Inverting input node.</param>
    public void AddOpAmp(string output, string plus, string minus)
    {
        int id = Id(output);
        if (id == GroundId)
        {
            throw new ArgumentException("ground (node 0) cannot be an op-amp output", nameof(output));
        }

        if (_outputOf[id] >= 0)
        {
            throw new ArgumentException($"node {output} is driven by two op-amps", nameof(output));
        }

        _outputOf[id] = _opAmps.Count;
        _opAmps.Add((id, Id(plus), Id(minus)));
    }

    /// <summary>Adds a conductance (S) between two nodes.</summary>
    public void AddConductance(string a, string b, double conductance)
    {
        if (!(conductance >= 0) || !double.IsFinite(conductance))
        {
            throw new ArgumentException($"conductance {a}–{b} is {conductance} S, expected a finite value ≥ 0", nameof(conductance));
        }

        _conductances.Add((Id(a), Id(b), conductance));
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

        int[] resistive = IndexResistiveNodes(out int nRes);
        int nOut = _opAmps.Count;
        double[] ynn = new double[(long)nRes * nRes];
        double[] yno = new double[(long)nRes * nOut];
        foreach ((int from, int to, double g) in _conductances)
        {
            Stamp(ynn, yno, nRes, resistive, from, to, g);
            Stamp(ynn, yno, nRes, resistive, to, from, g);
        }

        for (int r = 0; r < nRes; r++)
        {
            if (!(ynn[(r * nRes) + r] > 0))
            {
                string name = _names[Array.IndexOf(resistive, r)];
                throw new ArgumentException($"node {name} has no conductance: its voltage is undefined in the loop model");
            }
        }

        // K = −Y_nn⁻¹·Y_no (row-major nRes × nOut).
        double[] k = nRes == 0 ? yno : Eliminate(ynn, yno, nRes, nOut);

        // S: differential input of each op-amp as a linear function of the outputs (row-major nOut × nOut).
        double[] s = new double[(long)nOut * nOut];
        for (int m = 0; m < nOut; m++)
        {
            AddVoltage(s, nOut, m, _opAmps[m].Plus, resistive, k, 1);
            AddVoltage(s, nOut, m, _opAmps[m].Minus, resistive, k, -1);
        }

        double omegaT = 2 * Math.PI * opAmp.GainBandwidth;
        double leak = omegaT / opAmp.DcGain;
        bool second = opAmp.SecondPoleFrequency is not null;
        int per = second ? 2 : 1;
        int size = per * nOut;
        double[] a = new double[(long)size * size];
        for (int m = 0; m < nOut; m++)
        {
            int p = per * m;
            a[((long)p * size) + p] -= leak;
            for (int o = 0; o < nOut; o++)
            {
                // Output of op-amp o is its last state.
                a[((long)((per * o) + per - 1) * size) + p] += omegaT * s[((long)m * nOut) + o];
            }

            if (second)
            {
                double omega2 = 2 * Math.PI * opAmp.SecondPoleFrequency!.Value;
                a[((long)p * size) + p + 1] += omega2;
                a[((long)(p + 1) * size) + p + 1] -= omega2;
            }
        }

        return Matrix<double>.Build.Dense(size, size, a);
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

    /// <summary>K = −Y_nn⁻¹·Y_no (row-major); a diagonal Y_nn (no resistive node touches another, as in INV and GINV) is inverted row by row instead of by an O(n³) solve.</summary>
    private static double[] Eliminate(double[] ynn, double[] yno, int n, int nOut)
    {
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                if (r != c && ynn[((long)r * n) + c] != 0)
                {
                    // Row-major arrays read as column-major are the transposes: solve with Yᵀ's transpose.
                    Matrix<double> y = Matrix<double>.Build.Dense(n, n, ynn).Transpose();
                    Matrix<double> b = Matrix<double>.Build.Dense(nOut, n, yno).Transpose();
                    return (-y.Solve(b)).Transpose().ToColumnMajorArray();
                }
            }
        }

        double[] k = new double[(long)n * nOut];
        for (int r = 0; r < n; r++)
        {
            double d = ynn[((long)r * n) + r];
            for (int c = 0; c < nOut; c++)
            {
                k[((long)r * nOut) + c] = -yno[((long)r * nOut) + c] / d;
            }
        }

        return k;
    }

    /// <summary>The id of a node name (ground: <see cref="GroundId"/>), adding it when new.</summary>
    private int Id(string node)
    {
        if (node == Ground)
        {
            return GroundId;
        }

        if (!_ids.TryGetValue(node, out int id))
        {
            id = _names.Count;
            _ids.Add(node, id);
            _names.Add(node);
            _outputOf.Add(-1);
        }

        return id;
    }

    /// <summary>Index of each node among the resistive ones (neither ground nor an op-amp output), −1 otherwise, in
    /// the order they first appear in the conductances and then the op-amp inputs.</summary>
    private int[] IndexResistiveNodes(out int count)
    {
        int[] index = new int[_names.Count];
        Array.Fill(index, -1);
        count = 0;
        foreach ((int a, int b, _) in _conductances)
        {
            Index(a, ref count);
            Index(b, ref count);
        }

        foreach ((_, int plus, int minus) in _opAmps)
        {
            Index(plus, ref count);
            Index(minus, ref count);
        }

        return index;

        void Index(int node, ref int next)
        {
            if (node != GroundId && _outputOf[node] < 0 && index[node] < 0)
            {
                index[node] = next++;
            }
        }
    }

    /// <summary>One end of a conductance into the row-major Y_nn (nRes × nRes) and Y_no (nRes × nOut).</summary>
    private void Stamp(double[] ynn, double[] yno, int nRes, int[] resistive, int at, int other, double g)
    {
        if (at == GroundId || resistive[at] is var r && r < 0)
        {
            return;
        }

        ynn[((long)r * nRes) + r] += g;
        if (other == GroundId)
        {
            return;
        }

        if (resistive[other] is var c && c >= 0)
        {
            ynn[((long)r * nRes) + c] -= g;
        }
        else if (_outputOf[other] is var o && o >= 0)
        {
            yno[((long)r * _opAmps.Count) + o] -= g;
        }
    }

    /// <summary>Adds sign × the voltage of <paramref name="node"/>, as a function of the outputs, to row
    /// <paramref name="row"/> of S (row-major, nOut wide).</summary>
    private void AddVoltage(double[] s, int nOut, int row, int node, int[] resistive, double[] k, double sign)
    {
        if (node == GroundId)
        {
            return;
        }

        if (_outputOf[node] is var o && o >= 0)
        {
            s[((long)row * nOut) + o] += sign;
        }
        else if (resistive[node] is var r && r >= 0)
        {
            for (int c = 0; c < nOut; c++)
            {
                s[((long)row * nOut) + c] += sign * k[((long)r * nOut) + c];
            }
        }
    }
}
