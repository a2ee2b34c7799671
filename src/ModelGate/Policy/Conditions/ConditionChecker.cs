using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Cel.Internal.CelParser;

namespace ModelGate.Policy.Conditions;

/// <summary>
/// The compile-time checks the Cel library does not make (it has no checker with declarations): every
/// variable and <c>variable.field</c> is one the schema declares, every function is one the library has, and
/// the expression is boolean where its type is known statically. Also collects the fields a condition reads,
/// which is what <see cref="PolicyCondition"/> memoizes on.
/// </summary>
internal sealed class ConditionChecker
{
    /// <summary>Parse-tree depth a condition may reach; the library evaluates by recursion over the tree.</summary>
    internal const int MaxTreeDepth = 600;

    // The functions and macros Cel 0.3.3 registers (Cel.Internal.CelFunctions, CelMacros).
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "bool", "bytes", "double", "int", "uint", "string", "timestamp", "duration", "type", "dyn", "has", "size",
        "contains", "endsWith", "startsWith", "matches",
        "getHours", "getMinutes", "getSeconds", "getMilliseconds", "getFullYear", "getMonth", "getDayOfYear",
        "getDayOfMonth", "getDayOfWeek", "getDate",
    };

    private static readonly HashSet<string> Macros = new(StringComparer.Ordinal) { "all", "exists", "exists_one", "filter", "map" };

    private static readonly HashSet<string> TypeNames = new(StringComparer.Ordinal)
    {
        "bool", "bytes", "double", "int", "uint", "string", "list", "map", "null_type", "type", "dyn",
    };

    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    private ConditionChecker()
    {
    }

    /// <summary>Fields read, as (variable, field); a variable read as a whole has every field listed.</summary>
    public SortedSet<(string Variable, string Field)> Reads { get; } = [];

    /// <exception cref="PolicyConditionException">The first problem found.</exception>
    public static ConditionChecker Check(StartContext start)
    {
        var checker = new ConditionChecker();
        checker.CollectBound(start, 0);
        checker.Walk(start, 0);
        var type = StaticType(start.e);
        if (type is not null && type != "bool")
            throw new PolicyConditionException($"the condition is a {type}, not a boolean: compare it (for example with == or >=)");
        return checker;
    }

    private void CollectBound(IParseTree node, int depth)
    {
        if (depth > MaxTreeDepth)
            throw new PolicyConditionException($"the condition is nested too deeply (more than {MaxTreeDepth} levels)");
        if (node is MemberCallContext call && Macros.Contains(call.id.Text) && call.args?._e is { Count: > 0 } args
            && IdentifierOf(args[0]) is { } bound)
        {
            if (PolicyFactSchema.IsVariable(bound))
                throw new PolicyConditionException($"column {call.id.Column + 1}: the {call.id.Text}() variable '{bound}' hides the policy variable of that name; choose another name");
            _bound.Add(bound);
        }
        for (var i = 0; i < node.ChildCount; i++)
            CollectBound(node.GetChild(i), depth + 1);
    }

    private void Walk(IParseTree node, int depth)
    {
        switch (node)
        {
            case SelectContext select when IdentifierOf(select.member()) is { } variable && PolicyFactSchema.IsVariable(variable):
                RequireField(variable, select.id.Text, select.id);
                return;
            case IndexContext index when IdentifierOf(index.member()) is { } variable && PolicyFactSchema.IsVariable(variable):
                if (StringLiteralOf(index.index) is { } key)
                    RequireField(variable, key, index.op);
                else
                    ReadAll(variable);
                Walk(index.index, depth + 1);
                return;
            case MemberCallContext call when !Functions.Contains(call.id.Text) && !Macros.Contains(call.id.Text):
                throw new PolicyConditionException($"column {call.id.Column + 1}: unknown function '{call.id.Text}'");
            case IdentOrGlobalCallContext ident when ident.op is not null:
                if (!Functions.Contains(ident.id.Text))
                    throw new PolicyConditionException($"column {ident.id.Column + 1}: unknown function '{ident.id.Text}'");
                break;
            case IdentOrGlobalCallContext ident:
                var name = ident.id.Text;
                if (PolicyFactSchema.IsVariable(name))
                    ReadAll(name);
                else if (!_bound.Contains(name) && !TypeNames.Contains(name))
                    throw new PolicyConditionException($"column {ident.id.Column + 1}: unknown variable '{name}' (the variables are {string.Join(", ", PolicyFactSchema.Variables)})");
                return;
            case CreateMessageContext message:
                throw new PolicyConditionException($"column {message.Start.Column + 1}: message construction is not supported in policy conditions");
        }
        for (var i = 0; i < node.ChildCount; i++)
            Walk(node.GetChild(i), depth + 1);
    }

    private void RequireField(string variable, string field, IToken at)
    {
        if (PolicyFactSchema.Find(variable, field) is null)
        {
            var known = string.Join(", ", PolicyFactSchema.FieldsOf(variable).Select(f => f.Name));
            throw new PolicyConditionException($"column {at.Column + 1}: '{variable}' has no field '{field}' (its fields are {known})");
        }
        Reads.Add((variable, field));
    }

    private void ReadAll(string variable)
    {
        foreach (var f in PolicyFactSchema.FieldsOf(variable))
            Reads.Add((variable, f.Name));
    }

    /// <summary>The identifier a member or expression is, when it is a bare identifier.</summary>
    private static string? IdentifierOf(IParseTree? node)
    {
        while (node is not null)
        {
            switch (node)
            {
                case IdentOrGlobalCallContext ident:
                    return ident.op is null && ident.leadingDot is null ? ident.id.Text : null;
                case PrimaryExprContext or MemberExprContext or ExprContext or ConditionalOrContext or ConditionalAndContext or RelationContext or CalcContext:
                    if (node.ChildCount != 1)
                        return null;
                    node = node.GetChild(0);
                    break;
                default:
                    return null;
            }
        }
        return null;
    }

    private static string? StringLiteralOf(ExprContext? expr)
    {
        IParseTree? node = expr;
        while (node is not null && node.ChildCount == 1 && node is not StringContext)
            node = node.GetChild(0);
        if (node is not StringContext s)
            return null;
        var text = s.tok.Text;
        // Only plain quoted literals name a field; escapes and raw strings are left to run time.
        if (text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0] && !text.Contains('\\', StringComparison.Ordinal))
            return text[1..^1];
        return null;
    }

    /// <summary>The CEL type of an expression where it is evident without evaluating it; null for "dynamic".</summary>
    private static string? StaticType(IParseTree? node)
    {
        while (node is not null)
        {
            switch (node)
            {
                case ExprContext e when e.op is not null:
                    var a = StaticType(e.e1);
                    var b = StaticType(e.e2);
                    return a == b ? a : null;
                case ConditionalOrContext or ConditionalAndContext when node.ChildCount > 1:
                    return "bool";
                case RelationContext r when r.op is not null:
                    return "bool";
                case CalcContext c when c.op is not null:
                    return StaticType(c.calc(0)) is "string" ? "string" : StaticType(c.calc(0)) is "list" ? "list" : "number";
                case LogicalNotContext:
                    return "bool";
                case NegateContext:
                    return "number";
                case MemberCallContext call:
                    return call.id.Text switch
                    {
                        "startsWith" or "endsWith" or "contains" or "matches" or "exists" or "all" or "exists_one" => "bool",
                        "size" => "number",
                        "filter" or "map" => "list",
                        _ => null,
                    };
                case IdentOrGlobalCallContext g:
                    if (g.op is null)
                        return null;
                    return g.id.Text switch
                    {
                        "has" or "bool" or "startsWith" or "endsWith" or "contains" or "matches" => "bool",
                        "size" or "int" or "uint" or "double" => "number",
                        "string" => "string",
                        _ => null,
                    };
                case SelectContext s when IdentifierOf(s.member()) is { } v && PolicyFactSchema.Find(v, s.id.Text) is { } f:
                    return f.Type switch
                    {
                        PolicyFactType.Bool => "bool",
                        PolicyFactType.String => "string",
                        PolicyFactType.StringList => "list",
                        _ => "number",
                    };
                case CreateListContext:
                    return "list";
                case CreateStructContext:
                    return "map";
                case StringContext:
                    return "string";
                case BytesContext:
                    return "bytes";
                case IntContext or UintContext or DoubleContext:
                    return "number";
                case BoolTrueContext or BoolFalseContext:
                    return "bool";
                case NullContext:
                    return "null";
                case NestedContext n:
                    node = n.e;
                    break;
                default:
                    if (node.ChildCount != 1)
                        return null;
                    node = node.GetChild(0);
                    break;
            }
        }
        return null;
    }
}
