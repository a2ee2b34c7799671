namespace ModelGate.Formats.Pickle;

/// <summary>One import the unpickler would perform.</summary>
/// <param name="Module">The module, e.g. <c>os</c> or <c>torch._utils</c>.</param>
/// <param name="Name">The attribute, possibly a dotted qualname (<c>Foo.bar</c>); empty when a whole module is imported (<c>importlib.import_module('os')</c>); "?" when not known statically.</param>
/// <param name="Offset">Byte offset of the opcode, from where reading began.</param>
/// <param name="Opcode">The opcode that imports (REDUCE for <see cref="PickleImportVia.ResolvedThrough"/>).</param>
/// <param name="Via">How the name was given.</param>
public sealed record PickleImport(string Module, string Name, long Offset, PickleOpcode Opcode, PickleImportVia Via)
{
    /// <summary><c>module.name</c>, or just the module when the name is empty.</summary>
    public string FullName => Name.Length == 0 ? Module : $"{Module}.{Name}";
}
