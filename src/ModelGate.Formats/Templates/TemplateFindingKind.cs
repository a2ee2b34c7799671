namespace ModelGate.Formats.Templates;

/// <summary>Jinja constructs that reach outside a chat template's data, as in CVE-2024-34359.</summary>
public enum TemplateFindingKind
{
    /// <summary>Attribute or subscript access (<c>.x</c>, <c>['x']</c>, <c>|attr('x')</c>) to a name starting with <c>_</c>; the jinja2 sandbox refuses these.</summary>
    UnderscoreAttribute,

    /// <summary><c>|attr(...)</c> with a computed name: the attribute cannot be known statically.</summary>
    DynamicAttribute,

    /// <summary>A Jinja or Flask global whose attributes lead to Python internals (<c>cycler</c>, <c>joiner</c>, <c>lipsum</c>, <c>self</c>, <c>request</c>, <c>config</c>, ...).</summary>
    GadgetGlobal,

    /// <summary>A bare name written as a dunder (<c>__builtins__</c>, <c>dict(__class__=1)</c>).</summary>
    DunderName,

    /// <summary>A string literal holding a dunder name (<c>'__globals__'</c>).</summary>
    DunderString,

    /// <summary>An escape sequence (<c>\x5f</c>, <c>\u005f</c>, <c>\137</c>) spelling an identifier character.</summary>
    EscapedName,

    /// <summary>A name built from pieces: concatenation, <c>%c</c> formatting, <c>|join</c> of literals, repetition of <c>'_'</c>.</summary>
    StringBuiltName,

    /// <summary>A call to a code-execution function (<c>popen</c>, <c>system</c>, <c>eval</c>, <c>exec</c>, <c>__import__</c>, <c>import_module</c>...).</summary>
    DangerousCall,

    /// <summary><c>{% import %}</c>, <c>{% from %}</c>, <c>{% include %}</c> or <c>{% extends %}</c>: chat templates have no loader.</summary>
    LoaderStatement,
}
