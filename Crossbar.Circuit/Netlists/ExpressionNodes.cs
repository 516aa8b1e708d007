namespace Crossbar.Circuit.Netlists;

/// <summary>
/// A node of a parsed expression of the one expression language (<c>.param</c>, <c>{…}</c>, B sources,
/// E/G <c>VALUE=</c>); see <see cref="BehavioralExpression"/>.
/// </summary>
public abstract record BehavioralNode
{
    /// <summary>Offset of the node's operator or name in the text it was parsed from (for errors), 0 when built.</summary>
    public int Offset { get; init; }
}

/// <summary>A number.</summary>
/// <param name="Value">The value.</param>
public sealed record BehavioralNumber(double Value) : BehavioralNode;

/// <summary>A name: a <c>.param</c>, <c>time</c> or <c>pi</c>; resolved when the expression is evaluated or compiled.</summary>
/// <param name="Name">The name as written.</param>
public sealed record BehavioralName(string Name) : BehavioralNode;

/// <summary><c>v(node)</c> or <c>v(node, reference)</c>; node names lower case, ground <c>0</c>.</summary>
/// <param name="Node">The node.</param>
/// <param name="Reference">The reference node, or null for ground.</param>
public sealed record BehavioralVoltage(string Node, string? Reference) : BehavioralNode;

/// <summary><c>i(vname)</c>: the branch current of a voltage source (or any element with a branch current).</summary>
/// <param name="Source">The element name.</param>
public sealed record BehavioralCurrent(string Source) : BehavioralNode;

/// <summary>Unary minus.</summary>
/// <param name="Operand">The operand.</param>
public sealed record BehavioralNegate(BehavioralNode Operand) : BehavioralNode;

/// <summary>Logical not <c>!x</c>: 1 when x is 0, else 0.</summary>
/// <param name="Operand">The operand.</param>
public sealed record BehavioralNot(BehavioralNode Operand) : BehavioralNode;

/// <summary>An arithmetic operator: <c>+ - * / ^</c>.</summary>
/// <param name="Operator">The operator character (<c>**</c> is stored as <c>^</c>).</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BehavioralBinary(char Operator, BehavioralNode Left, BehavioralNode Right) : BehavioralNode;

/// <summary>A comparison <c>&lt; &lt;= &gt; &gt;= == !=</c>: 1 when it holds, else 0.</summary>
/// <param name="Operator">The operator as written.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BehavioralComparison(string Operator, BehavioralNode Left, BehavioralNode Right) : BehavioralNode;

/// <summary><c>&amp;&amp;</c> (operator <c>&amp;</c>) or <c>||</c> (operator <c>|</c>): 1 or 0, non-zero operands being true.</summary>
/// <param name="Operator"><c>&amp;</c> or <c>|</c>.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BehavioralLogical(char Operator, BehavioralNode Left, BehavioralNode Right) : BehavioralNode;

/// <summary><c>condition ? whenTrue : whenFalse</c> (a non-zero condition is true).</summary>
/// <param name="Condition">The condition.</param>
/// <param name="WhenTrue">Value when the condition is non-zero.</param>
/// <param name="WhenFalse">Value when it is zero.</param>
public sealed record BehavioralConditional(BehavioralNode Condition, BehavioralNode WhenTrue, BehavioralNode WhenFalse) : BehavioralNode;

/// <summary>A call of a built-in function (<see cref="ExpressionFunctions"/>); <c>.func</c> calls are inlined when parsed.</summary>
/// <param name="Function">Function name, lower case.</param>
/// <param name="Arguments">Arguments.</param>
public sealed record BehavioralCall(string Function, IReadOnlyList<BehavioralNode> Arguments) : BehavioralNode;

/// <summary>
/// The expression of a behavioural source (B, or E/G with <c>VALUE=</c>): the quantity it defines
/// (<c>V</c> or <c>I</c>) and the expression text as it is written back (without braces).
/// </summary>
/// <param name="Quantity"><c>V</c> for a voltage source, <c>I</c> for a current source.</param>
/// <param name="Expression">Expression text without braces (<c>.func</c> calls already inlined).</param>
public sealed record BehavioralValue(char Quantity, string Expression)
{
    /// <summary>Parses <see cref="Expression"/>.</summary>
    /// <param name="location">Location of the expression's first character, for errors.</param>
    /// <returns>The tree.</returns>
    public BehavioralNode Parse(SourceLocation? location = null) => BehavioralExpression.Parse(Expression, location);
}

/// <summary>A user-defined function: <c>.func name(a, b) {body}</c>, inlined where it is called.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Parameters">The parameter names.</param>
/// <param name="Body">The body text without braces.</param>
/// <param name="Location">Location of the body's first character.</param>
public sealed record UserFunction(string Name, IReadOnlyList<string> Parameters, string Body, SourceLocation Location);
