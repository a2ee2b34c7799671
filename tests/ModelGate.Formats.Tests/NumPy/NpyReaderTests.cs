using System.Text;
using ModelGate.Formats.NumPy;

namespace ModelGate.Formats.Tests.NumPy;

public sealed class NpyReaderTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "NumPy", "testdata", name));

    private static NpyHeader Read(byte[] bytes) => NpyReader.ReadHeader(new MemoryStream(bytes));

    [Theory]
    [InlineData("float64-v1.npy", 1, "'<f8'", 8UL, "2,3", false)]
    [InlineData("int32-v2.npy", 2, "'<i4'", 4UL, "5", false)]
    [InlineData("bool-v1.npy", 1, "'|b1'", 1UL, "3", false)]
    [InlineData("unicode-v3.npy", 3, "'<U5'", 20UL, "2", false)]
    [InlineData("datetime-ns.npy", 1, "'<M8[ns]'", 8UL, "1", false)]
    [InlineData("structured.npy", 1, "[('x', '<f4'), ('sub', '<i4', (2,))]", 12UL, "2", false)]
    [InlineData("fortran-order.npy", 1, "'<f4'", 4UL, "2,2", true)]
    public void Numpy_written_files_read_cleanly(string name, int major, string descr, ulong itemSize, string shape, bool fortran)
    {
        var bytes = Fixture(name);
        var header = Read(bytes);
        Assert.Equal(major, header.MajorVersion);
        Assert.Equal(descr, header.Descr);
        Assert.False(header.HasObjectDtype);
        Assert.Equal(itemSize, header.ItemSize);
        Assert.Equal(shape, string.Join(",", header.Shape));
        Assert.Equal(fortran, header.FortranOrder);
        Assert.Equal(0, header.DataOffset % 64);
        Assert.Equal((ulong)(bytes.Length - header.DataOffset), header.ExpectedDataLength);
        Assert.Empty(header.Problems);
    }

    [Theory]
    [InlineData("object-array.npy")]
    [InlineData("structured-with-object.npy")]
    public void Object_dtypes_are_flagged_and_point_at_the_pickle(string name)
    {
        var bytes = Fixture(name);
        var header = Read(bytes);
        Assert.True(header.HasObjectDtype);
        Assert.Null(header.ExpectedDataLength);
        Assert.Equal(0x80, bytes[header.DataOffset]); // pickle PROTO opcode
        Assert.Empty(header.Problems);
    }

    [Theory]
    [InlineData("truncated-data.npy", NpyProblemKind.DataTooShort)]
    [InlineData("trailing-data.npy", NpyProblemKind.DataTooLong)]
    public void Data_length_mismatches_are_problems(string name, NpyProblemKind kind) =>
        Assert.Equal(kind, Assert.Single(Read(Fixture(name)).Problems).Kind);

    [Fact]
    public void Truncation_at_every_offset_is_malformed_or_a_problem()
    {
        var bytes = Fixture("structured.npy");
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                var header = Read(bytes[..length]);
                Assert.Contains(header.Problems, p => p.Kind == NpyProblemKind.DataTooShort);
            }
            catch (MalformedDataException)
            {
            }
        }
    }

    private static byte[] Build(string dict, int major = 1, int? lengthField = null)
    {
        var text = Encoding.Latin1.GetBytes(dict);
        var prefix = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        var length = lengthField ?? text.Length;
        if (major == 1)
            prefix.AddRange(BitConverter.GetBytes((ushort)length));
        else
            prefix.AddRange(BitConverter.GetBytes((uint)length));
        return [.. prefix, .. text];
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "8")]
    [InlineData("{\"descr\": \"<i2\", \"fortran_order\": False, \"shape\": (3,)}", "6")]
    [InlineData("{'descr': ('<f4', (2, 2)), 'fortran_order': False, 'shape': (1,)}", "16")]
    [InlineData("{'descr': [(('title', 'x'), '<u2')], 'fortran_order': True, 'shape': (1,)}", "2")]
    [InlineData("{'descr': '<' 'f8', 'fortran_order': False, 'shape': (0,)}", "0")]
    [InlineData("{'descr': 'd', 'fortran_order': False, 'shape': (1,)}", "8")]
    public void Header_literals_numpy_accepts_parse(string dict, string expected)
    {
        var header = Read(Build(dict));
        Assert.Equal(expected, header.ExpectedDataLength?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{'descr': 'O', 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': 'object', 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': [('a', [('b', '|O')])], 'fortran_order': False, 'shape': (1,)}")]
    public void Every_spelling_of_object_is_flagged(string dict) => Assert.True(Read(Build(dict)).HasObjectDtype);

    [Theory]
    [InlineData("__import__('os').system('id')")]
    [InlineData("{'descr': '<f8', 'fortran_order': False}")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}")]
    [InlineData("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': [1]}")]
    [InlineData("{'descr': 1, 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x")]
    [InlineData("{'descr': '<f8")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (0123,)}")]
    public void Invalid_headers_are_malformed(string dict) =>
        Assert.Throws<MalformedDataException>(() => Read(Build(dict)));

    [Fact]
    public void Deep_nesting_is_malformed() =>
        Assert.Throws<MalformedDataException>(() => Read(Build("{'descr': " + new string('[', 5000) + "}")));

    [Theory]
    [InlineData(1, 60000)]
    [InlineData(2, int.MaxValue)]
    public void Lying_header_lengths_are_malformed(int major, int length) =>
        Assert.Throws<MalformedDataException>(() => Read(Build("{}", major, length)));

    [Fact]
    public void Large_headers_are_reported()
    {
        var dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (0,)}" + new string(' ', 12_000) + "\n";
        Assert.Equal(NpyProblemKind.HeaderTooLarge, Assert.Single(Read(Build(dict, 2)).Problems).Kind);
    }

    [Fact]
    public void Huge_shapes_overflow_into_a_problem()
    {
        var header = Read(Build("{'descr': '<f8', 'fortran_order': False, 'shape': (18446744073709551615, 2)}"));
        Assert.Equal(NpyProblemKind.SizeOverflow, Assert.Single(header.Problems).Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 9, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0 })]
    public void Bad_magic_or_version_is_malformed(byte[] bytes) =>
        Assert.Throws<MalformedDataException>(() => Read(bytes));
}
