namespace ModelGate.Formats.Pickle;

/// <summary>The opcode family that makes the unpickler call something.</summary>
public enum PickleCallKind
{
    /// <summary>REDUCE: <c>callable(*args)</c>.</summary>
    Reduce,

    /// <summary>NEWOBJ / NEWOBJ_EX: <c>cls.__new__(cls, *args, **kwargs)</c>.</summary>
    NewObj,

    /// <summary>OBJ: <c>cls(*args)</c> with the class and arguments above a mark.</summary>
    Obj,

    /// <summary>INST: import and call in one opcode.</summary>
    Inst,

    /// <summary>BUILD: <c>obj.__setstate__(state)</c> or an attribute update; the callable is the object's class.</summary>
    Build,

    /// <summary>
    /// PERSID / BINPERSID: the loader's <c>persistent_load(pid)</c> (torch storages). Not a call the pickle
    /// chooses: <see cref="PickleCall.Callable"/> is null and this is not an unresolved target.
    /// </summary>
    PersistentLoad,
}
