namespace ModelGate.Formats.Pickle;

/// <summary>Things in a pickle that a static reader cannot resolve, or that real pickle writers never produce.</summary>
public enum PickleAnomalyKind
{
    /// <summary>STACK_GLOBAL on a module or name that is not a literal string (computed, or not a string at all).</summary>
    DynamicImport,

    /// <summary>A call whose target is not a global or a resolvable getattr/import chain.</summary>
    UnresolvedCallTarget,

    /// <summary>EXT1/EXT2/EXT4: a copyreg extension-registry code, which names a callable only at load time.</summary>
    ExtensionCode,

    /// <summary>An opcode popped more than the stack (above the last mark) held; the unpickler stops there.</summary>
    StackUnderflow,

    /// <summary>A byte that is no opcode of protocols 0-5.</summary>
    UnknownOpcode,

    /// <summary>GET of a memo key never PUT; the unpickler stops there.</summary>
    MemoKeyMissing,

    /// <summary>The opcode stream breaks part-way (truncated argument, bad value, input ends before STOP).</summary>
    BrokenPickle,

    /// <summary>A FRAME that starts inside the previous frame, or a frame length past the end of the input.</summary>
    FrameMismatch,

    /// <summary>A name reached through a string-to-callable resolver (getattr, import_module, attrgetter...).</summary>
    ResolvedThroughCall,

    /// <summary>BUILD applied to a global (a class or function), which overwrites its attributes.</summary>
    BuildOnGlobal,

    /// <summary>A named bound of <see cref="PickleLimits"/> was crossed.</summary>
    LimitExceeded,

    /// <summary>A joblib array whose byte size cannot be computed from its dtype and shape.</summary>
    JoblibArrayUnsized,

    /// <summary>PROTO after the first opcode, or a protocol number above 5.</summary>
    UnexpectedProto,

    /// <summary>Stack elements left over at STOP (real writers leave exactly one), or marks never closed.</summary>
    LeftoverStack,

    /// <summary>NEXT_BUFFER / READONLY_BUFFER: out-of-band buffers supplied by the loader.</summary>
    OutOfBandBuffer,
}
