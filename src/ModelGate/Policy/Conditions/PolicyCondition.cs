using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Cel;
using static Cel.Internal.CelParser;

namespace ModelGate.Policy.Conditions;

/// <summary>
/// A compiled <c>when</c> condition of a policy rule: a CEL expression over <c>finding</c>, <c>package</c>,
/// <c>artifact</c>, <c>model</c> and <c>card</c> (README.md in this folder lists every field). Compiled once
/// when the policy loads; evaluated per finding. Thread-safe.
/// </summary>
/// <remarks>
/// The Cel library evaluates by walking the parse tree on every call (tens of microseconds a condition), so
/// results are memoized on the values of the fields the condition reads: CEL has no side effects, and real
/// policies read a few low-cardinality fields (kind, severity, cvss, direct…), so 50 rules over 10,000
/// findings mostly hit the memo (README.md has the numbers).
/// </remarks>
internal sealed class PolicyCondition
{
    /// <summary>Longest condition accepted, in characters.</summary>
    internal const int MaxLength = 4096;

    /// <summary>Deepest bracket nesting accepted: the parser recurses per level.</summary>
    internal const int MaxNesting = 32;

    /// <summary>Memo entries kept per condition; past it, conditions are evaluated without memoizing.</summary>
    internal const int MaxMemoEntries = 16_384;

    // CelEnvironment compiles through one shared visitor, so compiling is serialized; evaluation is not.
    private static readonly Lock CompileLock = new();
    private static readonly CelEnvironment Environment = new(null, null);

    private readonly CelProgramDelegate _program;
    private readonly (string Variable, string Field)[] _reads;
    private readonly ConcurrentDictionary<string, bool> _memo = new(StringComparer.Ordinal);

    private PolicyCondition(string source, CelProgramDelegate program, (string, string)[] reads)
    {
        Source = source;
        _program = program;
        _reads = reads;
    }

    /// <summary>The expression as written.</summary>
    public string Source { get; }

    /// <summary>The fields the condition reads, as <c>variable.field</c>, sorted.</summary>
    public IReadOnlyList<string> Reads => _reads.Select(r => r.Variable + "." + r.Field).ToList();

    /// <summary>Compiles <paramref name="source"/>.</summary>
    /// <exception cref="PolicyConditionException">Syntax error, unknown variable or field, or not a boolean expression.</exception>
    public static PolicyCondition Compile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(source))
            throw new PolicyConditionException("the condition is empty");
        if (source.Length > MaxLength)
            throw new PolicyConditionException($"the condition is {source.Length} characters long; at most {MaxLength} are accepted");
        CheckNesting(source);

        CelProgramDelegate program;
        ConditionChecker checker;
        lock (CompileLock)
        {
            StartContext tree;
            try
            {
                tree = Environment.Parse(source);
                checker = ConditionChecker.Check(tree);
                program = Environment.Compile(tree);
            }
            catch (PolicyConditionException)
            {
                throw;
            }
            catch (Exception ex) when (ex is CelException or Antlr4.Runtime.RecognitionException or ArgumentException or InvalidOperationException)
            {
                throw new PolicyConditionException($"syntax error: {ReasonOf(ex)}", ex);
            }
        }
        var condition = new PolicyCondition(source, program, [.. checker.Reads]);
        condition.Probe();
        return condition;
    }

    /// <summary>True when the condition holds for <paramref name="facts"/>.</summary>
    /// <exception cref="PolicyConditionException">The expression failed at run time (for example a type error).</exception>
    public bool Evaluate(PolicyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var key = MemoKey(facts);
        if (_memo.TryGetValue(key, out var known))
            return known;
        var result = Run(facts);
        if (_memo.Count < MaxMemoEntries)
            _memo.TryAdd(key, result);
        return result;
    }

    /// <summary>Evaluates without the memo (what <see cref="Evaluate"/> does on a miss).</summary>
    internal bool EvaluateUncached(PolicyFacts facts) => Run(facts);

    private bool Run(PolicyFacts facts)
    {
        object? result;
        try
        {
            result = _program(facts.Variables);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new PolicyConditionException($"'{Source}' failed: {ReasonOf(ex)}", ex);
        }
        return result switch
        {
            bool b => b,
            null => throw new PolicyConditionException($"'{Source}' failed: an operand of a logical operator is not a boolean"),
            _ => throw new PolicyConditionException($"'{Source}' is a {result.GetType().Name}, not a boolean"),
        };
    }

    /// <summary>
    /// Runs the condition once on empty facts: type errors (comparing a number with a string), unknown
    /// overloads and invalid regular expressions do not depend on the values, so they are compile errors.
    /// Errors that do depend on values (division by zero, an index past the end) are left to run time.
    /// </summary>
    private void Probe()
    {
        try
        {
            Run(PolicyFacts.Empty);
        }
        catch (PolicyConditionException ex) when (IsValueIndependent(ex.InnerException) || ex.InnerException is null)
        {
            throw new PolicyConditionException(ex.Message.Replace($"'{Source}' failed: ", string.Empty, StringComparison.Ordinal), ex);
        }
        catch (PolicyConditionException)
        {
            // Depends on the facts; reported when it happens.
        }
    }

    private static bool IsValueIndependent(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is CelDivideByZeroException or CelModulusByZeroException or CelArgumentRangeException or CelOverflowException)
                return false;
        }
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is CelNoSuchOverloadException or CelNoSuchFieldException or CelUndeclaredReferenceException or CelExpressionParserException
                or System.Text.RegularExpressions.RegexParseException)
                return true;
        }
        return false;
    }

    private string MemoKey(PolicyFacts facts)
    {
        var key = new StringBuilder(64);
        foreach (var (variable, field) in _reads)
        {
            switch (facts.Get(variable, field))
            {
                case string s:
                    key.Append('s').Append(s.Length).Append(':').Append(s);
                    break;
                case long l:
                    key.Append('i').Append(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    key.Append('d').Append(d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case bool b:
                    key.Append(b ? 'T' : 'F');
                    break;
                case object?[] list:
                    key.Append('l').Append(list.Length);
                    foreach (var item in list)
                    {
                        var text = item as string ?? string.Empty;
                        key.Append(':').Append(text.Length).Append(':').Append(text);
                    }
                    break;
                default:
                    key.Append('n');
                    break;
            }
            key.Append('|');
        }
        return key.ToString();
    }

    private static void CheckNesting(string source)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (quote != '\0')
            {
                if (c == '\\')
                    i++;
                else if (c == quote)
                    quote = '\0';
                continue;
            }
            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    if (++depth > MaxNesting)
                        throw new PolicyConditionException($"column {i + 1}: brackets are nested more than {MaxNesting} deep");
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
            }
        }
    }

    /// <summary>The most specific message: the library wraps operand errors ("Could not compare AND values").</summary>
    private static string ReasonOf(Exception ex)
    {
        var reason = ex.Message;
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
            reason = e.Message;
        return reason.Trim();
    }
}
