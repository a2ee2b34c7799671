namespace ModelGate.Findings;

/// <summary>The catalogue of every rule ModelGate reports. One table, so ids stay unique and documented.</summary>
public static class Rules
{
    public static readonly Rule ParseError = new(
        "MG0001", "Input could not be parsed", FindingKind.ParseError, Severity.High,
        "A line or document of a manifest, lockfile or artifact could not be understood. What it declares is unknown, so a gate treats it as a failure until fixed or waived.");

    public static readonly Rule UnreadableInput = new(
        "MG0002", "Input could not be read", FindingKind.ParseError, Severity.High,
        "A file could not be opened or read (permissions, I/O error, file vanished during the scan).");

    public static readonly Rule InputLimitExceeded = new(
        "MG0003", "Input exceeds a safety limit", FindingKind.ParseError, Severity.High,
        "A file is larger, longer or deeper than ModelGate reads (a hostile or generated file). It was not analysed.");

    public static readonly Rule IncludeNotFound = new(
        "MG0004", "Included requirements file is missing", FindingKind.ParseError, Severity.High,
        "A requirements file names another with -r or -c that does not exist or cannot be read, so part of the dependency set is unknown.");

    public static readonly Rule IncludeCycle = new(
        "MG0005", "Requirements include cycle", FindingKind.ParseError, Severity.Medium,
        "Requirements files include each other in a cycle. pip would recurse; ModelGate reads each file once and reports the cycle.");

    public static readonly Rule UnsupportedInput = new(
        "MG0006", "Input is not a format ModelGate reads", FindingKind.ParseError, Severity.High,
        "The target was given explicitly but no reader recognises it, so nothing about it was checked.");

    public static readonly Rule ReaderFailure = new(
        "MG0007", "Reader failed unexpectedly", FindingKind.ParseError, Severity.High,
        "A reader stopped with an internal error on this file. The file was not analysed; please report the bug with the file if you can share it.");

    public static readonly Rule VersionNotAuditable = new(
        "MG0008", "Version cannot be checked against advisories", FindingKind.ParseError, Severity.High,
        "The pinned version is not a valid PEP 440 version, so advisory ranges cannot be evaluated for it. It is not assumed safe: pin a valid released version.");

    public static readonly Rule AdvisorySourceProblem = new(
        "MG0009", "Advisory data could not be fully read", FindingKind.ParseError, Severity.Medium,
        "Part of the advisory data was malformed or unavailable and was skipped, so a vulnerability could be missing from the report.");

    public static readonly Rule KnownVulnerability = new(
        "MG1001", "Known vulnerability in a dependency", FindingKind.Vulnerability, Severity.High,
        "An OSV advisory affects the pinned version. Upgrade to the recommended version (the smallest one no advisory affects), or waive the advisory with a reason and an expiry.");

    public static readonly Rule PossiblyVulnerable = new(
        "MG1002", "Unpinned requirement allows vulnerable versions", FindingKind.Vulnerability, Severity.Medium,
        "With --assume-worst: the requirement is not pinned and some version it allows is affected by an advisory. Pin a version outside the affected ranges.");

    public static readonly Rule InconsistentBom = new(
        "MG1090", "BOM references are inconsistent", FindingKind.Hygiene, Severity.Medium,
        "Two elements of a CycloneDX BOM share a bom-ref, or a dependency, affects or dataset reference names no element: the graph, and which component a vulnerability is about, cannot be trusted. Regenerate the BOM with a tool that keeps bom-refs unique.");

    public static readonly Rule UnauditableBomComponent = new(
        "MG1091", "BOM component cannot be audited", FindingKind.Hygiene, Severity.Medium,
        "A package component of a CycloneDX BOM has no version (neither in its purl nor in its version field), so no advisory can be matched to it. Regenerate the BOM from a lockfile or an installed environment.");

    public static readonly Rule UnpinnedBomModel = new(
        "MG1092", "BOM model is not pinned", FindingKind.Hygiene, Severity.Medium,
        "A machine-learning-model component of a CycloneDX BOM names neither a commit (a pkg:huggingface purl with a 40-hex version) nor a hash for itself or its files, so the model the BOM describes cannot be told from another one of the same name. Regenerate the BOM from a locked snapshot (modelgate lock, then modelgate bom).");

    public static readonly Rule UnpinnedRequirement = new(
        "MG1101", "Requirement is not pinned", FindingKind.Hygiene, Severity.Low,
        "The requirement allows a range of versions, so what gets installed can change without a change to the repository. Pin it with == in a lock or requirements file.");

    public static readonly Rule UnhashedRequirement = new(
        "MG1102", "Pinned requirement has no hash", FindingKind.Hygiene, Severity.Info,
        "Without --hash (pip's hash-checking mode) an index or mirror could serve different bytes for the same version. Generate hashes with pip-compile --generate-hashes or use a lockfile.");

    public static readonly Rule PartiallyHashedRequirements = new(
        "MG1105", "Requirement lacks a hash in a hash-checked file", FindingKind.Hygiene, Severity.Medium,
        "When any requirement in a set has --hash, pip requires a hash for every one and refuses to install the set otherwise.");

    public static readonly Rule ConflictingPins = new(
        "MG1106", "Package pinned to different versions", FindingKind.Hygiene, Severity.Medium,
        "The same package is pinned to different versions in different places (without markers that separate the environments), so which one is deployed depends on which file is used.");

    public static readonly Rule ExtraIndexUrl = new(
        "MG1103", "Extra package index configured", FindingKind.Hygiene, Severity.Medium,
        "--extra-index-url makes pip pick the highest version from any index, so a public package with an internal name can replace the internal one (dependency confusion). Use a single index that proxies the others.");

    public static readonly Rule DirectReference = new(
        "MG1104", "Requirement is a direct URL, VCS or path reference", FindingKind.Hygiene, Severity.Low,
        "The package comes from a URL, a version-control repository or a local path, not an index: advisories cannot be matched by version. Pin VCS references to a commit and prefer released versions.");

    public static readonly Rule DangerousCallable = new(
        "MG2001", "Model file imports or calls a dangerous callable", FindingKind.Artifact, Severity.Critical,
        "A pickle stream (or an embedded one) imports or calls a function that runs commands, evaluates code, imports modules by name, touches files or the network, or loads another pickle. Loading the file runs it. Do not load the file; get the model in a format without code (safetensors) from a source you trust.");

    public static readonly Rule UnknownCallable = new(
        "MG2002", "Model file uses a callable outside the safe allowlist", FindingKind.Artifact, Severity.High,
        "A pickle stream imports or calls something that is not one of the reconstruction functions real PyTorch, NumPy, scikit-learn, pandas and joblib files use. Denylists are never complete, so anything outside the allowlist is suspicious until a person has checked it; add it to the policy's safe list only after review.");

    public static readonly Rule UnanalysablePickle = new(
        "MG2003", "Pickle cannot be fully analysed", FindingKind.Artifact, Severity.High,
        "The pickle resolves a callable at load time in a way static analysis cannot follow (a module or name computed by another call, an extension-registry code, a call on an unknown value). Such constructions are how published scanner bypasses hide their payloads.");

    public static readonly Rule ArtifactNotAnalysed = new(
        "MG2004", "Model file could not be analysed", FindingKind.Artifact, Severity.High,
        "The file (or an archive member) is truncated, malformed, in a format or compression ModelGate does not read, or beyond a safety limit. What it would do when loaded is unknown, so it is not clean (fail closed). The message names the file, the place and the reason.");

    public static readonly Rule ArchiveIrregularity = new(
        "MG2005", "Archive structure is irregular", FindingKind.Artifact, Severity.High,
        "A zip or tar archive has a property loaders and scanners disagree on: local and central names differ, flag bits (encryption) set on readable data, CRC mismatches, duplicate names, overlapping members, data outside the directory. Published scanner bypasses use exactly these. ModelGate reads the member as the loader would and reports the trick.");

    public static readonly Rule ArchivePathTraversal = new(
        "MG2006", "Archive member or external file escapes its folder", FindingKind.Artifact, Severity.High,
        "A member name (or an ONNX external-data location) is absolute or climbs out with '..', so an extractor or loader may read or write files outside the model folder.");

    public static readonly Rule EmbeddedCode = new(
        "MG2007", "Model file carries executable code by design", FindingKind.Artifact, Severity.High,
        "A TorchScript archive (code/ folder), a Keras Lambda layer (marshalled Python bytecode) or a reference to a function outside the framework runs code chosen by the file's author when the model is loaded or called. Use it only from a publisher you trust, or re-export the model without code.");

    public static readonly Rule DangerousGraphOperation = new(
        "MG2008", "Model graph contains an operation that reaches files, the network or Python", FindingKind.Artifact, Severity.Critical,
        "A TensorFlow graph calls an operation such as PyFunc, ReadFile or WriteFile, or an ONNX or TensorFlow graph uses an operator outside the standard sets, which needs native code registered by the loading process.");

    public static readonly Rule TemplateInjection = new(
        "MG2009", "Chat template can escape the template sandbox", FindingKind.Artifact, Severity.Critical,
        "A Jinja chat template stored in the model (GGUF tokenizer.chat_template) reaches Python internals (dunder attributes, known gadget globals). Servers that render it without a sandbox run code (CVE-2024-34359).");

    public static readonly Rule MalformedTensorLayout = new(
        "MG2010", "Tensor layout is inconsistent", FindingKind.Artifact, Severity.High,
        "Header fields of a safetensors, GGUF, NumPy or ONNX file disagree with each other or with the file: offsets outside the data, overlapping tensors, sizes that do not match shape and type, unknown types. Loaders may read out of bounds; a producer that writes such files is not the real library.");

    public static readonly Rule RevisionNotPinned = new(
        "MG3001", "Model revision is not pinned to a commit", FindingKind.Provenance, Severity.Medium,
        "The model was named by a branch or tag (or no revision at all), which its owner can move to different bytes at any time. ModelGate resolved it to a commit for this run; pin that commit in the reference (hf://owner/name@COMMIT) or in a lock file (modelgate lock).");

    public static readonly Rule UntrustedPublisher = new(
        "MG3002", "Model publisher is not a trusted organization", FindingKind.Provenance, Severity.Medium,
        "The repository's owner is not in the trusted organizations the policy lists. Review the publisher before use, or add it to the list.");

    public static readonly Rule FileHashMismatch = new(
        "MG3003", "File differs from its pinned hash", FindingKind.Provenance, Severity.Critical,
        "The bytes of a model file do not match the SHA-256 (or git blob id) recorded in the lock file or published by the Hub, or their size differs. The file was changed after it was pinned, corrupted, or served by someone else. Do not use it.");

    public static readonly Rule LockedFileMissing = new(
        "MG3004", "Locked file is missing", FindingKind.Provenance, Severity.High,
        "A file the lock pins is not in the snapshot, so the model that would load is not the one that was reviewed.");

    public static readonly Rule UnexpectedFile = new(
        "MG3005", "File is not in the lock", FindingKind.Provenance, Severity.High,
        "The snapshot holds a file the lock does not pin: added since the lock was written, or planted. Loaders pick up extra weight and code files by name, so review it and re-lock, or remove it.");

    public static readonly Rule SignatureMissing = new(
        "MG3006", "Model has no signature", FindingKind.Provenance, Severity.Low,
        "No Sigstore bundle or OpenSSF model signature (model.sig) was found with the model, so who produced these bytes cannot be verified, only that they match what the Hub serves.");

    public static readonly Rule CommitDiffersFromLock = new(
        "MG3007", "Model commit differs from the lock", FindingKind.Provenance, Severity.High,
        "The snapshot (or the revision asked for) is a different commit from the one the lock pins. Use the locked commit, or review the new one and re-lock.");

    public static readonly Rule HashUnavailable = new(
        "MG3008", "File cannot be checked against a published hash", FindingKind.Provenance, Severity.High,
        "Neither the lock nor the Hub's metadata gives a SHA-256 or git blob id for the file, so its bytes cannot be verified. It is not assumed genuine.");

    public static readonly Rule ModelSignatureVerified = new(
        "MG3010", "Model signature verified", FindingKind.Provenance, Severity.Info,
        "The model's OpenSSF model signature (model.sig) or Sigstore bundle was made by a trusted signer and every file matches it.");

    public static readonly Rule ModelSignatureInvalid = new(
        "MG3011", "Model signature is invalid", FindingKind.Provenance, Severity.Critical,
        "The signature is malformed, internally inconsistent, or its cryptographic signature does not verify with the key or certificate that should have made it. The files cannot be attributed to anyone. Do not use the model until it is signed again by its publisher.");

    public static readonly Rule SignedFileChanged = new(
        "MG3012", "Model file does not match its signature", FindingKind.Provenance, Severity.Critical,
        "The bytes of a file differ from the digest the model signature records: the file was changed after signing, corrupted, or replaced. Do not load the model.");

    public static readonly Rule SignedFileMissing = new(
        "MG3013", "Signed model file is missing", FindingKind.Provenance, Severity.Critical,
        "The model signature lists a file the model folder does not have, so the model that would load is not the one that was signed.");

    public static readonly Rule UnsignedFile = new(
        "MG3014", "File is not covered by the model signature", FindingKind.Provenance, Severity.Critical,
        "The model folder holds a file the signature does not list and no ignore rule covers: added after signing, or planted. Loaders pick up extra weight and code files by name; remove it, or have the publisher sign it.");

    public static readonly Rule SignerNotTrusted = new(
        "MG3015", "Model signer is not trusted", FindingKind.Provenance, Severity.High,
        "The model carries a signature, but not by a key, certificate or Sigstore identity configured as trusted (or none is configured). Anyone can sign a model; configure who may sign it (scan --signature-key, --signature-identity with --signature-issuer, --signature-certificate-chain).");

    public static readonly Rule SignatureUncheckable = new(
        "MG3016", "Model cannot be checked against its signature", FindingKind.Provenance, Severity.High,
        "The signature uses a serialization or digest ModelGate does not rebuild, or the model folder cannot be walked the way the signature requires (a symbolic link it does not allow, a link leaving the folder). Nothing was verified, so the model is not treated as signed.");
    public static readonly Rule ModelCardMissing = new(
        "MG4001", "Model has no model card", FindingKind.Card, Severity.Medium,
        "The model folder has no README.md model card, so its licence, intended uses, limitations and training data are undocumented. Ask the publisher for a card, or write one from what is known before use.");

    public static readonly Rule ModelCardFrontMatterBroken = new(
        "MG4002", "Model card metadata cannot be read", FindingKind.Card, Severity.Medium,
        "The YAML front matter of the model card is malformed (tab indentation, unclosed quotes, a block never closed) or uses type tags, which ModelGate never honours. Its fields (licence, datasets, base model) are unknown to every tool, the Hub included.");

    public static readonly Rule LicenseMissing = new(
        "MG4003", "Model licence is not declared", FindingKind.License, Severity.High,
        "Neither the card's license field nor a LICENSE file says under what terms the model may be used. Without a licence no use is granted; ask the publisher.");

    public static readonly Rule LicenseNotAllowed = new(
        "MG4004", "Model licence is not allowed by policy", FindingKind.License, Severity.High,
        "The model's licence is on the policy's licence deny list, or the policy lists allowed licences and this one is not among them.");

    public static readonly Rule LicenseNonCommercial = new(
        "MG4005", "Model licence forbids commercial use", FindingKind.License, Severity.High,
        "The licence grants use for non-commercial purposes or research only (Creative Commons NC, research licences). A product or any commercial use needs a separate agreement with the licensor.");

    public static readonly Rule LicenseUseRestricted = new(
        "MG4006", "Model licence restricts how it may be used", FindingKind.License, Severity.Medium,
        "The licence conditions use on an acceptable-use policy, forbidden fields of use (OpenRAIL Attachment A), a user-count threshold or naming duties (Llama, Gemma and similar community licences), and these conditions must be passed on to downstream users. Legal review should confirm the product complies.");

    public static readonly Rule LicenseCopyleft = new(
        "MG4007", "Model licence requires sharing alike", FindingKind.License, Severity.Medium,
        "The licence is copyleft: modified versions (and for network-copyleft licences, a service that offers the model over a network) must be released under the same licence, with source.");

    public static readonly Rule LicenseNoDerivatives = new(
        "MG4008", "Model licence forbids sharing modified versions", FindingKind.License, Severity.Medium,
        "The licence allows sharing the model only unmodified; a fine-tuned or quantized version may not be distributed.");

    public static readonly Rule LicenseUnidentified = new(
        "MG4009", "Model licence cannot be identified", FindingKind.License, Severity.Medium,
        "The declared licence is 'other' or an id ModelGate does not know, and its text could not be matched to a known licence. A person must read license_name, license_link and the licence text.");

    public static readonly Rule LicenseFileInconsistent = new(
        "MG4010", "LICENSE file differs from the declared licence", FindingKind.License, Severity.Medium,
        "The licence text shipped with the model reads as a different licence from the card's license field. The stricter terms may apply; ask the publisher which one governs.");

    public static readonly Rule RestrictiveClause = new(
        "MG4011", "Restrictive licence clause found", FindingKind.License, Severity.Medium,
        "The licence or card text contains a clause that limits use: non-commercial or research-only use, a user-count threshold, an acceptable-use policy, forbidden uses, share-alike, no derivatives, or attribution and naming duties. The clause is quoted with its file and line.");

    public static readonly Rule RemoteCodeRequired = new(
        "MG4012", "Model needs trust_remote_code: it runs the repository's Python code", FindingKind.Card, Severity.High,
        "config.json maps Auto classes to the repository's own modules (auto_map), or the repository ships Python files. Loading it with trust_remote_code=True runs that code with the loader's privileges. Review the code at a pinned commit, or use a model supported by the library itself.");

    public static readonly Rule PickleBesideSafetensors = new(
        "MG4013", "Pickle weights shipped beside a safetensors equivalent", FindingKind.Card, Severity.Medium,
        "The model has weights in a pickle-based format (pytorch_model.bin, .pt, .ckpt) and in safetensors. Loaders may pick the pickle, which can run code when loaded; load the safetensors file only (use_safetensors=True) and leave the pickle out of downloads.");

    public static readonly Rule PickleOnlyWeights = new(
        "MG4014", "Weights exist only in a pickle-based format", FindingKind.Card, Severity.Low,
        "The model's weights are pickle-based with no safetensors equivalent. Loading pickles can run code; the artifact scan found nothing known to be dangerous, but a safetensors conversion removes the risk.");

    public static readonly Rule GatedModel = new(
        "MG4015", "Model is gated behind access terms", FindingKind.License, Severity.Low,
        "The card asks users to accept terms (extra_gated_prompt) and share personal details before download. Those terms bind whoever accepted them and may add conditions beyond the licence id.");

    public static readonly Rule RiskyTag = new(
        "MG4016", "Model card carries a risky tag", FindingKind.Card, Severity.Medium,
        "The card is tagged as producing content not suitable for all audiences, or as uncensored or for red-teaming. Check the use case tolerates that before deployment.");

    public static readonly Rule LowDocumentationScore = new(
        "MG4017", "Model is poorly documented", FindingKind.Card, Severity.Low,
        "The card leaves out much of what Hugging Face's card template asks for (intended and out-of-scope uses, limitations and biases, training data, evaluation). The documentation score lists every point lost.");

    public static readonly Rule DatasetLicenseRestricted = new(
        "MG4018", "Training data licence restricts use", FindingKind.License, Severity.Medium,
        "A dataset the card names is known to be licensed for non-commercial or research use only, which may bind models trained on it. Legal review should decide.");

    public static readonly Rule WaiverExpired = new(
        "MG5001", "Policy waiver has expired", FindingKind.Policy, Severity.Medium,
        "A waiver in the policy file is past its expiry date, so the findings it covered count again. Fix them, or renew the waiver with a new date and a reason its owner still stands behind.");

    public static readonly Rule WaiverStale = new(
        "MG5002", "Policy waiver matches nothing", FindingKind.Policy, Severity.Low,
        "A waiver in force matched no finding in this run: the problem it excused is gone, or the waiver no longer matches it. Remove it so it cannot silently cover a future finding.");

    public static readonly Rule ModelFormatNotAllowed = new(
        "MG5003", "Model format not allowed by policy", FindingKind.Policy, Severity.High,
        "The policy requires model weights in certain formats (for example safetensors only), and this file is in another one. Convert it, or change the policy's model-formats list.");

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        ParseError, UnreadableInput, InputLimitExceeded, IncludeNotFound, IncludeCycle, UnsupportedInput, ReaderFailure,
        VersionNotAuditable, AdvisorySourceProblem,
        KnownVulnerability, PossiblyVulnerable, InconsistentBom, UnauditableBomComponent, UnpinnedBomModel,
        UnpinnedRequirement, UnhashedRequirement, ExtraIndexUrl, DirectReference, PartiallyHashedRequirements, ConflictingPins,
        DangerousCallable, UnknownCallable, UnanalysablePickle, ArtifactNotAnalysed, ArchiveIrregularity, ArchivePathTraversal,
        EmbeddedCode, DangerousGraphOperation, TemplateInjection, MalformedTensorLayout,
        RevisionNotPinned, UntrustedPublisher, FileHashMismatch, LockedFileMissing, UnexpectedFile, SignatureMissing,
        CommitDiffersFromLock, HashUnavailable,
        ModelSignatureVerified, ModelSignatureInvalid, SignedFileChanged, SignedFileMissing, UnsignedFile, SignerNotTrusted,
        SignatureUncheckable,
        ModelCardMissing, ModelCardFrontMatterBroken, LicenseMissing, LicenseNotAllowed, LicenseNonCommercial, LicenseUseRestricted,
        LicenseCopyleft, LicenseNoDerivatives, LicenseUnidentified, LicenseFileInconsistent, RestrictiveClause, RemoteCodeRequired,
        PickleBesideSafetensors, PickleOnlyWeights, GatedModel, RiskyTag, LowDocumentationScore, DatasetLicenseRestricted,
        WaiverExpired, WaiverStale, ModelFormatNotAllowed,
    ];

    /// <summary>The rule with this id, or null.</summary>
    public static Rule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
