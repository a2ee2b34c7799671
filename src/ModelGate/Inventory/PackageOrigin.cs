namespace ModelGate.Inventory;

/// <summary>What kind of file declared a package; decides how "direct" is worked out.</summary>
public enum PackageOrigin
{
    /// <summary>A file a person edits: requirements.txt, pyproject.toml, Pipfile, setup.cfg, environment.yml.</summary>
    Manifest,

    /// <summary>A file a resolver writes: poetry.lock, uv.lock, pdm.lock, Pipfile.lock, pylock.toml.</summary>
    Lockfile,

    /// <summary>An installed distribution found in site-packages.</summary>
    Installed,
}
