using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Tests.Algebra;

/// <summary>A matrix assembled from stamps: entries at the same (row, column) add up.</summary>
public sealed class StampedMatrix
{
    private readonly SparsePatternBuilder _builder;
    private readonly List<int> _handles = [];
    private readonly List<double> _stamps = [];

    public StampedMatrix(int size)
    {
        Size = size;
        _builder = new SparsePatternBuilder(size);
    }

    public int Size { get; }

    /// <summary>Adds v at (row, column); a negative index is ground and the stamp is dropped.</summary>
    public void Add(int row, int column, double v)
    {
        int h = _builder.Entry(row, column);
        if (h != 0)
        {
            _handles.Add(h);
            _stamps.Add(v);
        }
    }

    /// <summary>Stamps a conductance between two nodes (negative = ground).</summary>
    public void Conductance(int a, int b, double g)
    {
        Add(a, a, g);
        Add(b, b, g);
        Add(a, b, -g);
        Add(b, a, -g);
    }

    public SparsePattern Pattern { get; private set; } = null!;

    public double[] Values { get; private set; } = [];

    /// <summary>Freezes the pattern and sums the stamps into a value array.</summary>
    public StampedMatrix Build()
    {
        Pattern = _builder.Build();
        Values = Pattern.CreateValues();
        for (int t = 0; t < _handles.Count; t++)
        {
            Values[_handles[t]] += _stamps[t];
        }

        return this;
    }

    /// <summary>Dense copy of values given by handle.</summary>
    public static double[,] ToDense(SparsePattern pattern, ReadOnlySpan<double> values)
    {
        var a = new double[pattern.Size, pattern.Size];
        for (int h = 1; h <= pattern.Count; h++)
        {
            a[pattern.Rows[h], pattern.Columns[h]] += values[h];
        }

        return a;
    }

    /// <summary>Row-wise backward error maxᵢ |A·x − b|ᵢ / (‖A(i,:)‖₁·‖x‖∞ + |bᵢ|).</summary>
    public static double BackwardError(SparsePattern pattern, double[] values, double[] x, double[] b)
    {
        double[] ax = StampedMatrix.Multiply(pattern, values, x);
        double[] rowSum = new double[b.Length];
        for (int h = 1; h <= pattern.Count; h++)
        {
            rowSum[pattern.Rows[h]] += Math.Abs(values[h]);
        }

        double xmax = x.Max(Math.Abs);
        double omega = 0;
        for (int i = 0; i < b.Length; i++)
        {
            double scale = (rowSum[i] * xmax) + Math.Abs(b[i]);
            omega = Math.Max(omega, scale > 0 ? Math.Abs(ax[i] - b[i]) / scale : Math.Abs(ax[i] - b[i]));
        }

        return omega;
    }

    /// <summary>y = A·x for values given by handle.</summary>
    public static double[] Multiply(SparsePattern pattern, ReadOnlySpan<double> values, ReadOnlySpan<double> x)
    {
        double[] y = new double[pattern.Size];
        for (int h = 1; h <= pattern.Count; h++)
        {
            y[pattern.Rows[h]] += values[h] * x[pattern.Columns[h]];
        }

        return y;
    }
}

/// <summary>MNA matrices of the shapes the simulator produces.</summary>
public static class TestMatrices
{
    /// <summary>A 30×30 matrix whose column 17 has no entry at all (row 17 is full): structurally singular at unknown 17.</summary>
    public static StampedMatrix StructurallyEmptyColumn17()
    {
        var m = new StampedMatrix(30);
        for (int i = 0; i < 30; i++)
        {
            if (i != 17)
            {
                m.Add(i, i, 2);
                m.Add(17, i, 1);
            }

            m.Add(i, (i + 29) % 30 == 17 ? (i + 28) % 30 : (i + 29) % 30, -0.5);
        }

        return m.Build();
    }

    /// <summary>A random circuit matrix with every value of its middle column set to zero: numerically singular there.</summary>
    public static (StampedMatrix Matrix, double[] Values, int Victim) ZeroedColumn()
    {
        StampedMatrix m = TestMatrices.RandomCircuit(21, 60);
        int victim = m.Size / 2;
        double[] values = (double[])m.Values.Clone();
        for (int h = 1; h <= m.Pattern.Count; h++)
        {
            if (m.Pattern.Columns[h] == victim)
            {
                values[h] = 0;
            }
        }

        return (m, values, victim);
    }

    /// <summary>
    /// A random linear circuit: a resistor tree to ground plus random resistors, voltage sources,
    /// VCVS, CCVS (zero-diagonal branch rows), CCCS and VCCS (unsymmetric entries).
    /// </summary>
    public static StampedMatrix RandomCircuit(int seed, int maxNodes = 300)
    {
        var rng = new Random(seed);
        int nodes = rng.Next(1, maxNodes + 1);
        int sources = rng.Next(0, (nodes / 4) + 2);
        int[] kind = new int[sources];
        for (int s = 0; s < sources; s++)
        {
            kind[s] = rng.Next(3);
        }

        int size = nodes + sources;
        var m = new StampedMatrix(size);
        double G() => Math.Pow(10, (rng.NextDouble() * 4) - 3);
        int Node() => rng.Next(-1, nodes);
        for (int i = 0; i < nodes; i++)
        {
            m.Conductance(i, rng.Next(-1, i), G());
        }

        int extra = rng.Next(0, 2 * nodes);
        for (int t = 0; t < extra; t++)
        {
            int a = Node();
            int b = Node();
            if (a != b)
            {
                m.Conductance(a, b, G());
            }
        }

        int[] positive = Enumerable.Range(0, nodes).OrderBy(_ => rng.Next()).Take(sources).ToArray();
        for (int s = 0; s < positive.Length; s++)
        {
            int p = positive[s];
            int neg = rng.Next(-1, p);
            int b = nodes + s;
            m.Add(p, b, 1);
            m.Add(neg, b, -1);
            m.Add(b, p, 1);
            m.Add(b, neg, -1);
            if (kind[s] == 1)
            {
                double gain = (rng.NextDouble() * 4) - 2;
                m.Add(b, Node(), -gain);
                m.Add(b, Node(), gain);
            }
            else if (kind[s] == 2 && s > 0)
            {
                m.Add(b, nodes + rng.Next(s), -G() * 100);
            }
        }

        int controlled = rng.Next(0, (nodes / 8) + 1);
        for (int t = 0; t < controlled; t++)
        {
            int x = Node();
            int y = Node();
            if (positive.Length > 0 && rng.Next(2) == 0)
            {
                int ctrl = nodes + rng.Next(positive.Length);
                double beta = (rng.NextDouble() * 2) - 1;
                m.Add(x, ctrl, beta);
                m.Add(y, ctrl, -beta);
            }
            else
            {
                int cp = Node();
                int cn = Node();
                double gm = G() * 0.1;
                m.Add(x, cp, gm);
                m.Add(x, cn, -gm);
                m.Add(y, cp, -gm);
                m.Add(y, cn, gm);
            }
        }

        return m.Build();
    }

    /// <summary>
    /// Crossbar matrix-inversion (INV) circuit with ideal wires: row nodes 0..N-1, column nodes
    /// N..2N-1, cell conductances between every row and column (a dense block), and N op-amps
    /// as VCVS branches 2N..3N-1 forcing column i to -gain·row i.
    /// </summary>
    public static StampedMatrix InvDense(int n, int seed, double gain = 1e5)
    {
        var rng = new Random(seed);
        var m = new StampedMatrix(3 * n);
        for (int i = 0; i < n; i++)
        {
            m.Conductance(i, -1, 1e-3);
            for (int j = 0; j < n; j++)
            {
                m.Conductance(i, n + j, 1e-5 + (2.5e-5 * rng.NextDouble()));
            }
        }

        for (int i = 0; i < n; i++)
        {
            int b = (2 * n) + i;
            int col = n + i;
            m.Add(col, b, 1);
            m.Add(b, col, 1);
            m.Add(b, i, gain);
        }

        return m.Build();
    }

    /// <summary>
    /// 1T1R crossbar INV with wire resistance: per cell a row-wire node r, a column-wire node c
    /// and the node m between the resistor and the transistor; wires are conductance chains; N
    /// op-amp branch rows force column i's first node to -gain·(row i's input node).
    /// Unknowns: 3N² + N.
    /// </summary>
    public static StampedMatrix CrossbarMesh(int n, int seed, double gain = 1e5)
    {
        var rng = new Random(seed);
        int cells = n * n;
        var m = new StampedMatrix((3 * cells) + n);
        int R(int i, int j) => (i * n) + j;
        int C(int i, int j) => cells + (i * n) + j;
        int M(int i, int j) => (2 * cells) + (i * n) + j;
        for (int i = 0; i < n; i++)
        {
            m.Conductance(R(i, 0), -1, 1e-3);
            for (int j = 0; j < n; j++)
            {
                if (j + 1 < n)
                {
                    m.Conductance(R(i, j), R(i, j + 1), 0.5 + (0.5 * rng.NextDouble()));
                }

                if (i + 1 < n)
                {
                    m.Conductance(C(i, j), C(i + 1, j), 0.5 + (0.5 * rng.NextDouble()));
                }

                m.Conductance(R(i, j), M(i, j), 1e-5 + (2.5e-5 * rng.NextDouble()));
                double gds = 5e-3 * (0.8 + (0.4 * rng.NextDouble()));
                double gm = 1e-3 * (0.5 + rng.NextDouble());
                int d = M(i, j);
                int s = C(i, j);
                m.Add(d, d, gds);
                m.Add(d, s, -gds - gm);
                m.Add(s, d, -gds);
                m.Add(s, s, gds + gm);
            }
        }

        for (int i = 0; i < n; i++)
        {
            int b = (3 * cells) + i;
            int top = C(0, i);
            m.Add(top, b, 1);
            m.Add(b, top, 1);
            m.Add(b, R(i, 0), gain);
        }

        return m.Build();
    }
}
