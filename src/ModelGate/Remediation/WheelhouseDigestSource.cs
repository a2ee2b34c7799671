using System.Security.Cryptography;
using ModelGate.Formats.Pep440;
using ModelGate.Formats.Pep508;

namespace ModelGate.Remediation;

/// <summary>
/// A local folder of distribution files (what pip's <c>--find-links DIR</c> reads, top level only, as pip
/// does): the files of a version are the wheels (PEP 427 <c>{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl</c>)
/// and sdists (<c>{name}-{version}.tar.gz</c> or <c>.zip</c>) whose PEP 503-normalized name is the
/// requirement's and whose version is equal under PEP 440 (<c>1.0</c> matches <c>1.0.0</c>). Files are
/// hashed streaming, so size does not matter for memory.
/// </summary>
internal sealed class WheelhouseDigestSource(string directory) : IDigestSource
{
    private static readonly string[] SdistExtensions = [".tar.gz", ".zip"];

    public string Description => directory;

    public async Task<DigestLookup> LookupAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
            throw new PackageIndexException($"{directory}: the --find-links folder does not exist", directory, null, transient: false);
        var normalized = PackageName.Normalize(name);
        var wanted = PythonVersion.TryParse(version, out var parsed) ? parsed : null;
        List<string> matches;
        try
        {
            matches = [.. Directory.EnumerateFiles(directory)
                .Where(path => Matches(Path.GetFileName(path), normalized, version, wanted))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PackageIndexException($"{directory}: cannot list the folder: {ex.Message}", directory, null, transient: false, ex);
        }
        if (matches.Count == 0)
            return DigestLookup.NotFound;
        var files = new List<DistributionDigest>(matches.Count);
        foreach (var path in matches)
            files.Add(new DistributionDigest(Path.GetFileName(path), await Sha256Async(path, cancellationToken).ConfigureAwait(false)));
        return new DigestLookup(true, files);
    }

    /// <summary>Whether <paramref name="fileName"/> is a wheel or sdist of the normalized name at the version.</summary>
    internal static bool Matches(string fileName, string normalizedName, string version, PythonVersion? parsedVersion)
    {
        if (fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            // PEP 427: the components never contain '-' (the wheel builder escapes it to '_').
            var parts = fileName[..^4].Split('-');
            return parts.Length is 5 or 6
                && PackageName.IsValid(parts[0])
                && PackageName.Normalize(parts[0]) == normalizedName
                && SameVersion(parts[1], version, parsedVersion);
        }
        foreach (var extension in SdistExtensions)
        {
            if (!fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                continue;
            var stem = fileName[..^extension.Length];
            // Legacy sdist names may contain '-' in the name and the version; try every split.
            for (var i = stem.IndexOf('-', StringComparison.Ordinal); i > 0; i = stem.IndexOf('-', i + 1))
            {
                if (PackageName.IsValid(stem.AsSpan(0, i)) && PackageName.Normalize(stem[..i]) == normalizedName && SameVersion(stem[(i + 1)..], version, parsedVersion))
                    return true;
            }
        }
        return false;
    }

    private static bool SameVersion(string candidate, string version, PythonVersion? parsedVersion)
    {
        if (parsedVersion is not null && PythonVersion.TryParse(candidate, out var parsed))
            return parsed.Equals(parsedVersion);
        // A version that is not PEP 440 (a "===" pin) matches only as the same text.
        return string.Equals(candidate, version, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        try
        {
            // A FIFO, socket or character device would block or never end when read. .NET does not expose the
            // file type on Unix, but stat reports size 0 for all of them, and an empty file is no distribution
            // either, so anything without content is refused before it is opened.
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            if (!info.Exists || (info.Attributes & (FileAttributes.Device | FileAttributes.Directory)) != 0 || info.Length == 0)
                throw new PackageIndexException($"{path}: not a distribution file (empty, or not a regular file)", path, null, transient: false);
            var stream = new FileStream(info.FullName, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
            await using (stream.ConfigureAwait(false))
            {
                var digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
                return Convert.ToHexStringLower(digest);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PackageIndexException($"{path}: cannot read: {ex.Message}", path, null, transient: false, ex);
        }
    }
}
