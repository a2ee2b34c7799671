namespace ModelGate.Advisories.Database;

/// <summary>
/// One advisory as the database stores it: already serialized to its canonical OSV JSON by the OSV writer.
/// The database never parses <paramref name="Json"/>; it indexes the document under each of
/// <paramref name="PackageNames"/> (PEP 503-normalized PyPI names) and keeps one document per id.
/// </summary>
/// <param name="Id">The OSV <c>id</c>.</param>
/// <param name="Modified">The OSV <c>modified</c> time; used only to choose between two documents with one id.</param>
/// <param name="PackageNames">The PyPI names the advisory affects.</param>
/// <param name="Json">The canonical JSON document.</param>
public sealed record StoredAdvisory(string Id, DateTimeOffset? Modified, IReadOnlyList<string> PackageNames, string Json);
