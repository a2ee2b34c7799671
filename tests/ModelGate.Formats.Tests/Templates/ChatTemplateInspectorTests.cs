using ModelGate.Formats.Templates;

namespace ModelGate.Formats.Tests.Templates;

public sealed class ChatTemplateInspectorTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Templates", "testdata", name));

    [Theory]
    [InlineData("llama2.jinja")]
    [InlineData("llama3.jinja")]
    [InlineData("llama31-tools.jinja")]
    [InlineData("mistral.jinja")]
    [InlineData("chatml-qwen2-tools.jinja")]
    [InlineData("gemma.jinja")]
    [InlineData("phi3.jinja")]
    [InlineData("zephyr.jinja")]
    [InlineData("deepseek.jinja")]
    [InlineData("command-r.jinja")]
    [InlineData("macros-and-raw.jinja")]
    public void Real_chat_templates_are_clean(string name)
    {
        var template = Fixture(name);
        Assert.NotEmpty(JinjaTokenizer.Tokenize(template));
        Assert.Empty(ChatTemplateInspector.Inspect(template));
    }

    [Theory]
    // CVE-2024-34359 payload shapes, reworded.
    [InlineData("{{ ''.__class__.__mro__[1].__subclasses__() }}", TemplateFindingKind.UnderscoreAttribute)]
    [InlineData("{{ cycler.__init__.__globals__.os.popen('id').read() }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ cycler.__init__.__globals__.os.popen('id').read() }}", TemplateFindingKind.DangerousCall)]
    [InlineData("{{ joiner.__init__.__globals__ }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ namespace.__init__.__globals__ }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ lipsum.__globals__['os'].system('ls') }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ self._TemplateReference__context }}", TemplateFindingKind.UnderscoreAttribute)]
    [InlineData("{{ self }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ request.application.__globals__ }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ config.items() }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ url_for.__globals__ }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ get_flashed_messages }}", TemplateFindingKind.GadgetGlobal)]
    [InlineData("{{ range.__init__ }}", TemplateFindingKind.UnderscoreAttribute)]
    // Evasions: attr filter, subscript, concatenation, formatting, join, escapes, whitespace control.
    [InlineData("{{ ''|attr('__class__') }}", TemplateFindingKind.UnderscoreAttribute)]
    [InlineData("{{ x|attr(name) }}", TemplateFindingKind.DynamicAttribute)]
    [InlineData("{{ x['__globals__'] }}", TemplateFindingKind.DunderString)]
    [InlineData("{{ x['_private'] }}", TemplateFindingKind.UnderscoreAttribute)]
    [InlineData("{{ x|attr('__cla' ~ 'ss__') }}", TemplateFindingKind.DynamicAttribute)]
    [InlineData("{% set n = '__cla' ~ 'ss__' %}{{ x|attr(n) }}", TemplateFindingKind.StringBuiltName)]
    [InlineData("{% set n = '_' + '_class' + '_' + '_' %}", TemplateFindingKind.StringBuiltName)]
    [InlineData("{% set u = '%c' % 95 %}", TemplateFindingKind.StringBuiltName)]
    [InlineData("{% set u = '%c%c'|format(95, 95) %}", TemplateFindingKind.StringBuiltName)]
    [InlineData("{% set n = ['_','_','c','l','a','s','s','_','_']|join %}", TemplateFindingKind.StringBuiltName)]
    [InlineData("{% set n = '_' * 2 %}", TemplateFindingKind.StringBuiltName)]
    [InlineData("{{ x['\\x5f\\x5fclass\\x5f\\x5f'] }}", TemplateFindingKind.EscapedName)]
    [InlineData("{{ x['\\x5f\\x5fclass\\x5f\\x5f'] }}", TemplateFindingKind.DunderString)]
    [InlineData("{{ x|attr('\\u005f\\u005fclass\\u005f\\u005f') }}", TemplateFindingKind.UnderscoreAttribute)]
    [InlineData("{{ x['\\137\\137globals\\137\\137'] }}", TemplateFindingKind.EscapedName)]
    [InlineData("{{ x['\\N{LOW LINE}'] }}", TemplateFindingKind.EscapedName)]
    [InlineData("{{- ''.__class__ -}}", TemplateFindingKind.UnderscoreAttribute)]
    [InlineData("{%- set x = ''.__class__ -%}", TemplateFindingKind.UnderscoreAttribute)]
    [InlineData("{{ dict(__class__=1)|list|first }}", TemplateFindingKind.DunderName)]
    [InlineData("{{ eval('1') }}", TemplateFindingKind.DangerousCall)]
    [InlineData("{{ x.import_module('os') }}", TemplateFindingKind.DangerousCall)]
    [InlineData("{% import 'macros.j2' as m %}", TemplateFindingKind.LoaderStatement)]
    [InlineData("{% from 'macros.j2' import m %}", TemplateFindingKind.LoaderStatement)]
    [InlineData("{% include 'other.j2' %}", TemplateFindingKind.LoaderStatement)]
    [InlineData("{% extends 'base.j2' %}", TemplateFindingKind.LoaderStatement)]
    [InlineData("hello {{ {'a': ''.__class__} }}", TemplateFindingKind.UnderscoreAttribute)]
    public void Malicious_constructs_are_found(string template, TemplateFindingKind expected)
    {
        var findings = ChatTemplateInspector.Inspect(template);
        Assert.Contains(findings, f => f.Kind == expected);
    }

    [Fact]
    public void A_finding_carries_line_column_and_snippet()
    {
        var findings = ChatTemplateInspector.Inspect("{% for m in messages %}\n  {{ m.__class__ }}\n{% endfor %}");
        var finding = Assert.Single(findings);
        Assert.Equal(TemplateFindingKind.UnderscoreAttribute, finding.Kind);
        Assert.Equal(2, finding.Line);
        Assert.Equal(8, finding.Column);
        Assert.Equal("{{ m.__class__ }}", finding.Snippet);
    }

    [Theory]
    [InlineData("{# {{ ''.__class__ }} #}")]
    [InlineData("{% raw %}{{ ''.__class__ }}{% endraw %}")]
    [InlineData("{%- raw -%}{{ cycler.__init__ }}{%- endraw -%}")]
    [InlineData("plain text with __dunder__ outside any tag")]
    [InlineData("{{ message['content'] | trim }}")]
    [InlineData("{% set ns = namespace(found=false) %}{% set ns.found = true %}{{ ns.found }}")]
    public void Text_outside_expressions_is_not_a_finding(string template) =>
        Assert.Empty(ChatTemplateInspector.Inspect(template));

    [Theory]
    [InlineData("{{ ''.__class__")]
    [InlineData("{{ '")]
    [InlineData("{% raw %}{{")]
    [InlineData("{# never closed")]
    [InlineData("{{ '\\x")]
    [InlineData("{{ '\\U0011FFFF' }}")]
    [InlineData("{{ '\\N{LOW")]
    public void Unterminated_input_does_not_throw(string template)
    {
        var findings = ChatTemplateInspector.Inspect(template);
        Assert.All(findings, f => Assert.True(f.Line >= 1));
    }

    [Fact]
    public void Unterminated_expression_is_still_checked() =>
        Assert.Contains(ChatTemplateInspector.Inspect("{{ ''.__class__"), f => f.Kind == TemplateFindingKind.UnderscoreAttribute);

    [Fact]
    public void Findings_are_capped()
    {
        var template = string.Concat(Enumerable.Repeat("{{ x.__a__ }}", 5000));
        Assert.Equal(ChatTemplateInspector.MaxFindings, ChatTemplateInspector.Inspect(template).Count);
    }
}
