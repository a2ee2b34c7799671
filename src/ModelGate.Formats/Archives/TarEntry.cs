namespace ModelGate.Formats.Archives;

/// <summary>One member of a tar archive, after pax and GNU long-name headers were applied.</summary>
public sealed class TarEntry
{
    private readonly TarArchiveReader.Cursor _cursor;
    private readonly int _sequence;

    internal TarEntry(TarArchiveReader.Cursor cursor, int sequence, string name, string? linkName, TarEntryKind kind, byte typeFlag, long size, long headerOffset, long dataOffset, IReadOnlyList<ArchiveAnomaly> anomalies)
    {
        _cursor = cursor;
        _sequence = sequence;
        Name = name;
        LinkName = linkName;
        Kind = kind;
        TypeFlag = typeFlag;
        Size = size;
        HeaderOffset = headerOffset;
        DataOffset = dataOffset;
        Anomalies = anomalies;
    }

    /// <summary>The member's name: pax <c>path</c>, else a GNU long name, else ustar prefix + "/" + name.</summary>
    public string Name { get; }

    /// <summary>A link's target (pax <c>linkpath</c>, GNU long link, or the header's linkname); null for other kinds.</summary>
    public string? LinkName { get; }

    /// <summary>What the header describes.</summary>
    public TarEntryKind Kind { get; }

    /// <summary>The raw type flag byte.</summary>
    public byte TypeFlag { get; }

    /// <summary>Bytes of data (pax <c>size</c> overrides the header). Zero for kinds that carry no data in Python's tarfile.</summary>
    public long Size { get; }

    /// <summary>Offset of this member's first header (its pax or long-name header, if any), counted from where reading started.</summary>
    public long HeaderOffset { get; }

    /// <summary>Offset of the data, counted from where reading started.</summary>
    public long DataOffset { get; }

    /// <summary>True for kinds whose data Python's tarfile exposes (regular files and unknown types).</summary>
    public bool HasData => Kind is TarEntryKind.File or TarEntryKind.Other;

    /// <summary>Irregularities of this member: bad checksum, links, devices, unsafe names.</summary>
    public IReadOnlyList<ArchiveAnomaly> Anomalies { get; }

    /// <summary>
    /// The member's data. On a seekable archive stream it may be opened at any time; on a forward-only one only
    /// before the enumeration moves to the next entry, and read in order. Reading past the end of a truncated
    /// archive throws <see cref="MalformedDataException"/>.
    /// </summary>
    public Stream Open()
    {
        if (!_cursor.Source.CanSeek)
        {
            if (_cursor.Sequence != _sequence || _cursor.Opened)
                throw new InvalidOperationException("a forward-only tar stream's entry can be opened once, while it is the current entry");
            _cursor.Opened = true;
        }
        var window = new WindowStream(_cursor.Source, _cursor.SourceStart + DataOffset, Size);
        return new InputCounter(window, TarArchiveReader.Format, DataOffset, Size);
    }

    public override string ToString() => Name;
}
