/// Where to go after signing in: only a path on this site, so that `/login?next=` cannot send a
/// user to another site (an open redirect).
enum LocalPath {
    /// `candidate` when it is a local path (`/`, not `//` or `/\`, no control characters or
    /// backslashes), else `/`.
    static func validated(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"),
              !candidate.contains("\\"), candidate.count <= 2_000,
              !candidate.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return "/" }
        return candidate
    }
}
