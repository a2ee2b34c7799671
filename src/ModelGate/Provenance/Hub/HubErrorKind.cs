namespace ModelGate.Provenance.Hub;

/// <summary>Why a Hub exchange failed, so callers can choose a finding, a diagnostic or an exit code.</summary>
internal enum HubErrorKind
{
    /// <summary>401: no token, or a token the Hub does not accept.</summary>
    Unauthorized,

    /// <summary>The repository is gated and the token's account has not accepted its conditions.</summary>
    Gated,

    /// <summary>Repository, revision or file not found (a private repository looks the same without a token).</summary>
    NotFound,

    /// <summary>429 beyond the retries, or a Retry-After longer than allowed.</summary>
    RateLimited,

    /// <summary>5xx beyond the retries.</summary>
    Server,

    /// <summary>An answer that breaks the Hub's protocol: malformed JSON, unsafe paths, redirect loops.</summary>
    Protocol,

    /// <summary>Bytes that differ from what the Hub published (size or hash).</summary>
    Integrity,

    /// <summary>The Hub could not be reached, the connection kept breaking, or offline mode forbids the request.</summary>
    Network,
}
