using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>What a behavioural expression reads: a node voltage or a branch current.</summary>
/// <param name="IsCurrent">True for <c>i(source)</c>, false for a node voltage.</param>
/// <param name="Name">Node name (lower case) or source name.</param>
public readonly record struct BehavioralVariable(bool IsCurrent, string Name);

/// <summary>
/// A behavioural expression compiled once into postfix code that computes its value and its exact
/// partial derivatives with respect to every unknown it reads (forward-mode dual numbers), with no
/// allocation per evaluation. Parameters and constants are folded at compile time.
/// </summary>
/// <remarks>
/// Each stack entry carries a value a and a gradient ∇a over the K variables; the rules are the
/// chain rule: ∇(a+b) = ∇a + ∇b, ∇(ab) = b∇a + a∇b, ∇(a/b) = ∇a/b − a∇b/b², ∇f(a) = f'(a)∇a,
/// ∇|a|^b = b|a|^(b−1)·sgn(a)∇a + |a|^b·ln|a|·∇b. Piecewise functions (abs, sgn, u, uramp, min, max)
/// use the derivative of the branch taken. Semantics match ngspice 39 B sources (see
/// <see cref="BehavioralExpression"/>).
/// </remarks>
public sealed class BehavioralFunction
{
    private readonly Instruction[] _code;
    private readonly double[] _values;
    private readonly double[] _gradients;
    private readonly int _k;

    private BehavioralFunction(Instruction[] code, List<BehavioralVariable> variables, bool usesTime, int depth)
    {
        _code = code;
        Variables = variables;
        UsesTime = usesTime;
        _k = variables.Count;
        _values = new double[depth];
        _gradients = new double[depth * Math.Max(_k, 1)];
    }

    private enum Op
    {
        Constant,
        Variable,
        Time,
        Negate,
        Add,
        Subtract,
        Multiply,
        Divide,
        Power,
        Pwr,
        Min,
        Max,
        Function,
    }

    /// <summary>The node voltages and branch currents read, in gradient order.</summary>
    public IReadOnlyList<BehavioralVariable> Variables { get; }

    /// <summary>True when the expression reads <c>time</c>.</summary>
    public bool UsesTime { get; }

    /// <summary>Compiles a tree.</summary>
    /// <param name="tree">The parsed expression.</param>
    /// <param name="parameters">Resolves <c>.param</c> names (null when unknown).</param>
    /// <returns>The compiled function.</returns>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static BehavioralFunction Compile(BehavioralNode tree, Func<string, double?> parameters)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(parameters);
        var compiler = new Compiler(parameters);
        compiler.Emit(tree);
        return new BehavioralFunction([.. compiler.Code], compiler.Variables, compiler.UsesTime, Math.Max(compiler.MaxDepth, 1));
    }

    /// <summary>Value and gradient at the given variable values.</summary>
    /// <param name="variables">Values of <see cref="Variables"/>, in order.</param>
    /// <param name="time">Simulation time in s.</param>
    /// <param name="gradient">Receives ∂f/∂variable (length ≥ K).</param>
    /// <returns>f.</returns>
    public double Evaluate(ReadOnlySpan<double> variables, double time, Span<double> gradient)
    {
        int k = _k;
        double[] v = _values;
        double[] g = _gradients;
        int top = -1;
        foreach (Instruction ins in _code)
        {
            switch (ins.Op)
            {
                case Op.Constant:
                case Op.Time:
                    top++;
                    v[top] = ins.Op == Op.Time ? time : ins.Value;
                    Array.Clear(g, top * k, k);
                    break;
                case Op.Variable:
                    top++;
                    v[top] = variables[ins.Index];
                    Array.Clear(g, top * k, k);
                    g[(top * k) + ins.Index] = 1;
                    break;
                case Op.Negate:
                    v[top] = -v[top];
                    Scale(g, top * k, k, -1);
                    break;
                case Op.Function:
                {
                    (double f, double d) = Apply(ins.Index, v[top]);
                    v[top] = f;
                    Scale(g, top * k, k, d);
                    break;
                }

                default:
                    Binary(ins.Op, v, g, top - 1, k);
                    top--;
                    break;
            }
        }

        g.AsSpan(0, k).CopyTo(gradient);
        return v[0];
    }

    private static void Binary(Op op, double[] v, double[] g, int at, int k)
    {
        double a = v[at];
        double b = v[at + 1];
        int ga = at * k;
        int gb = ga + k;
        double value;
        double da;
        double db;
        switch (op)
        {
            case Op.Add:
                (value, da, db) = (a + b, 1, 1);
                break;
            case Op.Subtract:
                (value, da, db) = (a - b, 1, -1);
                break;
            case Op.Multiply:
                (value, da, db) = (a * b, b, a);
                break;
            case Op.Divide:
                (value, da, db) = (a / b, 1 / b, -a / (b * b));
                break;
            case Op.Power:
            case Op.Pwr:
            {
                double m = Math.Abs(a);
                double p = Math.Pow(m, b);
                double sign = Math.Sign(a);
                value = op == Op.Power ? p : sign * p;
                da = a == 0 ? (b == 1 ? 1 : 0) : b * Math.Pow(m, b - 1) * (op == Op.Power ? sign : 1);
                db = m == 0 ? 0 : value * Math.Log(m);
                break;
            }

            case Op.Min:
                (value, da, db) = a <= b ? (a, 1.0, 0.0) : (b, 0.0, 1.0);
                break;
            default:
                (value, da, db) = a >= b ? (a, 1.0, 0.0) : (b, 0.0, 1.0);
                break;
        }

        v[at] = value;
        for (int j = 0; j < k; j++)
        {
            g[ga + j] = (da * g[ga + j]) + (db * g[gb + j]);
        }
    }

    private static (double Value, double Derivative) Apply(int function, double x)
    {
        switch ((Function)function)
        {
            case Function.Sin:
                return (Math.Sin(x), Math.Cos(x));
            case Function.Cos:
                return (Math.Cos(x), -Math.Sin(x));
            case Function.Tan:
            {
                double t = Math.Tan(x);
                return (t, 1 + (t * t));
            }

            case Function.Asin:
                return (Math.Asin(x), 1 / Math.Sqrt(1 - (x * x)));
            case Function.Acos:
                return (Math.Acos(x), -1 / Math.Sqrt(1 - (x * x)));
            case Function.Atan:
                return (Math.Atan(x), 1 / (1 + (x * x)));
            case Function.Sinh:
                return (Math.Sinh(x), Math.Cosh(x));
            case Function.Cosh:
                return (Math.Cosh(x), Math.Sinh(x));
            case Function.Tanh:
            {
                double t = Math.Tanh(x);
                return (t, 1 - (t * t));
            }

            case Function.Exp:
            {
                double e = Math.Exp(x);
                return (e, e);
            }

            case Function.Ln:
                return (Math.Log(x), 1 / x);
            case Function.Log10:
                return (Math.Log10(x), 1 / (x * Math.Log(10)));
            case Function.Sqrt:
            {
                double r = Math.Sqrt(x);
                return (r, 0.5 / r);
            }

            case Function.Abs:
                return (Math.Abs(x), Math.Sign(x));
            case Function.Sgn:
                return (Math.Sign(x), 0);
            case Function.Step:
                return (x > 0 ? 1 : 0, 0);
            default:
                return x > 0 ? (x, 1) : (0, 0);
        }
    }

    private static void Scale(double[] g, int start, int k, double factor)
    {
        for (int j = start; j < start + k; j++)
        {
            g[j] *= factor;
        }
    }

    private enum Function
    {
        Sin,
        Cos,
        Tan,
        Asin,
        Acos,
        Atan,
        Sinh,
        Cosh,
        Tanh,
        Exp,
        Ln,
        Log10,
        Sqrt,
        Abs,
        Sgn,
        Step,
        Ramp,
    }

    private readonly record struct Instruction(Op Op, double Value, int Index);

    private sealed class Compiler(Func<string, double?> parameters)
    {
        private int _depth;

        public List<Instruction> Code { get; } = [];

        public List<BehavioralVariable> Variables { get; } = [];

        public bool UsesTime { get; private set; }

        public int MaxDepth { get; private set; }

        public void Emit(BehavioralNode node)
        {
            switch (node)
            {
                case BehavioralNumber n:
                    Push(new Instruction(Op.Constant, n.Value, 0));
                    break;
                case BehavioralName n:
                    EmitName(n.Name);
                    break;
                case BehavioralVoltage v:
                    EmitNode(v.Node);
                    if (v.Reference is { } reference && reference != "0")
                    {
                        EmitNode(reference);
                        Pop(Op.Subtract);
                    }

                    break;
                case BehavioralCurrent c:
                    Push(new Instruction(Op.Variable, 0, IndexOf(new BehavioralVariable(true, c.Source))));
                    break;
                case BehavioralNegate u:
                    Emit(u.Operand);
                    Code.Add(new Instruction(Op.Negate, 0, 0));
                    break;
                case BehavioralBinary b:
                    Emit(b.Left);
                    Emit(b.Right);
                    Pop(b.Operator switch
                    {
                        '+' => Op.Add,
                        '-' => Op.Subtract,
                        '*' => Op.Multiply,
                        '/' => Op.Divide,
                        _ => Op.Power,
                    });
                    break;
                case BehavioralCall f:
                    foreach (BehavioralNode argument in f.Arguments)
                    {
                        Emit(argument);
                    }

                    switch (f.Function)
                    {
                        case "pow":
                            Pop(Op.Power);
                            break;
                        case "pwr":
                            Pop(Op.Pwr);
                            break;
                        case "min":
                            Pop(Op.Min);
                            break;
                        case "max":
                            Pop(Op.Max);
                            break;
                        default:
                            Code.Add(new Instruction(Op.Function, 0, (int)FunctionOf(f.Function)));
                            break;
                    }

                    break;
                default:
                    throw new ArgumentException($"unknown expression node {node.GetType().Name}", nameof(node));
            }
        }

        private static Function FunctionOf(string name) => name switch
        {
            "sin" => Function.Sin,
            "cos" => Function.Cos,
            "tan" => Function.Tan,
            "asin" => Function.Asin,
            "acos" => Function.Acos,
            "atan" => Function.Atan,
            "sinh" => Function.Sinh,
            "cosh" => Function.Cosh,
            "tanh" => Function.Tanh,
            "exp" => Function.Exp,
            "ln" or "log" => Function.Ln,
            "log10" => Function.Log10,
            "sqrt" => Function.Sqrt,
            "abs" => Function.Abs,
            "sgn" => Function.Sgn,
            "u" => Function.Step,
            "uramp" => Function.Ramp,
            _ => throw new ArgumentException($"unknown function '{name}'", nameof(name)),
        };

        private void EmitName(string name)
        {
            if (name.Equals("time", StringComparison.OrdinalIgnoreCase))
            {
                UsesTime = true;
                Push(new Instruction(Op.Time, 0, 0));
                return;
            }

            double value = parameters(name)
                ?? (name.Equals("pi", StringComparison.OrdinalIgnoreCase) ? Math.PI
                : throw new ArgumentException($"unknown parameter '{name}' in behavioural expression: expected a .param name, time, pi, v(node) or i(source)"));
            Push(new Instruction(Op.Constant, value, 0));
        }

        private void EmitNode(string node)
        {
            if (node == "0")
            {
                Push(new Instruction(Op.Constant, 0, 0));
            }
            else
            {
                Push(new Instruction(Op.Variable, 0, IndexOf(new BehavioralVariable(false, node))));
            }
        }

        private int IndexOf(BehavioralVariable variable)
        {
            int index = Variables.IndexOf(variable);
            if (index < 0)
            {
                index = Variables.Count;
                Variables.Add(variable);
            }

            return index;
        }

        private void Push(Instruction instruction)
        {
            Code.Add(instruction);
            MaxDepth = Math.Max(MaxDepth, ++_depth);
        }

        private void Pop(Op op)
        {
            Code.Add(new Instruction(op, 0, 0));
            _depth--;
        }
    }
}
