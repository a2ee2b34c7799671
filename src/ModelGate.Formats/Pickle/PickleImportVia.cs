namespace ModelGate.Formats.Pickle;

/// <summary>How a pickle names the callable or module it imports.</summary>
public enum PickleImportVia
{
    /// <summary>GLOBAL opcode: module and name inline as text.</summary>
    Global,

    /// <summary>INST opcode: module and name inline, and the class is called at once.</summary>
    Inst,

    /// <summary>STACK_GLOBAL opcode: module and name popped from the stack.</summary>
    StackGlobal,

    /// <summary>
    /// Not an opcode: a name reached through a string-to-callable resolver called with literal arguments
    /// (<c>builtins.getattr(os, 'system')</c>, <c>importlib.import_module('os')</c>, <c>operator.attrgetter</c>,
    /// <c>pkgutil.resolve_name</c>...). Offset and opcode are those of the resolving call.
    /// </summary>
    ResolvedThrough,
}
